// The closed vocabularies of the analysis JSON (../shared/SPEC.md): qualifiers, kinds of
// quantity, entity types, and the units of relative dates. The data model's lowest layer:
// every stage reads these, none defines them.
#pragma once

#include <cstdint>
#include <string_view>

namespace isnad {

// SPEC.md qualifier vocabulary.
enum class Qualifier : uint8_t { kExact, kAbout, kMoreThan, kAtLeast, kLessThan, kAtMost, kRange, kVague, kAll };
const char* QualifierName(Qualifier q);

enum class DateUnit : uint8_t { kDay, kWeek, kMonth, kYear };

struct RelativeDate {
  DateUnit unit = DateUnit::kDay;
  int offset = 0;
};

enum class QuantityKind : uint8_t { kCount, kDuration, kMoney, kMeasure, kPercent, kIdentifier, kObject };
const char* QuantityKindName(QuantityKind k);

// SPEC.md entity types.
enum class EntityType : uint8_t { kPER, kORG, kLOC, kFAC, kGPE, kMEDIA, kGROUP };
const char* EntityTypeName(EntityType t);
bool ParseEntityType(std::string_view s, EntityType* t);

}  // namespace isnad
