// Framing: the epithets a voice gives an actor (data/epithets.tsv): "ميليشيا قسد
// الانفصالية", "إرهابيي داعش", "المرصد السوري المعارض", "قسد المدعومة من الولايات
// المتحدة", "قوات الاحتلال الأمريكي", and names that stand alone for an actor
// ("المرتزقة", "الجماعة المتطرفة": the last armed group named before, other than the
// voice's own). The voice is the speaker whose words contain the epithet, else the
// outlet's narration.
#pragma once

#include <string>
#include <vector>

#include "extract/attribution.h"

namespace isnad {

struct FramingItem {
  uint32_t first = 0;  // tokens [first, last]
  uint32_t last = 0;
  std::string entity_key;
  int voice = -1;      // speaker index, -1 = outlet
  std::string kind;    // pejorative, political, sponsorship…
  bool adjectival = false;  // "NAME ADJECTIVE": the surface is also an alias of the actor
};

void ExtractFraming(const TokenizedText& tt, const EntityFacts& facts, const Attribution& attribution,
                    const Lexicons& lx, std::vector<FramingItem>* out);

}  // namespace isnad
