// Framing: the epithets a voice gives an actor (data/epithets.tsv):
//   - before a name: "ميليشيا قسد", "إرهابيي داعش", "نظام الأسد";
//   - after a name: "قسد الانفصالية", "المرصد السوري المعارض", "قسد المدعومة من الولايات
//     المتحدة", "وزارة الصحة التابعة لحماس";
//   - a state named through a nationality: "قوات الاحتلال الأمريكي", "آلة القتل
//     الإسرائيلية", "النظام السوري", with the force that precedes it (قوات، جيش، سلطات);
//     "الاحتلال" alone names the occupier the text named before, if any;
//   - standing alone for an actor: "المرتزقة", "الجماعة المتطرفة" (the last armed group
//     named before, other than the voice's own), "الدولة العبرية" (a fixed actor),
//     "الشهداء", "مثيري الشغب" (a class of people, no one actor);
//   - said of an actor: "إسرائيل دولة إرهاب", "اعتبر حماس منظمة إرهابية" (the nearest
//     actor before it in the sentence);
//   - quoting distance: "ما يسمى بـ«الجيش الحر»" (the phrase and the name it distances).
// The voice is the speaker whose words contain the epithet, else the outlet's narration;
// a naming verb (وصف، اعتبر، صنّف، نعت) before the epithet in its sentence gives it the
// voice of the verb's subject ("الذين وصفتهم إسرائيل بأنهم «مثيرو الشغب»").
#pragma once

#include <string>
#include <vector>

#include "extract/attribution.h"

namespace isnad {

struct FramingItem {
  uint32_t first = 0;  // tokens [first, last]
  uint32_t last = 0;
  std::string entity_key;   // "" when the epithet names no one actor
  int voice = -1;           // speaker index, -1 = outlet (or voice_mention)
  std::string kind;         // pejorative, political, sponsorship…
  bool adjectival = false;  // "NAME ADJECTIVE": the surface is also an alias of the actor
  int voice_mention = -1;   // the subject of a naming verb, when it is the voice (voice = -1)
  // …or, when that subject is a title with no name (وصف الرئيس الفلسطيني), its tokens
  // [voice_first, voice_last] (voice_phrase set, voice = voice_mention = -1).
  bool voice_phrase = false;
  uint32_t voice_first = 0, voice_last = 0;
};

void ExtractFraming(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
                    const Attribution& attribution, const Lexicons& lx, std::vector<FramingItem>* out);

}  // namespace isnad
