// `isnad eval`: scores an analysis against a gold annotation of the same corpus
// (tests/fixtures/*.gold.json; the format SPEC.md's gold files use). It reports the
// same kinds of figures as an independent judge would: title/date/outlet accuracy,
// boilerplate recall, claim detection and full F1 (category + value + source), source,
// subject and chain accuracy, non-claims reported, entity pair accuracy, time accuracy
// and framing recall. Names are compared after the engine's own normalization with
// punctuation dropped; a one-word name also matches a word that carries a clitic.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lexicon/lexicons.h"

namespace isnad {

struct EvalResult {
  std::map<std::string, double> metrics;  // name -> value (non_claims_reported is a count)
  std::vector<std::string> misses;
};

EvalResult Evaluate(const nlohmann::json& analysis, const nlohmann::json& gold, const Lexicons& lx);

}  // namespace isnad
