#include "util/embedded.h"

namespace isnad {

std::string_view EmbeddedData(std::string_view name) {
  for (const EmbeddedFile* f = kEmbeddedFiles; f->name != nullptr; ++f) {
    if (name == f->name) return {f->data, f->size};
  }
  return {};
}

}  // namespace isnad
