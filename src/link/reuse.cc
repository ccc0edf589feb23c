#include "link/reuse.h"

#include <xxhash.h>

#include <algorithm>
#include <map>

#include "util/word_memo.h"

namespace isnad {

namespace {

bool AnyAt(std::string_view t, size_t i, const std::vector<std::string>& letters) {
  for (const std::string& l : letters) {
    if (t.compare(i, l.size(), l) == 0) return true;
  }
  return false;
}

std::string Skeleton(std::string_view w, const Lexicons& lx, std::string* scratch) {
  std::string_view stem = w;
  const std::string& al = lx.morphology.article();
  if (w.size() >= 2 && (static_cast<unsigned char>(w[0]) == 0xD8 || static_cast<unsigned char>(w[0]) == 0xD9)) {
    // Longest proclitic that leaves a stem of two letters or more.
    lx.clitics.ForEachVariant(w, scratch, [&](std::string_view s, size_t prefix) {
      if (prefix == 0) return false;
      stem = s.substr(0, al.size()) == al && s.size() >= al.size() + 4 ? s.substr(al.size()) : s;  // drop a restored article
      return true;
    });
    if (stem == w && w.substr(0, al.size()) == al && w.size() >= al.size() + 4) stem = w.substr(al.size());
  }
  // Inside the stem, the long vowels and their seats go (particles.tsv weak_letter).
  std::string out;
  out.reserve(stem.size());
  for (size_t i = 0; i < stem.size();) {
    size_t len = (static_cast<unsigned char>(stem[i]) & 0x80) ? 2 : 1;
    if (i > 0 && len == 2 && AnyAt(stem, i, lx.particles.weak_letters)) {
      i += len;
      continue;
    }
    out.append(stem, i, len);
    i += len;
  }
  // A final ه (folded ة) or ا: سورية / سوريا (particles.tsv skeleton_final).
  while (out.size() > 2 && AnyAt(out, out.size() - 2, lx.particles.skeleton_finals)) {
    out.resize(out.size() - 2);
  }
  return out;
}

// Chains the seeds (positions in a, positions in b) of one document pair into passages.
void ChainSeeds(size_t doc_a, const DocShingles& o, size_t doc_b, const DocShingles& s,
                std::vector<std::pair<uint32_t, uint32_t>>* seeds, std::vector<ReusePassage>* out) {
  constexpr int kShingle = ReuseIndex::kShingle;
  constexpr uint32_t kGap = 8;      // words between seeds of one passage, at most
  constexpr size_t kMinSeeds = 3;   // shared shingles a passage needs
  constexpr uint32_t kMinWords = 8;  // words a passage spans on each side
  constexpr double kMinSimilarity = 0.35;
  std::vector<std::pair<uint32_t, uint32_t>>& v = *seeds;
  std::sort(v.begin(), v.end());
  std::vector<bool> used(v.size(), false);
  for (size_t start = 0; start < v.size(); ++start) {
    if (used[start]) continue;
    // Greedy chain: the next seed after the last one, close in both documents.
    std::vector<size_t> chain{start};
    used[start] = true;
    for (size_t k = start + 1; k < v.size(); ++k) {
      if (used[k]) continue;
      auto [la, lb] = v[chain.back()];
      auto [a, b] = v[k];
      if (a > la + kGap) break;
      if (b > lb && b <= lb + kGap && a >= la) {
        chain.push_back(k);
        used[k] = true;
      }
    }
    if (chain.size() < kMinSeeds) continue;
    uint32_t a0 = v[chain.front()].first, a1 = v[chain.back()].first + kShingle - 1;
    uint32_t b0 = v[chain.front()].second, b1 = v[chain.back()].second + kShingle - 1;
    // A shared name or title ("مندوب سوريا الدائم لدى الأمم المتحدة") is not reuse.
    if (std::min(a1 - a0, b1 - b0) + 1 < kMinWords) continue;
    ReusePassage r;
    r.doc_a = doc_a;
    r.doc_b = doc_b;
    r.span_a = {o.words[a0].begin, o.words[std::min<size_t>(a1, o.words.size() - 1)].end};
    r.span_b = {s.words[b0].begin, s.words[std::min<size_t>(b1, s.words.size() - 1)].end};
    double longer = std::max(a1 - a0, b1 - b0) + 1.0 - (kShingle - 1);
    r.similarity = std::min(1.0, chain.size() / std::max(1.0, longer));
    if (r.similarity < kMinSimilarity) continue;  // a few shared phrases in different text
    r.kind = r.similarity >= 0.95 ? "verbatim" : r.similarity >= 0.6 ? "near_verbatim" : "paraphrase";
    out->push_back(r);
  }
}

}  // namespace

void ComputeShingles(const TokenizedText& tt, const Lexicons& lx, const SpanSet& excluded,
                     const std::function<ByteSpan(ByteSpan)>& to_input, DocShingles* out) {
  out->hashes.clear();
  out->words.clear();
  thread_local std::vector<uint64_t> words;
  thread_local std::string scratch;
  // A word's skeleton hash, once per word and thread: by the text's word ids when it has them.
  thread_local WordMemo<uint64_t> skeletons;
  thread_local WordSlots<uint64_t> skeleton_of_id;
  const bool by_id = tt.has_word_ids();
  words.clear();
  out->words.reserve(tt.size());
  for (size_t i = 0; i < tt.size(); ++i) {
    const Token& t = tt.tokens[i];
    if (t.kind == TokenKind::kPunct) continue;
    ByteSpan span = to_input({t.begin, t.end});
    if (excluded.Contains(span)) continue;
    auto skeleton = [&](std::string_view w) {
      std::string sk = Skeleton(w, lx, &scratch);
      return XXH3_64bits(sk.data(), sk.size());
    };
    if (by_id) {
      words.push_back(skeleton_of_id.Get(tt.word_epoch, tt.word_id[i], [&] { return skeleton(tt.text(i)); }));
    } else {
      words.push_back(skeletons.Get(lx.instance_id(), tt.text(i), skeleton));
    }
    out->words.push_back(span);
  }
  if (words.size() < ReuseIndex::kShingle) return;
  out->hashes.reserve(words.size() - ReuseIndex::kShingle + 1);
  for (size_t i = 0; i + ReuseIndex::kShingle <= words.size(); ++i) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < ReuseIndex::kShingle; ++k) h = (h ^ words[i + k]) * 0x100000001B3ull + (h >> 29);
    out->hashes.push_back(h);
  }
}

