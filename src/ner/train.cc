#include "ner/train.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "ner/features.h"
#include "ner/tagger.h"

namespace isnad::ner {

namespace {

// "B-PERS" -> B-PER; MIS0..3, MISS -> MISC; "I--ORG" -> I-ORG; "OO" -> O. -1: unreadable.
int ParseTag(std::string_view t) {
  if (t.empty()) return -1;
  if (t[0] == 'O') return 0;
  if ((t[0] != 'B' && t[0] != 'I') || t.size() < 3) return -1;
  bool begin = t[0] == 'B';
  std::string_view type = t.substr(1);
  while (!type.empty() && type[0] == '-') type.remove_prefix(1);
  NerType ty;
  if (type.rfind("PER", 0) == 0) ty = NerType::kPER;
  else if (type.rfind("LOC", 0) == 0) ty = NerType::kLOC;
  else if (type.rfind("ORG", 0) == 0) ty = NerType::kORG;
  else if (type.rfind("MIS", 0) == 0) ty = NerType::kMISC;
  else return -1;
  return begin ? BeginTag(ty) : InsideTag(ty);
}

// U+061F ARABIC QUESTION MARK in UTF-8.
constexpr char kArabicQuestionMark[] = {static_cast<char>(0xD8), static_cast<char>(0x9F), 0};

bool SentenceFinal(std::string_view tok) {
  return tok == "." || tok == "!" || tok == "?" || tok == kArabicQuestionMark;
}

uint64_t SplitMix(uint64_t* s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

Status ReadBio(const std::string& path, size_t first_line, size_t last_line, BioCorpus* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path);
  std::string line;
  size_t lineno = 0;
  size_t start = out->tokens.size();
  auto end_sentence = [&] {
    if (out->tokens.size() > start) out->sentence_end.back() = 1;
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (lineno < first_line) continue;
    if (last_line && lineno > last_line) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t sp = line.find_last_of(" \t");
    if (line.find_first_not_of(" \t") == std::string::npos) {
      end_sentence();
      continue;
    }
    if (sp == std::string::npos) return Status::Corruption(path + ":" + std::to_string(lineno) + ": expected TOKEN TAG");
    std::string token = line.substr(0, sp);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.pop_back();
    int tag = ParseTag(std::string_view(line).substr(sp + 1));
    if (tag < 0) {
      // A typo in one tag (AQMAR has "IO", "OO") should not lose the file: it is read as O
      // and reported.
      if (out->unreadable_tags++ == 0) out->first_unreadable = path + ":" + std::to_string(lineno) + ": " + line.substr(sp + 1);
      tag = 0;
    }
    if (token.empty()) continue;
    out->tokens.push_back(token);
    out->tags.push_back(static_cast<uint8_t>(tag));
    out->sentence_end.push_back(0);
    if (SentenceFinal(token)) end_sentence();
  }
  end_sentence();
  return Status::OK();
}

void Align(const BioCorpus& c, const Lexicons& lx, AlignedCorpus* out) {
  out->text.clear();
  std::vector<uint32_t> begin(c.tokens.size()), end(c.tokens.size());
  for (size_t k = 0; k < c.tokens.size(); ++k) {
    begin[k] = static_cast<uint32_t>(out->text.size());
    out->text += c.tokens[k];
    end[k] = static_cast<uint32_t>(out->text.size());
    out->text += c.sentence_end[k] ? '\n' : ' ';
  }
  // Gold spans over corpus tokens (an I-X that does not continue X opens a span).
  out->gold_spans.clear();
  for (size_t k = 0; k < c.tokens.size(); ++k) {
    int t = c.tags[k];
    if (t == 0) continue;
    bool cont = IsInside(t) && k > 0 && c.tags[k - 1] != 0 && TypeOf(c.tags[k - 1]) == TypeOf(t) && !out->gold_spans.empty() &&
                out->gold_spans.back().span.end == end[k - 1];
    if (cont) {
      out->gold_spans.back().span.end = end[k];
    } else {
      out->gold_spans.push_back({{begin[k], end[k]}, TypeOf(t)});
    }
  }
  TokenizedText& tt = out->tt;
  lx.normalizer.Normalize(out->text, &tt.norm);
  Tokenize(lx.normalizer, &tt);
  lx.Annotate(&tt);
  out->gold.assign(tt.size(), 0);
  out->chunk_end.assign(tt.size(), 0);
  size_t k = 0;
  long prev_k = -1;
  for (size_t j = 0; j < tt.size(); ++j) {
    ByteSpan r = tt.RawSpan(j, j);
    while (k + 1 < c.tokens.size() && end[k] <= r.begin) ++k;
    int t = c.tags[k];
    if (IsBegin(t) && prev_k == static_cast<long>(k)) t = InsideTag(TypeOf(t));  // the rest of a split token
    if (IsInside(t) && (j == 0 || !Allowed(out->gold[j - 1], t))) t = BeginTag(TypeOf(t));
    out->gold[j] = static_cast<uint8_t>(t);
    prev_k = static_cast<long>(k);
  }
  for (size_t j = 0; j < tt.size(); ++j) {
    ByteSpan r = tt.RawSpan(j, j);
    bool last_of_token = j + 1 == tt.size() || tt.RawSpan(j + 1, j + 1).begin >= r.end;
    // The engine token ending where a sentence-final corpus token ends.
    auto it = std::upper_bound(end.begin(), end.end(), r.begin);
    size_t kk = static_cast<size_t>(it - end.begin());
    if (kk < c.tokens.size() && c.sentence_end[kk] && r.end >= end[kk] && last_of_token) out->chunk_end[j] = 1;
  }
  if (!tt.tokens.empty()) out->chunk_end.back() = 1;
}

Result<uint64_t> LoadGazetteerSets(const std::string& dir, const Lexicons& lx, HashIndex<uint16_t>* out) {
  struct File {
    const char* name;
    uint16_t whole, part;
  } files[] = {{"AlignedLocGazetteer.txt", kGazLocWhole, kGazLocPart},
               {"AlignedPersGazetteer.txt", kGazPerWhole, kGazPerPart},
               {"AlignedOrgGazetteer.txt", kGazOrgWhole, kGazOrgPart}};
  XXH64_state_t* digest = XXH64_createState();
  XXH64_reset(digest, 0);
  static const FeatureLists kNone;
  Featurizer fz(lx, kNone);
  std::string scratch;
  for (const File& f : files) {
    std::string path = dir + "/" + f.name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      XXH64_freeState(digest);
      return Status::IOError("cannot read " + path);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    XXH64_update(digest, text.data(), text.size());
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '=' || line[0] == '*') continue;  // continent and country separators
      TokenizedText tt;
      lx.normalizer.Normalize(line, &tt.norm);
      Tokenize(lx.normalizer, &tt);
      size_t words = 0;
      for (size_t i = 0; i < tt.size(); ++i) words += tt.tokens[i].kind == TokenKind::kWord;
      for (size_t i = 0; i < tt.size(); ++i) {
        if (tt.tokens[i].kind != TokenKind::kWord) continue;
        std::string_view stem = fz.StemOf(tt.text(i), &scratch);
        *out->Insert(Featurizer::GazetteerKey(stem), 0) |= words == 1 ? f.whole : f.part;
      }
    }
  }
  uint64_t h = XXH64_digest(digest);
  XXH64_freeState(digest);
  return h;
}

