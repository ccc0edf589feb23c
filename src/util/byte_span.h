// Byte ranges and sorted sets of them: the unit every extracted item is located by.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace isnad {

// A [begin, end) range of bytes.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(ByteSpan inner) const { return inner.begin >= begin && inner.end <= end; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// A set of byte ranges, merged and sorted once, answering "is this span inside one of
// them" in O(log n): page chrome against every item of a document, without the
// items × chrome loop. Touching or overlapping ranges merge (a span across two adjacent
// chrome lines is inside the chrome).
class SpanSet {
 public:
  SpanSet() = default;
  template <typename It, typename SpanOf>
  SpanSet(It first, It last, SpanOf span_of) {
    for (; first != last; ++first) {
      ByteSpan s = span_of(*first);
      if (!s.empty()) spans_.push_back(s);
    }
    Build();
  }
  explicit SpanSet(std::vector<ByteSpan> spans) : spans_(std::move(spans)) {
    std::erase_if(spans_, [](const ByteSpan& s) { return s.empty(); });
    Build();
  }

  // Whether `inner` lies within one range of the set.
  bool Contains(ByteSpan inner) const {
    auto it = std::upper_bound(spans_.begin(), spans_.end(), inner.begin,
                               [](uint32_t b, const ByteSpan& s) { return b < s.begin; });
    if (it == spans_.begin()) return false;
    --it;
    return it->Contains(inner);
  }
  bool empty() const { return spans_.empty(); }
  const std::vector<ByteSpan>& spans() const { return spans_; }

 private:
  void Build() {
    std::sort(spans_.begin(), spans_.end(), [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
    size_t out = 0;
    for (size_t i = 0; i < spans_.size(); ++i) {
      if (out > 0 && spans_[i].begin <= spans_[out - 1].end) {
        spans_[out - 1].end = std::max(spans_[out - 1].end, spans_[i].end);
      } else {
        spans_[out++] = spans_[i];
      }
    }
    spans_.resize(out);
  }
  std::vector<ByteSpan> spans_;
};

}  // namespace isnad