void ReuseIndex::Add(size_t doc, const DocShingles& s, std::vector<ReusePassage>* out) {
  docs_[doc] = &s;
  // Seeds per earlier document: (position there, position here).
  std::map<uint32_t, std::vector<std::pair<uint32_t, uint32_t>>> seeds;
  for (size_t pos = 0; pos < s.hashes.size(); ++pos) {
    auto& list = postings_[s.hashes[pos]];
    if (list.size() > kMaxPostings) continue;  // too common to mean copying
    for (const Posting& p : list) {
      if (p.doc != doc) seeds[p.doc].push_back({p.pos, static_cast<uint32_t>(pos)});
    }
    if (list.empty() || list.back().doc != doc || list.back().pos + kShingle <= pos) list.push_back({static_cast<uint32_t>(doc), static_cast<uint32_t>(pos)});
    if (list.size() > kMaxPostings) list.shrink_to_fit();
  }
  for (auto& [other, v] : seeds) ChainSeeds(other, *docs_.at(other), doc, s, &v, out);
}

std::vector<ReusePassage> FindReuse(const std::vector<const DocShingles*>& docs) {
  struct Entry {
    uint64_t hash;
    uint32_t doc;
    uint32_t pos;
  };
  struct Posting {
    uint32_t doc;
    uint32_t pos;
  };
  struct Seed {
    uint32_t b, pa, pb;
  };
  // The shingles are sorted in slices by the top bits of their hash, one slice at a
  // time: a hash's positions all fall in one slice, so the runs are those of one sort
  // of everything, while the sorted array holds about 1/kSlices of the corpus's
  // shingles (16 bytes each) instead of all of them.
  constexpr int kSliceBits = 3;
  constexpr uint64_t kSlices = uint64_t{1} << kSliceBits;
  size_t total = 0;
  for (const DocShingles* d : docs) total += d->hashes.size();
  std::vector<Entry> all;
  all.reserve(total / kSlices + total / (4 * kSlices) + 16);
  // Only the runs that can make seeds are kept: a shingle in two documents or more and
  // not too common to mean copying. Each run's postings are in (doc, pos) order, one run
  // after another; the last posting of a run has kLast set in its pos (a position is far
  // below 2^31: --max-bytes caps a document at 2 GB). They are reserved once, after the
  // first slice, from its count (the slices are of about one size).
  constexpr uint32_t kLast = uint32_t{1} << 31;
  std::vector<Posting> postings;
  for (uint64_t slice = 0; slice < kSlices; ++slice) {
    if (slice == 1) postings.reserve(postings.size() * kSlices + postings.size() * kSlices / 4 + 16);
    all.clear();
    for (size_t d = 0; d < docs.size(); ++d) {
      const auto& h = docs[d]->hashes;
      for (size_t p = 0; p < h.size(); ++p) {
        if ((h[p] >> (64 - kSliceBits)) == slice) all.push_back({h[p], static_cast<uint32_t>(d), static_cast<uint32_t>(p)});
      }
    }
    std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
      return a.hash != b.hash ? a.hash < b.hash : (a.doc != b.doc ? a.doc < b.doc : a.pos < b.pos);
    });
    for (size_t i = 0; i < all.size();) {
      size_t j = i;
      size_t distinct_docs = 0;
      while (j < all.size() && all[j].hash == all[i].hash) {
        if (j == i || all[j].doc != all[j - 1].doc) ++distinct_docs;
        ++j;
      }
      if (distinct_docs >= 2 && distinct_docs <= ReuseIndex::kMaxPostings && j - i <= 4 * ReuseIndex::kMaxPostings) {
        for (size_t x = i; x < j; ++x) postings.push_back({all[x].doc, all[x].pos});
        postings.back().pos |= kLast;
      }
      i = j;
    }
  }
  std::vector<Entry>().swap(all);
  // Each document's postings: of_doc[first[d] .. first[d + 1]).
  std::vector<uint32_t> first(docs.size() + 1, 0);
  for (const Posting& p : postings) ++first[p.doc + 1];
  for (size_t d = 0; d < docs.size(); ++d) first[d + 1] += first[d];
  std::vector<uint32_t> of_doc(postings.size());
  {
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (size_t x = 0; x < postings.size(); ++x) of_doc[next[postings[x].doc]++] = static_cast<uint32_t>(x);
  }
  // The seeds one document at a time, with every later document it shares a run with:
  // the pairs come out in (doc_a, doc_b) order, each pair's seeds together.
  std::vector<ReusePassage> out;
  std::vector<Seed> seeds;
  std::vector<std::pair<uint32_t, uint32_t>> pair_seeds;
  for (size_t a = 0; a < docs.size(); ++a) {
    seeds.clear();
    for (size_t k = first[a]; k < first[a + 1]; ++k) {
      const uint32_t x = of_doc[k];
      for (uint32_t y = x; !(postings[y].pos & kLast);) {
        const Posting& p = postings[++y];
        if (p.doc != a) seeds.push_back({p.doc, postings[x].pos, p.pos & ~kLast});
      }
    }
    std::sort(seeds.begin(), seeds.end(), [](const Seed& x, const Seed& y) {
      return x.b != y.b ? x.b < y.b : (x.pa != y.pa ? x.pa < y.pa : x.pb < y.pb);
    });
    for (size_t i = 0; i < seeds.size();) {
      size_t j = i;
      pair_seeds.clear();
      while (j < seeds.size() && seeds[j].b == seeds[i].b) {
        pair_seeds.push_back({seeds[j].pa, seeds[j].pb});
        ++j;
      }
      ChainSeeds(a, *docs[a], seeds[i].b, *docs[seeds[i].b], &pair_seeds, &out);
      i = j;
    }
  }
  std::sort(out.begin(), out.end(), [](const ReusePassage& x, const ReusePassage& y) {
    return x.doc_b != y.doc_b ? x.doc_b < y.doc_b : (x.doc_a != y.doc_a ? x.doc_a < y.doc_a : x.span_a.begin < y.span_a.begin);
  });
  return out;
}

}  // namespace isnad
