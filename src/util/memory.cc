#include "util/memory.h"

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

namespace isnad::memory {

namespace {

bool Statm(uint64_t* size, uint64_t* resident) {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return false;
  unsigned long long s = 0, r = 0;
  bool ok = std::fscanf(f, "%llu %llu", &s, &r) == 2;
  std::fclose(f);
  const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  *size = s * page;
  *resident = r * page;
  return ok;
}

uint64_t Limit(int resource) {
  struct rlimit rl;
  if (::getrlimit(resource, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<uint64_t>(rl.rlim_cur);
}

uint64_t CgroupMax() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::string v;
  if (!(in >> v) || v == "max") return 0;
  try {
    return std::stoull(v);
  } catch (...) {
    return 0;
  }
}

}  // namespace

uint64_t ResidentBytes() {
  uint64_t s, r;
  return Statm(&s, &r) ? r : 0;
}

uint64_t VirtualBytes() {
  uint64_t s, r;
  return Statm(&s, &r) ? s : 0;
}

uint64_t AvailableBytes() {
  uint64_t best = static_cast<uint64_t>(::sysconf(_SC_PHYS_PAGES)) * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  for (uint64_t v : {CgroupMax(), Limit(RLIMIT_DATA)}) {
    if (v != 0 && (best == 0 || v < best)) best = v;
  }
  return best;
}

uint64_t AddressSpaceLimit() { return Limit(RLIMIT_AS); }

void ReleaseFreeMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

std::optional<uint64_t> ParseSize(std::string_view s) {
  if (s.empty()) return std::nullopt;
  uint64_t mult = 1;
  char last = s.back();
  if (last == 'K' || last == 'k') mult = 1ull << 10;
  if (last == 'M' || last == 'm') mult = 1ull << 20;
  if (last == 'G' || last == 'g') mult = 1ull << 30;
  if (last == 'T' || last == 't') mult = 1ull << 40;
  if (mult != 1) s.remove_suffix(1);
  if (s.empty() || s.size() > 15) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v * mult;
}

}  // namespace isnad::memory
