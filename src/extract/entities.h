// Mentions of actors in one document (the per-document half of entity resolution).
//
// A mention comes from, in order of preference at each token:
//   - the gazetteer (data/gazetteer.tsv) or the outlet list (data/outlets.tsv; names
//     that are also common words count only in quotes or after a media head),
//   - a head noun and the name after it (سجن غويران، حي الزهور، تنظيم "مغاوير الثورة";
//     data/entity_heads.tsv); a head before a gazetteer name of a compatible type is part
//     of that name (تنظيم داعش، مدينة الحسكة), before another type it makes a new entity
//     keyed by the place (سجن الحسكة),
//   - a given name and the word after it (data/given_names.tsv): a person,
//   - a definite head alone (التنظيم، المرصد، التحالف), which refers back to the last
//     mention in the document whose name starts with that head,
//   - a surname alone, once the full name has been seen in the document,
//   - an organ of a state and its country (data/state_bodies.tsv): الحكومة الفلسطينية,
//     قوات الاحتلال الإسرائيلي, وزارة الصحة في غزة (extract/names.h, body keys),
//   - the learned tagger (ner/tagger.h) for the names none of these knows; it also sets
//     the boundaries of head and person names (ليلى أنور الغندور, not ليلى أنور) and
//     vetoes a given-name rule it sees no name in (أن هناك),
//   - a title or role the document gives a named person, standing alone elsewhere in the
//     document (الرئيس الفلسطيني for محمود عباس).
// Each mention carries a key; mentions with the same key in a document are one actor.
// Acronyms defined in the text (قوات سوريا الديمقراطية (قسد)) and "also known as"
// phrases become alias links between keys, and "FAC في GPE" becomes a location fact;
// the corpus stage (link/entities.h) uses both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lexicon/lexicons.h"
#include "text/tokenizer.h"

namespace isnad {

struct Mention {
  uint32_t first = 0;  // tokens [first, last] of the name
  uint32_t last = 0;
  uint32_t prefix_bytes = 0;  // clitic bytes at the start of `first` that are not the name
  EntityType type = EntityType::kORG;
  std::string key;    // document-level identity: g:sdf, h:سجن|غويران, p:بسام|صباغ, m:رويترز
  std::string name;   // normalized name as written (without the clitic)
  bool anaphor = false;
};

struct EntityFacts {
  std::vector<Mention> mentions;  // in text order
  std::vector<std::pair<std::string, std::string>> aliases;   // keys naming one referent
  std::vector<std::pair<std::string, std::string>> located;   // (facility key, place key)
  // Other names of a key as written, tokens [first, last]: a title with the name after it
  // (الملك عبد الله الثاني), a body with its place (وزارة الصحة في غزة).
  struct Surface {
    std::string key;
    uint32_t first = 0, last = 0;
  };
  std::vector<Surface> surfaces;
  std::vector<std::string> occupiers;  // country keys named with الاحتلال (قوات الاحتلال الإسرائيلي)
};

void ExtractMentions(const TokenizedText& tt, const Lexicons& lx, EntityFacts* out);

// Index of the mention covering token i, or -1 (mentions are sorted and disjoint).
int MentionAt(const EntityFacts& facts, size_t token);

}  // namespace isnad
