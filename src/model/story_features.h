// What the story index (link/stories.h) reads of one document, computed by the
// per-document stage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/vocab.h"
#include "util/byte_span.h"

namespace isnad {

struct StoryFeatures {
  enum Zone : uint8_t { kTitle = 0, kLead = 1, kBody = 2 };
  struct Term {
    uint32_t id = 0;  // hash of the stem
    uint8_t zone = kBody;
    uint8_t count = 0;  // occurrences in the zone, saturated at 255
  };
  struct Entity {
    std::string key;  // document-level mention key (extract/entities.h)
    EntityType type = EntityType::kORG;
    uint8_t zone = kBody;  // the first zone it is named in
    uint8_t count = 0;
  };
  // A sentence a story summary may quote.
  struct Sentence {
    ByteSpan span;                // input offsets
    std::vector<uint32_t> terms;  // distinct stem ids
    bool attributed = false;      // has a speaker or an "according to" source
  };
  std::vector<Term> terms;  // distinct per (id, zone)
  // Key phrases: adjacent content words of the title and of the lead, as the hash of
  // the two stems in order, distinct per (id, zone). A pair such as "security council"
  // or "embassy move" names a happening more narrowly than either word alone.
  std::vector<Term> phrases;
  // The kinds of happening the title and the lead name (data/story_events.tsv), as the
  // hash of the class, distinct per (id, zone), in order of first mention; count unused.
  std::vector<Term> kinds;
  std::vector<uint32_t> figures;  // count values of the title and lead, hashed
  std::vector<Entity> entities;   // distinct keys, in order of first mention
  std::vector<Sentence> sentences;
};

}  // namespace isnad