Result<uint64_t> LoadNameTokens(const std::string& path, const Lexicons& lx, HashIndex<uint16_t>* out, uint16_t bit,
                                std::vector<std::string>* stems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  static const FeatureLists kNone;
  Featurizer fz(lx, kNone);
  std::string scratch, line;
  std::istringstream lines(text);
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string norm = lx.normalizer.NormalizeString(line.substr(0, line.find('\t')));
    if (norm.empty() || norm.find(' ') != std::string::npos) continue;
    std::string_view stem = fz.StemOf(norm, &scratch);
    *out->Insert(Featurizer::GazetteerKey(stem), 0) |= bit;
    if (stems) stems->emplace_back(stem);
  }
  return XXH64(text.data(), text.size(), 0);
}

void BuildLetterModel(const std::vector<std::string>& names, const AlignedCorpus& c, const Lexicons& lx,
                      std::vector<int16_t>* out) {
  // Trigram counts of each side, and counts of their two-letter contexts.
  std::vector<double> tri[2] = {std::vector<double>(kLetterTrigrams), std::vector<double>(kLetterTrigrams)};
  std::vector<double> ctx[2] = {std::vector<double>(1 << 12), std::vector<double>(1 << 12)};
  auto count = [&](std::string_view stem, int side) {
    Featurizer::ForEachTrigram(stem, [&](uint32_t t) {
      tri[side][t] += 1;
      ctx[side][t >> 6] += 1;
    });
  };
  std::unordered_map<std::string, int> seen;
  for (const std::string& n : names) {
    if (seen.emplace(n, 0).second) count(n, 0);
  }
  static const FeatureLists kNone;
  Featurizer fz(lx, kNone);
  std::string scratch;
  std::unordered_map<std::string, int> words;
  for (size_t j = 0; j < c.tt.size(); ++j) {
    if (c.gold[j] != 0 || c.tt.tokens[j].kind != TokenKind::kWord || !(c.tt.tokens[j].flags & Token::kArabic)) continue;
    std::string stem(fz.StemOf(c.tt.text(j), &scratch));
    if (seen.count(stem)) continue;  // a name's spelling is not evidence of ordinary words
    if (words.emplace(stem, 0).second) count(stem, 1);
  }
  constexpr double kAlpha = 0.5, kLetters = 40;
  out->assign(kLetterTrigrams, 0);
  for (size_t t = 0; t < kLetterTrigrams; ++t) {
    double n0 = tri[0][t], n1 = tri[1][t];
    if (n0 + n1 < 3) continue;
    double c0 = ctx[0][t >> 6], c1 = ctx[1][t >> 6];
    double lr = std::log((n0 + kAlpha) / (c0 + kAlpha * kLetters)) - std::log((n1 + kAlpha) / (c1 + kAlpha * kLetters));
    (*out)[t] = static_cast<int16_t>(std::lround(std::clamp(lr, -20.0, 20.0) * 100));
  }
}

