#include "lexicon/ner_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>

namespace isnad::ner {

const char* NerTypeName(NerType t) {
  static const char* kNames[] = {"PER", "LOC", "ORG", "MISC"};
  return kNames[static_cast<int>(t)];
}

const char* TagName(int tag) {
  static const char* kNames[] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};
  return tag >= 0 && tag < kTags ? kNames[tag] : "?";
}


void FeatureTable::Grow() {
  std::vector<Entry> old = std::move(entries_);
  size_t cap = old.empty() ? 1024 : old.size() * 2;
  entries_.assign(cap, Entry());
  mask_ = cap - 1;
  for (const Entry& e : old) {
    if (e.key == 0) continue;
    for (size_t i = Mix(e.key) & mask_;; i = (i + 1) & mask_) {
      if (entries_[i].key == 0) {
        entries_[i] = e;
        break;
      }
    }
  }
}

void FeatureTable::Reserve(size_t n) {
  if (size_ != 0) return;
  size_t cap = 1024;
  while (cap < 2 * n + 2) cap *= 2;
  entries_.assign(cap, Entry());
  mask_ = cap - 1;
}

void FeatureTable::Add(uint64_t key, const std::vector<std::pair<uint8_t, int16_t>>& weights) {
  if ((size_ + 1) * 2 > entries_.size()) Grow();
  key |= 1;
  size_t i = Mix(key) & mask_;
  for (; entries_[i].key != 0; i = (i + 1) & mask_) {
    if (entries_[i].key == key) return;
  }
  Entry& e = entries_[i];
  e.key = key;
  if (weights.size() <= kInline) {
    e.n = static_cast<uint8_t>(weights.size());
    for (size_t k = 0; k < weights.size(); ++k) {
      e.slots[k] = weights[k].first;
      e.w[k] = weights[k].second;
    }
  } else {
    e.n = kInline + 1;
    e.count = static_cast<uint8_t>(weights.size());
    e.overflow = static_cast<uint32_t>(overflow_slots_.size());
    for (const auto& [slot, w] : weights) {
      overflow_slots_.push_back(slot);
      overflow_w_.push_back(w);
    }
  }
  ++size_;
}

int32_t Model::Quantize(double w) const {
  return static_cast<int32_t>(std::clamp<long long>(std::llround(w * scale_), -32767, 32767));
}

bool Model::AddFeature(uint64_t key, const std::vector<std::pair<uint8_t, double>>& weights) {
  std::vector<std::pair<uint8_t, int16_t>> q;
  for (const auto& [slot, w] : weights) {
    if (int32_t v = Quantize(w); v != 0) q.emplace_back(slot, static_cast<int16_t>(v));
  }
  if (q.empty()) return false;
  AddRaw(key, q);
  return true;
}

void Model::AddRaw(uint64_t key, const std::vector<std::pair<uint8_t, int16_t>>& weights) {
  features_.Add(key, weights);
  uint64_t h = (key | 1) * 0xD6E8FEB86659FD93ull;
  filter_[(h >> 40) & (kFilterWords - 1)] |= uint64_t{1} << ((h >> 58) & 63);
}

