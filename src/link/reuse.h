// Text reuse across documents: passages one document shares with another (wire copy,
// the same statement rendered by two outlets), found through an inverted index of
// word shingles, not by comparing all pairs.
//
// Words are reduced to a skeleton before shingling, so that spelling variants and
// clitics do not hide a copy: the normalized word (أ/إ/آ → ا, ة → ه …) loses its
// proclitics (و، ف، ب، ل، ال …), its long vowels after the first letter and a final ه or
// ا: الأمريكي and الأميركي, سوريا and سورية, لـ«قسد» and قسد share a skeleton. Shingles are
// three consecutive skeletons. The index maps a shingle to the (document, position)
// where it occurs; a shingle found in more than kMaxPostings documents is boilerplate
// language and is dropped, which keeps the work per document bounded (near-linear in
// the corpus). Shared shingles between two documents are seeds; seeds close together
// in both documents chain into a passage. Documents are added one at a time: each Add
// reports the passages the new document shares with those already indexed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lexicon/lexicons.h"
#include "model/shingles.h"
#include "text/tokenizer.h"

namespace isnad {

// Computes the shingles of a tokenized document, skipping tokens in `excluded`
// (page chrome, as input spans).
void ComputeShingles(const TokenizedText& tt, const Lexicons& lx, const SpanSet& excluded,
                     const std::function<ByteSpan(ByteSpan)>& to_input, DocShingles* out);

struct ReusePassage {
  size_t doc_a = 0, doc_b = 0;  // indices as added; doc_a < doc_b
  ByteSpan span_a, span_b;
  double similarity = 0;        // shared shingles over the longer side's shingles
  std::string kind;             // verbatim | near_verbatim | paraphrase
};

// The same passages for a whole corpus at once: every (shingle, document, position) is
// sorted by shingle, runs in one document only or too common to mean copying are
// dropped, and the rest become seeds one document at a time, per document pair.
// O(n log n) in the corpus and much lighter on memory traffic than the incremental
// index; Corpus::Snapshot (link/corpus.h) uses it, and a service that must report each
// document's passages as it arrives uses ReuseIndex.
std::vector<ReusePassage> FindReuse(const std::vector<const DocShingles*>& docs);

class ReuseIndex {
 public:
  static constexpr int kShingle = 3;
  static constexpr size_t kMaxPostings = 24;

  // Indexes document `doc` (indices must increase) and appends the passages it shares
  // with earlier documents to `out`.
  void Add(size_t doc, const DocShingles& shingles, std::vector<ReusePassage>* out);

 private:
  struct Posting {
    uint32_t doc;
    uint32_t pos;
  };
  std::unordered_map<uint64_t, std::vector<Posting>> postings_;
  std::unordered_map<size_t, const DocShingles*> docs_;
};

}  // namespace isnad