std::shared_ptr<Model> Train(const AlignedCorpus& c, const Lexicons& lx, const FeatureLists& lists,
                             const TrainOptions& opt, TrainStats* stats) {
  const TokenizedText& tt = c.tt;
  const size_t n = tt.size();
  Featurizer fz(lx, lists);
  // Features of every token, then of the two boundary pseudo-tokens (n, n + 1).
  std::vector<std::vector<Feature>> raw(n + 2);
  FeatureList fl;
  for (size_t j = 0; j < n; ++j) {
    fz.TokenFeatures(tt, j, &fl);
    raw[j].assign(fl.f, fl.f + fl.n);
  }
  fz.PositionFeatures(tt, [&](size_t i, uint64_t key) { raw[i].push_back({key, 1 << kWindow}); });
  fz.BoundaryFeatures(false, &fl);
  raw[n].assign(fl.f, fl.f + fl.n);
  fz.BoundaryFeatures(true, &fl);
  raw[n + 1].assign(fl.f, fl.f + fl.n);

  std::unordered_map<uint64_t, uint32_t> count;
  for (const auto& fs : raw) {
    for (const Feature& f : fs) ++count[f.key];
  }
  std::unordered_map<uint64_t, uint32_t> id;
  std::vector<uint64_t> keys;
  for (const auto& fs : raw) {
    for (const Feature& f : fs) {
      if (count[f.key] < static_cast<uint32_t>(opt.min_count) || id.count(f.key)) continue;
      id.emplace(f.key, static_cast<uint32_t>(keys.size()));
      keys.push_back(f.key);
    }
  }
  struct Fid {
    uint32_t id;
    uint8_t offsets;
    bool lexical;
  };
  std::vector<std::vector<Fid>> feats(n + 2);
  for (size_t j = 0; j < n + 2; ++j) {
    for (const Feature& f : raw[j]) {
      auto it = id.find(f.key);
      if (it != id.end()) feats[j].push_back({it->second, f.offsets, f.lexical});
    }
  }
  raw.clear();
  raw.shrink_to_fit();
  const size_t nf = keys.size();
  std::vector<float> w(nf * kSlots, 0.0f), u(nf * kSlots, 0.0f);
  float tw[(kTags + 1) * kTags] = {}, tu[(kTags + 1) * kTags] = {};
  // The features voting at position j: a real token, or a boundary pseudo-token.
  auto at = [&](long j) -> const std::vector<Fid>& {
    if (j < 0) return feats[n];
    if (j >= static_cast<long>(n)) return feats[n + 1];
    return feats[j];
  };

  std::vector<std::pair<size_t, size_t>> chunks;  // [begin, end)
  for (size_t j = 0, b = 0; j < n; ++j) {
    if (c.chunk_end[j]) {
      chunks.emplace_back(b, j + 1);
      b = j + 1;
    }
  }
  if (stats) {
    stats->tokens = n;
    stats->sentences = chunks.size();
  }
  std::vector<uint32_t> order(chunks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  uint64_t rng = opt.seed;
  double step = 1;
  std::vector<float> em;
  std::vector<uint8_t> back, pred;
  // Word dropout: in each epoch a share of tokens hide their word features, so that the
  // affixes, lexicons and context learn to carry names never seen in training.
  std::vector<uint8_t> dropped(n, 0);
  const uint64_t drop_threshold = static_cast<uint64_t>(opt.word_dropout * 18446744073709551615.0);
  auto active = [&](long j, const Fid& f) { return !f.lexical || j < 0 || j >= static_cast<long>(n) || !dropped[j]; };
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[SplitMix(&rng) % i]);
    for (size_t j = 0; j < n; ++j) dropped[j] = opt.word_dropout > 0 && SplitMix(&rng) < drop_threshold;
    for (uint32_t ci : order) {
      auto [b, e] = chunks[ci];
      const size_t len = e - b;
      em.assign(len * kTags, 0.0f);
      for (size_t i = 0; i < len; ++i) {
        float* dst = &em[i * kTags];
        for (int d = -kWindow; d <= kWindow; ++d) {
          const long j = static_cast<long>(b + i) + d;
          for (const Fid& f : at(j)) {
            if (!(f.offsets & (1 << (d + kWindow))) || !active(j, f)) continue;
            const float* src = &w[f.id * size_t{kSlots} + (d + kWindow) * kTags];
            for (int t = 0; t < kTags; ++t) dst[t] += src[t];
          }
        }
      }
      // Loss-augmented decoding: every wrong tag gets a head start of `margin` (missing a
      // name costs `miss_cost` times more), so an update comes until gold wins by a margin.
      if (opt.margin > 0) {
        for (size_t i = 0; i < len; ++i) {
          const int g = c.gold[b + i];
          for (int t = 0; t < kTags; ++t) {
            if (t != g) em[i * kTags + t] += static_cast<float>(opt.margin * (g != 0 && t == 0 ? opt.miss_cost : 1.0));
          }
        }
      }
      const int start = b == 0 ? kStart : c.gold[b - 1];
      back.resize(len * kTags);
      float prev[kTags], cur[kTags];
      for (int t = 0; t < kTags; ++t) prev[t] = Allowed(start, t) ? tw[start * kTags + t] + em[t] : kNone;
      for (size_t i = 1; i < len; ++i) {
        for (int t = 0; t < kTags; ++t) {
          float best = kNone;
          int arg = 0;
          for (int p = 0; p < kTags; ++p) {
            if (!Allowed(p, t)) continue;
            float s = prev[p] + tw[p * kTags + t];
            if (s > best) { best = s; arg = p; }
          }
          cur[t] = best + em[i * kTags + t];
          back[i * kTags + t] = static_cast<uint8_t>(arg);
        }
        std::copy(cur, cur + kTags, prev);
      }
      pred.resize(len);
      int last = static_cast<int>(std::max_element(prev, prev + kTags) - prev);
      for (size_t i = len; i-- > 0;) {
        pred[i] = static_cast<uint8_t>(last);
        if (i > 0) last = back[i * kTags + last];
      }
      const float cs = static_cast<float>(step);
      for (size_t i = 0; i < len; ++i) {
        const int g = c.gold[b + i], p = pred[i];
        if (g != p) {
          for (int d = -kWindow; d <= kWindow; ++d) {
            const long j = static_cast<long>(b + i) + d;
            for (const Fid& f : at(j)) {
              if (!(f.offsets & (1 << (d + kWindow))) || !active(j, f)) continue;
              size_t base = f.id * size_t{kSlots} + (d + kWindow) * kTags;
              w[base + g] += 1;
              u[base + g] += cs;
              w[base + p] -= 1;
              u[base + p] -= cs;
            }
          }
        }
        const int pg = i == 0 ? start : c.gold[b + i - 1], pp = i == 0 ? start : pred[i - 1];
        if (pg != pp || g != p) {
          tw[pg * kTags + g] += 1;
          tu[pg * kTags + g] += cs;
          tw[pp * kTags + p] -= 1;
          tu[pp * kTags + p] -= cs;
        }
      }
      step += 1;
    }
  }
  // Averaged weights: w - u / step.
  auto model = std::make_shared<Model>(opt.scale);
  for (int from = 0; from <= kTags; ++from) {
    for (int to = 0; to < kTags; ++to) {
      size_t k = from * kTags + to;
      model->SetTransition(from, to, tw[k] - tu[k] / step);
    }
  }
  std::vector<std::pair<uint8_t, double>> ws;
  size_t nweights = 0, nfeatures = 0;
  for (size_t f = 0; f < nf; ++f) {
    ws.clear();
    for (int s = 0; s < kSlots; ++s) {
      size_t k = f * kSlots + s;
      double avg = w[k] - u[k] / step;
      if (avg != 0 && std::abs(avg) >= opt.min_weight) ws.emplace_back(static_cast<uint8_t>(s), avg);
    }
    if (ws.empty() || !model->AddFeature(keys[f], ws)) continue;
    nweights += model->Find(keys[f]).n;
    ++nfeatures;
  }
  lists.gazetteer.ForEach([&](uint64_t key, uint16_t bits) { model->AddGazetteer(key, bits); });
  if (!lists.letters.empty()) model->SetLetters(lists.letters);
  lists.clusters.ForEach([&](uint64_t key, uint32_t p) { model->AddCluster(key, p); });
  if (stats) {
    stats->features = nfeatures;
    stats->weights = nweights;
  }
  return model;
}

