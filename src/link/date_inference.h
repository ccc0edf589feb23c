// Inferring the publication date of a document whose text and metadata give none.
//
// The document's own time expressions constrain the date (DateConstraints): a dated
// photo caption is on or before it; "يناير الماضي" says January is over; "اليوم
// الجمعة" names its weekday; "يناير الجاري" its month. The dates of the documents
// around it in the corpus give the anchor (their median). The inferred date is the
// day nearest the anchor that meets the hard constraints (weekday, month, caption);
// full dates mentioned in the text are soft lower bounds. When no day within a year of
// the anchor meets them all, the weekday and month constraints are relaxed in turn.
#pragma once

#include <optional>
#include <vector>

#include "model/document.h"

namespace isnad {

std::optional<CivilDate> InferPublicationDate(const DateConstraints& c, const std::vector<CivilDate>& neighbours);

// For every analysis without a publication date: infers one from constraints and the
// nearest dated documents (up to three on each side, in corpus order), marks it
// "inferred" and resolves the document's times against it.
void InferMissingDates(std::vector<DocAnalysis>* analyses);

}  // namespace isnad
