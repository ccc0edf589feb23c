// How a name becomes a key, shared by the mentions of one document (extract/entities.cc)
// and the corpus linker (link/entities.cc). Tokens are normalized (hamza seats, ى/ي and
// ة/ه already folded).
//
//   person   "p:" GIVEN "|" SURNAME: the first and the last name part, a particle joined
//            to the word after it (عبد الله = عبدالله, أبو الغيط = أبوالغيط), the article
//            dropped from the surname; a surname alone is "p:|" SURNAME.
//   body     "q:" BODY "|" COUNTRY: an organ of a state named by its noun (and portfolio)
//            and the country its nationality, place or parent gives: الحكومة الفلسطينية,
//            وزارة الصحة في غزة. COUNTRY is "" when the text gives none, and "@occ" for
//            the occupier named by الاحتلال alone (the corpus decides who that is).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicons.h"

namespace isnad::names {

// `w` without the article, when two letters or more remain.
std::string_view StripArticle(std::string_view w, const Lexicons& lx);

// The name parts of tokens: a particle (data/name_particles.tsv) joined to the next.
std::vector<std::string> NameParts(const std::vector<std::string_view>& tokens, const Lexicons& lx);

std::string PersonKey(const std::vector<std::string_view>& tokens, const Lexicons& lx);
inline bool IsPersonKey(std::string_view key) { return key.substr(0, 2) == "p:"; }
// The given name and surname of a person key ("" given for a surname alone).
void SplitPersonKey(std::string_view key, std::string_view* given, std::string_view* surname);

std::string BodyKey(const std::vector<std::string_view>& body, std::string_view country, const Lexicons& lx);
inline bool IsBodyKey(std::string_view key) { return key.substr(0, 2) == "q:"; }
inline constexpr std::string_view kOccupier = "@occ";

}  // namespace isnad::names