NerScores Score(const AlignedCorpus& c, const std::vector<AlignedCorpus::Span>& predicted, const Clitics& clitics) {
  NerScores s;
  // Gold spans are sorted and disjoint; predicted ones too.
  auto clitic_only = [&](uint32_t from, uint32_t to) {
    // Bytes [from, to) of the text are a proclitic of clitics.tsv (و، ب، ول…).
    std::string_view skip = std::string_view(c.text).substr(from, to - from);
    if (skip.empty()) return false;
    for (const auto& [prefix, restore] : clitics.prefixes()) {
      if (restore.empty() && skip == prefix) return true;
    }
    return false;
  };
  std::vector<uint8_t> matched(c.gold_spans.size(), 0);
  size_t g = 0;
  for (const auto& p : predicted) {
    while (g < c.gold_spans.size() && c.gold_spans[g].span.end < p.span.end) ++g;
    bool ok = false;
    if (g < c.gold_spans.size()) {
      const auto& gs = c.gold_spans[g];
      ok = gs.type == p.type && gs.span.end == p.span.end &&
           (gs.span.begin == p.span.begin || (p.span.begin > gs.span.begin && clitic_only(gs.span.begin, p.span.begin)));
      if (ok && matched[g]) ok = false;
      if (ok) matched[g] = 1;
    }
    int t = static_cast<int>(p.type);
    if (ok) ++s.type[t].tp; else ++s.type[t].fp;
  }
  for (size_t k = 0; k < c.gold_spans.size(); ++k) {
    if (!matched[k]) ++s.type[static_cast<int>(c.gold_spans[k].type)].fn;
  }
  for (int t = 0; t < kTypes; ++t) {
    s.micro.tp += s.type[t].tp;
    s.micro.fp += s.type[t].fp;
    s.micro.fn += s.type[t].fn;
    if (t != static_cast<int>(NerType::kMISC)) {
      s.micro3.tp += s.type[t].tp;
      s.micro3.fp += s.type[t].fp;
      s.micro3.fn += s.type[t].fn;
    }
  }
  return s;
}

NerScores Evaluate(const AlignedCorpus& c, const Lexicons& lx, const Model& model) {
  std::vector<TaggedSpan> spans;
  TagEntities(c.tt, lx, model, &spans);
  std::vector<AlignedCorpus::Span> pred;
  for (const TaggedSpan& t : spans) pred.push_back({c.tt.RawSpan(t.first, t.last), t.type});
  return Score(c, pred, lx.clitics);
}

std::string FormatScores(const NerScores& s) {
  std::string out;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-16s %7s %7s %7s %6s %6s %6s\n", "type", "gold", "found", "correct", "P", "R", "F1");
  out += buf;
  auto row = [&](const char* name, const NerScores::Counts& c) {
    std::snprintf(buf, sizeof buf, "%-16s %7zu %7zu %7zu %6.3f %6.3f %6.3f\n", name, c.tp + c.fn, c.tp + c.fp, c.tp,
                  c.precision(), c.recall(), c.f1());
    out += buf;
  };
  for (int t = 0; t < kTypes; ++t) row(NerTypeName(static_cast<NerType>(t)), s.type[t]);
  row("micro (all 4)", s.micro);
  row("micro PER+LOC+ORG", s.micro3);
  return out;
}

}  // namespace isnad::ner
