// How much memory the process uses and may use, so that a run that would exhaust it
// stops with a clear error instead of meeting the OOM killer or an uncaught bad_alloc.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace isnad::memory {

// Resident and virtual size of this process (/proc/self/statm), in bytes; 0 if unknown.
uint64_t ResidentBytes();
uint64_t VirtualBytes();

// The memory this process can have: the smallest of physical memory, the cgroup's
// memory.max and RLIMIT_DATA, in bytes (0 when none is known).
uint64_t AvailableBytes();
// RLIMIT_AS in bytes, or 0 when unlimited.
uint64_t AddressSpaceLimit();

// Returns the free pages of the heap to the system (glibc keeps what other threads'
// arenas freed until then); with another C library it does nothing.
void ReleaseFreeMemory();

// Parses "512M", "2G", "1500000", "0" (no limit); nullopt when malformed.
std::optional<uint64_t> ParseSize(std::string_view s);

}  // namespace isnad::memory
