#include "util/status.h"

namespace isnad {

std::string Status::ToString() const {
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: return "invalid input: " + msg_;
    case Code::kNotFound: return "not found: " + msg_;
    case Code::kIOError: return "I/O error: " + msg_;
    case Code::kCorruption: return "corrupt input: " + msg_;
    case Code::kTooLarge: return "too large: " + msg_;
  }
  return msg_;
}

}  // namespace isnad