namespace {

bool ParseHex(std::string_view s, uint64_t* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out, 16);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <typename T>
bool ParseNum(std::string_view s, T* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Splits on TAB or space.
size_t NextField(std::string_view line, size_t pos, std::string_view* field) {
  while (pos < line.size() && (line[pos] == '\t' || line[pos] == ' ')) ++pos;
  size_t end = pos;
  while (end < line.size() && line[end] != '\t' && line[end] != ' ') ++end;
  *field = line.substr(pos, end - pos);
  return end;
}

}  // namespace

Result<std::shared_ptr<const Model>> Model::Parse(std::string_view text) {
  auto m = std::make_shared<Model>();
  int64_t scale = 0;
  std::vector<std::pair<uint8_t, int16_t>> ws;
  size_t pos = 0;
  int lineno = 0;
  auto bad = [&](const std::string& what) {
    return Status::Corruption("ner_model.tsv:" + std::to_string(lineno) + ": " + what);
  };
  // A first pass counts rows, so the tables are sized once.
  size_t rows = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  m->features_.Reserve(rows);
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      m->header_.append(line);
      m->header_ += '\n';
      continue;
    }
    std::string_view kind, f;
    size_t at = NextField(line, 0, &kind);
    if (kind == "scale") {
      NextField(line, at, &f);
      if (!ParseNum(f, &scale) || scale <= 0 || scale > 1000000) return bad("scale must be a positive integer");
      m->scale_ = static_cast<int>(scale);
    } else if (kind == "t") {
      int from;
      at = NextField(line, at, &f);
      if (!ParseNum(f, &from) || from < 0 || from > kTags) return bad("transition row must be 0..9");
      for (int to = 0; to < kTags; ++to) {
        at = NextField(line, at, &f);
        int32_t w;
        if (!ParseNum(f, &w) || w < -(1 << 24) || w > (1 << 24)) return bad("transition weight must be an integer");
        m->transitions_[from * kTags + to] = w;
      }
    } else if (kind == "n") {
      at = NextField(line, at, &f);
      unsigned a, b, c;
      int w;
      std::string_view wf;
      NextField(line, at, &wf);
      if (std::sscanf(std::string(f).c_str(), "%u.%u.%u", &a, &b, &c) != 3 || a > 63 || b > 63 || c > 63 ||
          !ParseNum(wf, &w) || w < -32768 || w > 32767) {
        return bad("letter model rows are A.B.C WEIGHT (ids below 64, a 16-bit weight)");
      }
      if (m->lists_.letters.empty()) m->lists_.letters.assign(kLetterTrigrams, 0);
      m->lists_.letters[(a << 12) | (b << 6) | c] = static_cast<int16_t>(w);
    } else if (kind == "f" || kind == "g" || kind == "c") {
      if (scale <= 0) return bad("scale must come first");
      at = NextField(line, at, &f);
      uint64_t key;
      if (!ParseHex(f, &key)) return bad("key must be hexadecimal");
      if (kind == "c") {
        NextField(line, at, &f);
        unsigned a, b, d;
        if (std::sscanf(std::string(f).c_str(), "%u.%u.%u", &a, &b, &d) != 3 || a > 65535 || b > 255 || d > 255) {
          return bad("cluster path must be C1.C2.C3");
        }
        m->AddCluster(key, (a << 16) | (b << 8) | d);
        continue;
      }
      if (kind == "g") {
        NextField(line, at, &f);
        int bits;
        if (!ParseNum(f, &bits) || bits <= 0 || bits > 65535) return bad("gazetteer bits must be 1..65535");
        m->AddGazetteer(key, static_cast<uint16_t>(bits));
        continue;
      }
      ws.clear();
      while (true) {
        at = NextField(line, at, &f);
        if (f.empty()) break;
        size_t colon = f.find(':');
        int slot;
        int32_t w;
        if (colon == std::string_view::npos || !ParseNum(f.substr(0, colon), &slot) || slot < 0 || slot >= kSlots ||
            !ParseNum(f.substr(colon + 1), &w) || w < -32767 || w > 32767) {
          return bad("weights must be SLOT:INTEGER with SLOT below " + std::to_string(kSlots));
        }
        ws.emplace_back(static_cast<uint8_t>(slot), static_cast<int16_t>(w));
      }
      if (ws.empty()) return bad("a feature without weights");
      m->AddRaw(key, ws);
    } else {
      return bad("unknown row kind");
    }
  }
  return std::shared_ptr<const Model>(std::move(m));
}

std::string Model::Serialize(std::string_view header) const {
  std::string out(header);
  char buf[64];
  std::snprintf(buf, sizeof buf, "scale\t%d\n", scale_);
  out += buf;
  for (int from = 0; from <= kTags; ++from) {
    out += "t\t" + std::to_string(from);
    for (int to = 0; to < kTags; ++to) out += "\t" + std::to_string(transitions_[from * kTags + to]);
    out += '\n';
  }
  // Sorted by key, so the same weights always give the same file.
  std::vector<std::pair<uint64_t, Weights>> feats;
  features_.ForEach([&](uint64_t k, const Weights& r) { feats.emplace_back(k, r); });
  std::sort(feats.begin(), feats.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, r] : feats) {
    std::string row;
    for (uint32_t i = 0; i < r.n; ++i) {
      std::snprintf(buf, sizeof buf, "\t%u:%d", r.slots[i], r.w[i]);
      row += buf;
    }
    if (row.empty()) continue;
    std::snprintf(buf, sizeof buf, "f\t%016llx", static_cast<unsigned long long>(key));
    out += buf;
    out += row;
    out += '\n';
  }
  std::vector<std::pair<uint64_t, uint16_t>> gaz;
  lists_.gazetteer.ForEach([&](uint64_t k, uint16_t b) { gaz.emplace_back(k, b); });
  std::sort(gaz.begin(), gaz.end());
  for (const auto& [key, bits] : gaz) {
    std::snprintf(buf, sizeof buf, "g\t%016llx\t%u\n", static_cast<unsigned long long>(key), bits);
    out += buf;
  }
  std::vector<std::pair<uint64_t, uint32_t>> clusters;
  lists_.clusters.ForEach([&](uint64_t k, uint32_t p) { clusters.emplace_back(k, p); });
  std::sort(clusters.begin(), clusters.end());
  for (const auto& [key, p] : clusters) {
    std::snprintf(buf, sizeof buf, "c\t%016llx\t%u.%u.%u\n", static_cast<unsigned long long>(key), p >> 16, (p >> 8) & 255,
                  p & 255);
    out += buf;
  }
  for (size_t t = 0; t < lists_.letters.size(); ++t) {
    if (lists_.letters[t] == 0) continue;
    std::snprintf(buf, sizeof buf, "n\t%zu.%zu.%zu\t%d\n", t >> 12, (t >> 6) & 63, t & 63, lists_.letters[t]);
    out += buf;
  }
  return out;
}

}  // namespace isnad::ner
