#include "model/vocab.h"

namespace isnad {

const char* QualifierName(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "exact";
    case Qualifier::kAbout: return "about";
    case Qualifier::kMoreThan: return "more_than";
    case Qualifier::kAtLeast: return "at_least";
    case Qualifier::kLessThan: return "less_than";
    case Qualifier::kAtMost: return "at_most";
    case Qualifier::kRange: return "range";
    case Qualifier::kVague: return "vague";
    case Qualifier::kAll: return "all";
  }
  return "exact";
}

const char* QuantityKindName(QuantityKind k) {
  switch (k) {
    case QuantityKind::kCount: return "count";
    case QuantityKind::kDuration: return "duration";
    case QuantityKind::kMoney: return "money";
    case QuantityKind::kMeasure: return "measure";
    case QuantityKind::kPercent: return "percent";
    case QuantityKind::kIdentifier: return "identifier";
    case QuantityKind::kObject: return "object";
  }
  return "count";
}

const char* EntityTypeName(EntityType t) {
  static const char* kNames[] = {"PER", "ORG", "LOC", "FAC", "GPE", "MEDIA", "GROUP"};
  return kNames[static_cast<int>(t)];
}

bool ParseEntityType(std::string_view s, EntityType* t) {
  static const char* kNames[] = {"PER", "ORG", "LOC", "FAC", "GPE", "MEDIA", "GROUP"};
  for (int i = 0; i < 7; ++i) {
    if (s == kNames[i]) {
      *t = static_cast<EntityType>(i);
      return true;
    }
  }
  return false;
}

}  // namespace isnad
