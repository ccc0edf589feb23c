// Quantities: every number in the text with its value, qualifier and kind.
//
// Reads Western, Arabic-Indic and Persian digits (folded by the normalizer) with their
// separators, number words (ثلاثة آلاف، خمسة وعشرون or ثلاثة و عشرون، مئتين، ألفين، 8
// ملايين), fractions of a scale (نصف مليون، مليون ونصف المليون), a smaller part joined
// after a scale (12 ألفا و350 = 12350), vague
// quantities (العشرات، مئات الآلاف), qualifiers before or after (نحو، أكثر من، ما لا يقل
// عن، على الأقل; a verb of exceeding before the number or before the noun that names the
// count: تجاوز عدد المصابين 200), ranges (من 60 إلى 90، بين 60 و90، 60-90; a scale after
// the second end is the first one's too: بين 8 و9 آلاف) and alternatives (العشرات
// وربما المئات). The unit noun after a number sets its kind: a count of something, or a
// duration (10 أيام), money, a measure, a percentage; a marker before it (رقم، قرار، id=)
// makes it an identifier. Words lists are in data/ (number_words, vague_quantities,
// qualifiers, count_nouns, quantity_connectors, units, number_markers).
//
// Tokens already taken by time expressions (dates, years) are skipped, so a year is
// never read as a count. Deciding what a count counts is the claims stage's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "lexicon/lexicons.h"
#include "model/quantity.h"
#include "text/tokenizer.h"

namespace isnad {

// Parses a digit token ("3,500", "1.5", "٣٥٠٠" after folding). Returns nullopt for
// tokens that are not one number (dates such as 2022.01.26).
std::optional<double> ParseDigits(std::string_view token);

// Extracts the quantities of `tt`. `taken[i]` marks tokens that belong to time
// expressions already; they are skipped. `taken` is updated with the new quantities.
void ExtractQuantities(const TokenizedText& tt, const Lexicons& lx, std::vector<uint8_t>* taken,
                       std::vector<Quantity>* out);

}  // namespace isnad
