// Who says what: speakers and the words that are theirs, in one document.
//
// Attribution is read sentence by sentence:
//   - a verb of saying (data/speech.tsv: قال، أكد، أشار، أعلن…) has a speaker: the actor
//     named right after it (قال المرصد، أكد … السفير بسام صباغ — a person is preferred
//     among the names before the complementizer), or right before it (بوليانسكي قال), or,
//     for a verb with no named subject (وأضاف، وأشارت إلى أن), the last speaker;
//   - the words after the complementizer (أن، إن، :) to the end of the sentence, and any
//     quotation («…»، "…") in the sentence, are the speaker's; a quotation in a sentence
//     with no verb of saying continues the last speaker when it follows one closely;
//   - "according to X" (وفق، بحسب، حسبما ذكرت، نقلاً عن) names a source for the sentence:
//     the speaker when there is no verb of saying, else a link in the chain;
//   - "told X" (قال لـ«القدس العربي»، في رسالة إلى X) records the medium a speaker spoke
//     through; claims by that speaker carry it in their chain;
//   - a source without a name (مصادر، المصدر ذاته، البيان) is a generic speaker or the
//     last one; a title without a name (المبعوث الفلسطيني) is the person the article
//     names with that title, or the phrase as written;
//   - a relay (نقلت رويترز عن مسؤول قوله) has the relayed speaker and the relayer as a
//     link of the chain; a negated verb (لم يشر)، a verb in a relative clause (الذي
//     أعلنت) and a verb of opinion with no subject of its own (ويعتبر …) attribute nothing;
//   - credit lines ("(رويترز)"، "المصدر: وكالة …"، "غزة - وكالات:") name the agencies the
//     whole article came through.
// The small words of these rules are data (data/attribution_cues.tsv, data/speech.tsv).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "extract/entities.h"
#include "text/sentences.h"

namespace isnad {

struct Speaker {
  int mention = -1;    // index into EntityFacts::mentions, or -1 for a generic source
  std::string key;     // entity key, or "generic:<noun>"
  uint32_t first = 0;  // token range of the speaker phrase as written
  uint32_t last = 0;
};

struct Attribution {
  std::vector<Speaker> speakers;
  std::vector<int> token_voice;        // per token: speaker index, -1 = the outlet's narration
  std::vector<int> sentence_speaker;   // per sentence: speaker of its verb of saying, or -1
  std::vector<int> sentence_verb;      // per sentence: token of that verb, or -1
  std::vector<uint32_t> sentence_words_end;  // per sentence: where the speaker's words end
                                             // (a clause of narration follows), else its end
  std::vector<int> quote_of;           // per token: index of the quotation it is in, or -1
  std::vector<std::vector<int>> sentence_according;  // per sentence: "according to" speakers
  std::unordered_map<std::string, std::vector<std::string>> told;  // speaker key -> media keys
  std::vector<int> credits;            // speakers: the agencies of the article's credit lines
};

void Attribute(const TokenizedText& tt, const std::vector<Sentence>& sentences, const EntityFacts& facts,
               const Lexicons& lx, Attribution* out);

}  // namespace isnad
