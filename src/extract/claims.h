// Quantity claims: who says how many of whom, in one document.
//
// Every count (a quantity of kind `count`) is a claim candidate. Its category comes from
// the trigger words of its sentence (data/claim_triggers.tsv): the strongest, then the
// nearest, so the event (اعتقالهم) outranks the role of the counted (مهاجماً), and a
// breakdown ("181 قتيلاً … 124 منهم … و50 … إضافة إلى 7") shares the head's trigger.
// Fleeing residents are displaced, not escaped. A count with no trigger is `other`.
// The subject is the class named by the counted noun (data/subject_classes.tsv) or the
// actor named just after the number, else the nearest armed group in the sentence.
// The source is the voice of the number's words (attribution.h), else the sentence's
// "according to" source, else a verb of saying that opens the next sentence of the
// paragraph, else the outlet. The chain is every other "according to" source of the
// sentence and the media the speaker spoke through.
#pragma once

#include <string>
#include <vector>

#include "extract/attribution.h"
#include "extract/framing.h"
#include "extract/numbers.h"

namespace isnad {

struct ClaimItem {
  size_t quantity = 0;       // index into the document's quantities
  size_t sentence = 0;
  std::string category;
  std::string subject_class;  // civilians, families, staff, children, women, all, or ""
  int subject_mention = -1;   // index into EntityFacts::mentions, or -1
  // The counted noun that names who is counted when no entity does (45 فلسطينيا،
  // عشرات المتظاهرين): its tokens, the clitic bytes before it, and its family key.
  struct SubjectWords {
    int first = -1, last = -1;  // tokens, or -1
    uint16_t prefix = 0;
    std::string key;
    bool found() const { return first >= 0; }
  };
  SubjectWords subject_words;
  int speaker = -1;           // index into Attribution::speakers, or -1 for the outlet
  std::vector<int> chain;     // speakers (according-to sources) between speaker and outlet
  std::vector<std::string> chain_media;  // media keys the speaker spoke through
};

void ExtractClaims(const TokenizedText& tt, const std::vector<Sentence>& sentences,
                   const std::vector<Quantity>& quantities, const EntityFacts& facts, const Attribution& attribution,
                   const std::vector<FramingItem>& framing, const Lexicons& lx, std::vector<ClaimItem>* out);

}  // namespace isnad
