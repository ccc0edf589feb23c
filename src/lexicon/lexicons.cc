#include <atomic>
#include "lexicon/lexicons.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <type_traits>

#include "lexicon/ner_model.h"
#include "util/prefetch.h"
#include "util/utf8.h"
#include "util/word_memo.h"

namespace isnad {

const std::string& Lexicons::GazetteerName(std::string_view key) const {
  static const std::string kEmpty;
  auto it = gazetteer_names_.find(key);
  return it == gazetteer_names_.end() ? kEmpty : it->second;
}

const std::string& Lexicons::CountryOf(std::string_view key) const {
  static const std::string kEmpty;
  auto it = country_of_.find(key);
  return it == country_of_.end() ? kEmpty : it->second;
}

bool Lexicons::NameWordAlone(const TokenizedText& tt, size_t i) const {
  if (i >= tt.size() || tt.tokens[i].kind != TokenKind::kWord) return false;
  if (!tt.lex_mask.empty()) {
    uint32_t names = 0;
    for (int id : {gazetteer.id(), outlets.id(), given_names.id()}) {
      if (id >= 0) names |= 1u << id;
    }
    if ((tt.lex_mask[i] & ~names) != 0) return false;
  }
  return utf8::CountCodePoints(tt.text(i)) >= 3;
}

std::string Lexicons::NameSkeleton(std::string_view token) const {
  std::string out;
  char32_t last = 0;
  for (size_t i = 0; i < token.size();) {
    int len;
    char32_t cp = utf8::Decode(token, i, &len);
    bool inner = i > 0 && std::find(inner_letters_.begin(), inner_letters_.end(), cp) != inner_letters_.end();
    if (!inner && cp != last) out.append(token.substr(i, len));
    if (!inner) last = cp;
    i += len;
  }
  return out;
}

bool Lexicons::FinalVariants(std::string_view a, std::string_view b) const {
  if (a.size() != b.size() || a.size() < 4 || a == b) return false;
  size_t la = utf8::FloorBoundary(a, a.size() - 1), lb = utf8::FloorBoundary(b, b.size() - 1);
  if (la != lb || a.substr(0, la) != b.substr(0, lb)) return false;
  int n;
  char32_t x = utf8::Decode(a, la, &n), y = utf8::Decode(b, lb, &n);
  auto final = [&](char32_t c) { return std::find(final_letters_.begin(), final_letters_.end(), c) != final_letters_.end(); };
  return final(x) && final(y);
}

const std::vector<std::string>& Lexicons::GazetteerNames(std::string_view key) const {
  static const std::vector<std::string> kNone;
  auto it = gazetteer_all_names_.find(key);
  return it == gazetteer_all_names_.end() ? kNone : it->second;
}

namespace {

Status Bad(std::string_view file, int line, std::string_view what) {
  return Status::Corruption(std::string(file) + ":" + std::to_string(line) + ": " + std::string(what));
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// Loads `file`, calling add(row) for each row; add returns a non-empty error text to fail.
// Whether a table's header declares `# morphology: family` (its entries match their
// word families: text/morphology.h).
bool DeclaresFamily(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line.empty() || line[0] != '#') break;  // the header is the comment lines on top
    if (line.find("morphology: family") != std::string_view::npos) return true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return false;
}

template <typename Fn>
Status LoadTable(const DataSource& src, std::string_view file, size_t min_fields, Fn&& add) {
  auto text = src.Read(file);
  if (!text.ok()) return text.status();
  auto rows = ParseTsv(file, text.value(), min_fields);
  if (!rows.ok()) return rows.status();
  for (const TsvRow& row : rows.value()) {
    std::string err = add(row);
    if (!err.empty()) return Bad(file, row.line, err);
  }
  return Status::OK();
}

}  // namespace

template <typename T>
void Lexicons::AddPhrase(PhraseTable<T>* table, std::string_view phrase, T value) const {
  // A leading '=' keeps the entry to its written form in a family table.
  bool exact = !phrase.empty() && phrase[0] == '=';
  if (exact) phrase.remove_prefix(1);
  // The words as written too: family matching reads the feminine ة there.
  std::vector<std::string> raw;
  for (size_t b = 0; b < phrase.size();) {
    size_t e = phrase.find(' ', b);
    if (e == std::string_view::npos) e = phrase.size();
    if (e > b) raw.emplace_back(phrase.substr(b, e - b));
    b = e + 1;
  }
  table->Add(PhraseTokens(phrase), std::move(value), exact, std::move(raw));
}

std::vector<std::string> Lexicons::PhraseTokens(std::string_view phrase) const {
  TokenizedText tt;
  normalizer.Normalize(phrase, &tt.norm);
  Tokenize(normalizer, &tt);
  std::vector<std::string> out;
  for (size_t i = 0; i < tt.size(); ++i) out.emplace_back(tt.text(i));
  return out;
}

Result<std::shared_ptr<const Lexicons>> Lexicons::Load(const DataSource& src) {
  std::shared_ptr<Lexicons> lx(new Lexicons());
  auto rules = src.Read("normalize.tsv");
  if (!rules.ok()) return rules.status();
  auto norm = Normalizer::Build(rules.value());
  if (!norm.ok()) return norm.status();
  lx->normalizer = std::move(norm).value();
  auto clitic_text = src.Read("clitics.tsv");
  if (!clitic_text.ok()) return clitic_text.status();
  auto clitics = Clitics::Load(clitic_text.value(), lx->normalizer);
  if (!clitics.ok()) return clitics.status();
  lx->clitics = std::move(clitics).value();
  auto affix_text = src.Read("affixes.tsv");
  if (!affix_text.ok()) return affix_text.status();
  auto function_text = src.Read("function_words.tsv");
  if (!function_text.ok()) return function_text.status();
  auto morph = Morphology::Load(clitic_text.value(), affix_text.value(), function_text.value(), lx->normalizer);
  if (!morph.ok()) return morph.status();
  lx->morphology = std::move(morph).value();

  Lexicons& L = *lx;
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "particles.tsv", 2, [&](const TsvRow& r) -> std::string {
    std::string form = L.normalizer.NormalizeString(r.fields[1]);
    if (form.empty()) return "empty form";
    std::string_view role = r.fields[0];
    auto once = [&](std::string* slot) -> std::string {
      if (!slot->empty()) return "role given twice";
      *slot = std::move(form);
      return "";
    };
    if (role == "and") return once(&L.particles.conj_and);
    if (role == "in") return once(&L.particles.in);
    if (role == "from") return once(&L.particles.from);
    if (role == "to") return once(&L.particles.to);
    if (role == "weak_letter" || role == "skeleton_final") {
      if (form.size() != 2) return "a letter must be one Arabic letter";
      (role == "weak_letter" ? L.particles.weak_letters : L.particles.skeleton_finals).push_back(std::move(form));
      return "";
    }
    return "role must be and, in, from, to, weak_letter or skeleton_final";
  }));
  for (const std::string* p : {&L.particles.conj_and, &L.particles.in, &L.particles.from, &L.particles.to}) {
    if (p->empty()) return Status::InvalidArgument("particles.tsv: a role among and, in, from, to is missing");
  }
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "months.tsv", 4, [&](const TsvRow& r) -> std::string {
    int64_t m, strict;
    if (!ParseInt(r.fields[2], &m) || m < 1 || m > 12) return "month must be 1..12";
    if (r.fields[1] != "gregorian" && r.fields[1] != "hijri") return "calendar must be gregorian or hijri";
    if (!ParseInt(r.fields[3], &strict)) return "strict must be 0 or 1";
    L.AddPhrase(&L.months, r.fields[0], MonthName{static_cast<int>(m), r.fields[1] == "hijri", strict != 0});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "weekdays.tsv", 2, [&](const TsvRow& r) -> std::string {
    int64_t d;
    if (!ParseInt(r.fields[1], &d) || d < 0 || d > 6) return "weekday must be 0..6";
    L.AddPhrase(&L.weekdays, r.fields[0], static_cast<int>(d));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "relative_dates.tsv", 3, [&](const TsvRow& r) -> std::string {
    RelativeDate rd;
    std::string_view u = r.fields[1];
    if (u == "day") rd.unit = DateUnit::kDay;
    else if (u == "week") rd.unit = DateUnit::kWeek;
    else if (u == "month") rd.unit = DateUnit::kMonth;
    else if (u == "year") rd.unit = DateUnit::kYear;
    else return "unit must be day, week, month or year";
    int64_t off;
    if (!ParseInt(r.fields[2], &off)) return "offset must be an integer";
    rd.offset = static_cast<int>(off);
    L.AddPhrase(&L.relative_dates, r.fields[0], rd);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "time_words.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, TimeWordRole> kRoles[] = {
        {"past", TimeWordRole::kPast},       {"current", TimeWordRole::kCurrent}, {"next", TimeWordRole::kNext},
        {"dayprefix", TimeWordRole::kDayPrefix}, {"year", TimeWordRole::kYear}, {"hijri", TimeWordRole::kHijri},
        {"gregorian", TimeWordRole::kGregorian}};
    for (const auto& [name, role] : kRoles) {
      if (r.fields[1] == name) {
        L.AddPhrase(&L.time_words, r.fields[0], role);
        return "";
      }
    }
    return "unknown role";
  }));
  {
    // Rows of one phrase merge into one entry with every role.
    std::vector<std::pair<std::vector<std::string>, TimeCue>> cues;
    ISNAD_RETURN_IF_ERROR(LoadTable(src, "time_cues.tsv", 2, [&](const TsvRow& r) -> std::string {
      static const std::pair<std::string_view, uint32_t> kRoles[] = {
          {"yearprep", TimeCue::kYearPrep}, {"between", TimeCue::kBetween},   {"rangeto", TimeCue::kRangeTo},
          {"and", TimeCue::kAnd},           {"period", TimeCue::kPeriod},     {"season", TimeCue::kSeason},
          {"ordinal", TimeCue::kOrdinal},   {"of", TimeCue::kOf},             {"ago", TimeCue::kAgo},
          {"monthword", TimeCue::kMonthWord}, {"future", TimeCue::kFuture},   {"call", TimeCue::kCall},
          {"callprep", TimeCue::kCallPrep}, {"pastaux", TimeCue::kPastAux},   {"am", TimeCue::kAm},
          {"pm", TimeCue::kPm},             {"zone", TimeCue::kZone},         {"rangefrom", TimeCue::kRangeFrom},
          {"relative", TimeCue::kRelative}, {"equals", TimeCue::kEquals},
          {"futureparticle", TimeCue::kFutureParticle}, {"complementizer", TimeCue::kComplementizer},
          {"decade", TimeCue::kDecade},     {"since", TimeCue::kSince},
          {"sincecompare", TimeCue::kSinceCompare}, {"over", TimeCue::kOver},
          {"sincethen", TimeCue::kSinceThen}};
      std::vector<std::string> toks = L.PhraseTokens(r.fields[0]);
      if (toks.empty()) return "empty phrase";
      std::string_view role = r.fields[1];
      TimeAffixes& af = L.time_affixes;
      if (role == "futureprefix" || role == "nounstart" || role == "nounending" || role == "notfuture" ||
          role == "verbclitic" || role == "countending" || role == "article") {
        if (toks.size() != 1) return "a prefix row is one word";
        std::string w = std::move(toks[0]);
        if (role == "futureprefix") af.future_prefixes.push_back(std::move(w));
        else if (role == "nounstart") af.noun_starts.push_back(std::move(w));
        else if (role == "nounending") af.noun_endings.push_back(std::move(w));
        else if (role == "notfuture") af.not_future.push_back(std::move(w));
        else if (role == "verbclitic") af.verb_clitics.push_back(std::move(w));
        else if (role == "countending") af.count_endings.push_back(std::move(w));
        else af.article = std::move(w);
        return "";
      }
      uint32_t bit = 0;
      for (const auto& [name, b] : kRoles) {
        if (role == name) bit = b;
      }
      if (bit == 0) return "unknown role";
      int64_t v = 0;
      if (bit == TimeCue::kSeason || bit == TimeCue::kOrdinal) {
        if (r.fields.size() < 3 || !ParseInt(r.fields[2], &v)) return "season and ordinal rows need a number";
        if (bit == TimeCue::kSeason && (v < 1 || v > 12)) return "a season starts in month 1..12";
        if (bit == TimeCue::kOrdinal && (v < 1 || v > 31)) return "an ordinal day is 1..31";
      }
      auto it = std::find_if(cues.begin(), cues.end(), [&](const auto& c) { return c.first == toks; });
      if (it == cues.end()) it = cues.insert(cues.end(), {std::move(toks), TimeCue{}});
      it->second.roles |= bit;
      if (bit == TimeCue::kSeason) it->second.season = static_cast<int>(v);
      if (bit == TimeCue::kOrdinal) it->second.ordinal = static_cast<int>(v);
      return "";
    }));
    const std::string& article = L.time_affixes.article;
    for (auto& [toks, cue] : cues) {
      cue.definite = !article.empty() && toks[0].size() > article.size() && toks[0].compare(0, article.size(), article) == 0;
      L.time_cues.Add(std::move(toks), cue);
    }
  }
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "number_words.tsv", 3, [&](const TsvRow& r) -> std::string {
    NumberWord w;
    if (!ParseInt(r.fields[1], &w.value) || w.value <= 0) return "value must be a positive integer";
    std::string_view c = r.fields[2];
    if (c == "atom") w.cls = NumberWord::Class::kAtom;
    else if (c == "hundred") w.cls = NumberWord::Class::kHundred;
    else if (c == "scale") w.cls = NumberWord::Class::kScale;
    else if (c == "scale2") w.cls = NumberWord::Class::kScale2;
    else if (c == "fraction") w.cls = NumberWord::Class::kFraction;
    else if (c == "teen_unit") w.before_ten = true;
    else return "class must be atom, teen_unit, hundred, scale, scale2 or fraction";
    L.AddPhrase(&L.number_words, r.fields[0], w);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "vague_quantities.tsv", 3, [&](const TsvRow& r) -> std::string {
    VagueWord v;
    if (!ParseInt(r.fields[1], &v.low) || !ParseInt(r.fields[2], &v.high) || v.low > v.high) return "bad range";
    L.AddPhrase(&L.vague, r.fields[0], v);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "qualifiers.tsv", 3, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, Qualifier> kQ[] = {
        {"about", Qualifier::kAbout},         {"more_than", Qualifier::kMoreThan}, {"at_least", Qualifier::kAtLeast},
        {"less_than", Qualifier::kLessThan},  {"at_most", Qualifier::kAtMost},     {"all", Qualifier::kAll}};
    QualifierWord q;
    bool found = false;
    for (const auto& [name, value] : kQ) {
      if (r.fields[1] == name) { q.qualifier = value; found = true; }
    }
    if (!found) return "unknown qualifier";
    if (r.fields[2] != "before" && r.fields[2] != "after" && r.fields[2] != "verb") return "position must be before, after or verb";
    q.after = r.fields[2] == "after";
    q.verb = r.fields[2] == "verb";
    L.AddPhrase(&L.qualifiers, r.fields[0], q);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "units.tsv", 4, [&](const TsvRow& r) -> std::string {
    UnitWord u;
    std::string_view k = r.fields[1];
    if (k == "duration") u.kind = QuantityKind::kDuration;
    else if (k == "money") u.kind = QuantityKind::kMoney;
    else if (k == "measure") u.kind = QuantityKind::kMeasure;
    else if (k == "percent") u.kind = QuantityKind::kPercent;
    else if (k == "object") u.kind = QuantityKind::kObject;
    else return "unknown kind";
    u.unit = std::string(r.fields[2]);
    int64_t m;
    if (!ParseInt(r.fields[3], &m) || m < 1) return "multiplier must be a positive integer";
    u.multiplier = static_cast<int>(m);
    L.AddPhrase(&L.units, r.fields[0], u);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "number_markers.tsv", 2, [&](const TsvRow& r) -> std::string {
    if (r.fields[1] != "identifier" && r.fields[1] != "ordinal") return "kind must be identifier or ordinal";
    L.AddPhrase(&L.number_markers, r.fields[0], NumberMarker{r.fields[1] == "ordinal"});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "quantity_connectors.tsv", 2, [&](const TsvRow& r) -> std::string {
    std::string_view role = r.fields[1];
    ConnectorRole c;
    if (role == "range_from") c = ConnectorRole::kRangeFrom;
    else if (role == "range_to") c = ConnectorRole::kRangeTo;
    else if (role == "alternative") c = ConnectorRole::kAlternative;
    else return "role must be range_from, range_to or alternative";
    L.AddPhrase(&L.connectors, r.fields[0], c);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "count_nouns.tsv", 1, [&](const TsvRow& r) -> std::string {
    L.AddPhrase(&L.count_nouns, r.fields[0], true);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "boilerplate.tsv", 3, [&](const TsvRow& r) -> std::string {
    BoilerplateCue c;
    c.kind = std::string(r.fields[1]);
    std::string_view s = r.fields[2];
    if (s == "exact") c.scope = BoilerplateCue::Scope::kExact;
    else if (s == "line") c.scope = BoilerplateCue::Scope::kLine;
    else if (s == "weak") c.scope = BoilerplateCue::Scope::kWeak;
    else if (s == "list") c.scope = BoilerplateCue::Scope::kList;
    else if (s == "lead") c.scope = BoilerplateCue::Scope::kLead;
    else if (s == "caption") c.scope = BoilerplateCue::Scope::kCaption;
    else if (s == "prose") c.scope = BoilerplateCue::Scope::kProse;
    else if (s == "that") c.scope = BoilerplateCue::Scope::kThat;
    else return "scope must be exact, line, weak, list, lead, caption, prose or that";
    L.AddPhrase(&L.boilerplate, r.fields[0], c);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "header_labels.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.AddPhrase(&L.header_labels, r.fields[0], HeaderLabel{std::string(r.fields[1])});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "outlets.tsv", 3, [&](const TsvRow& r) -> std::string {
    bool strict = r.fields.size() > 3 && r.fields[3] == "1";
    L.AddPhrase(&L.outlets, r.fields[0], OutletName{std::string(r.fields[1]), std::string(r.fields[2]), strict});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "gazetteer.tsv", 3, [&](const TsvRow& r) -> std::string {
    GazetteerEntry e;
    if (!ParseEntityType(r.fields[1], &e.type)) return "unknown entity type";
    e.key = std::string(r.fields[2]);
    L.gazetteer_names_.emplace(e.key, std::string(r.fields[0]));
    L.gazetteer_all_names_[e.key].push_back(L.normalizer.NormalizeString(r.fields[0]));
    L.AddPhrase(&L.gazetteer, r.fields[0], e);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "entity_heads.tsv", 3, [&](const TsvRow& r) -> std::string {
    EntityHead h;
    std::string_view role = r.fields[2];
    if (role == "name") h.role = EntityHead::Role::kName;
    else if (role == "anaphor") h.role = EntityHead::Role::kAnaphor;
    else if (role == "alias") h.role = EntityHead::Role::kAlias;
    else if (role == "particle") h.role = EntityHead::Role::kParticle;
    else return "role must be name, anaphor, alias or particle";
    if (h.role != EntityHead::Role::kAlias && !ParseEntityType(r.fields[1], &h.type)) return "unknown entity type";
    std::string norm = L.normalizer.NormalizeString(r.fields[0]);
    const std::string& al = L.morphology.article();
    h.bare = norm.rfind(al, 0) == 0 ? norm.substr(al.size()) : norm;  // without the article
    L.AddPhrase(&L.entity_heads, r.fields[0], h);
    return "";
  }));
  auto word_set = [&](const char* file, PhraseTable<bool>* table) {
    return LoadTable(src, file, 1, [&](const TsvRow& r) -> std::string {
      L.AddPhrase(table, r.fields[0], true);
      return "";
    });
  };
  ISNAD_RETURN_IF_ERROR(word_set("function_words.tsv", &L.function_words));
  ISNAD_RETURN_IF_ERROR(word_set("roles.tsv", &L.roles));
  ISNAD_RETURN_IF_ERROR(word_set("given_names.tsv", &L.given_names));
  ISNAD_RETURN_IF_ERROR(word_set("detention_places.tsv", &L.detention_places));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "given_names.tsv", 1, [&](const TsvRow& r) -> std::string {
    L.given_raw_.insert(std::string(r.fields[0]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "speech.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, SpeechRole> kRoles[] = {
        {"say", SpeechRole::kSay}, {"continue", SpeechRole::kContinue}, {"according", SpeechRole::kAccording},
        {"same", SpeechRole::kSame}, {"generic", SpeechRole::kGeneric}, {"opinion", SpeechRole::kOpinion},
        {"relay", SpeechRole::kRelay}};
    for (const auto& [name, role] : kRoles) {
      if (r.fields[1] == name) {
        L.AddPhrase(&L.speech, r.fields[0], role);
        return "";
      }
    }
    return "unknown role";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "attribution_cues.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, AttributionCue> kRoles[] = {
        {"complementizer", AttributionCue::kComplementizer}, {"to", AttributionCue::kTo},
        {"for", AttributionCue::kFor}, {"from", AttributionCue::kFrom}, {"negation", AttributionCue::kNegation},
        {"relative", AttributionCue::kRelative}, {"circumstance", AttributionCue::kCircumstance},
        {"record", AttributionCue::kRecord}};
    for (const auto& [name, role] : kRoles) {
      if (r.fields[1] == name) {
        L.AddPhrase(&L.attribution_cues, r.fields[0], role);
        return "";
      }
    }
    return "unknown role";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "claim_triggers.tsv", 3, [&](const TsvRow& r) -> std::string {
    static const char* kCategories[] = {"killed", "wounded", "captured", "surrendered", "escaped", "recaptured",
                                        "held", "hostages", "holdout", "participants", "displaced", "missing",
                                        "affected", "other"};
    bool known = false;
    for (const char* c : kCategories) known |= r.fields[1] == c;
    if (!known) return "unknown category";
    int64_t strength;
    if (!ParseInt(r.fields[2], &strength) || strength < 1 || strength > 3) return "strength must be 1..3";
    bool place = false;
    if (r.fields.size() > 3 && !r.fields[3].empty()) {
      if (r.fields[3] != "place") return "the fourth field may only be `place`";
      place = true;
    }
    L.AddPhrase(&L.claim_triggers, r.fields[0], ClaimTrigger{std::string(r.fields[1]), static_cast<int>(strength), place});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "subject_classes.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.AddPhrase(&L.subject_classes, r.fields[0], std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "epithets.tsv", 3, [&](const TsvRow& r) -> std::string {
    using P = Epithet::Position;
    static constexpr std::pair<std::string_view, P> kPositions[] = {
        {"before", P::kBefore},       {"after", P::kAfter}, {"alone", P::kAlone},
        {"occupier", P::kOccupier},   {"nation", P::kNation}, {"force", P::kForce},
        {"predicate", P::kPredicate}, {"so_called", P::kSoCalled}, {"naming", P::kNaming}};
    Epithet e;
    bool known = false;
    for (const auto& [name, p] : kPositions) {
      if (r.fields[1] == name) e.position = p, known = true;
    }
    if (!known) return "position must be before, after, alone, occupier, nation, force, predicate, so_called or naming";
    e.kind = std::string(r.fields[2]);
    std::string_view target = r.fields.size() > 3 ? r.fields[3] : std::string_view();
    if (target == "sponsor" && e.position == P::kAfter) {
      e.sponsor = true;
    } else if (target == "none") {
      e.target = Epithet::Target::kNone;
    } else if (!target.empty() && target != "group") {
      if (e.position != P::kAlone && e.position != P::kPredicate) return "a target key is for alone or predicate epithets";
      e.target = Epithet::Target::kKey;
      e.key = std::string(target);
    }
    L.AddPhrase(&L.epithets, r.fields[0], e);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "event_triggers.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const char* kTypes[] = {"attack", "clashes", "statement", "control_claimed", "escape", "curfew", "meeting", "airstrike"};
    bool known = false;
    for (const char* t : kTypes) known |= r.fields[1] == t;
    if (!known) return "unknown event type";
    L.AddPhrase(&L.event_triggers, r.fields[0], std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "story_events.tsv", 2, [&](const TsvRow& r) -> std::string {
    std::string_view c = r.fields[1];
    if (c.empty()) return "empty event class";
    for (char ch : c) {
      if (!((ch >= 'a' && ch <= 'z') || ch == '_')) return "an event class is lower-case letters and _";
    }
    L.AddPhrase(&L.story_events, r.fields[0], std::string(c));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "subject_nouns.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, SubjectNoun> kKinds[] = {
        {"actor", SubjectNoun::kActor}, {"partitive", SubjectNoun::kPartitive},
        {"others", SubjectNoun::kOthers}, {"not", SubjectNoun::kNot},
        {"member", SubjectNoun::kMember}, {"agent", SubjectNoun::kAgent}, {"breakdown", SubjectNoun::kBreakdown}};
    for (const auto& [name, kind] : kKinds) {
      if (r.fields[1] == name) {
        L.AddPhrase(&L.subject_nouns, r.fields[0], kind);
        return "";
      }
    }
    return "kind must be actor, member, partitive, others, breakdown, not or agent";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "nationalities.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.AddPhrase(&L.nationalities, r.fields[0], std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "state_bodies.tsv", 2, [&](const TsvRow& r) -> std::string {
    int64_t words;
    if (!ParseInt(r.fields[1], &words) || words < 0 || words > 2) return "words must be 0, 1 or 2";
    L.AddPhrase(&L.state_bodies, r.fields[0], static_cast<int>(words));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(word_set("name_particles.tsv", &L.name_particles));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "body_qualifiers.tsv", 2, [&](const TsvRow& r) -> std::string {
    if (r.fields[1] != "place" && r.fields[1] != "parent") return "KIND must be place or parent";
    L.AddPhrase(&L.body_qualifiers, r.fields[0], r.fields[1] == "parent");
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "countries_of.tsv", 2, [&](const TsvRow& r) -> std::string {
    if (!L.gazetteer_names_.count(r.fields[0])) return "not a gazetteer key";
    L.country_of_.emplace(std::string(r.fields[0]), std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "spelling_variants.tsv", 2, [&](const TsvRow& r) -> std::string {
    std::string letter = L.normalizer.NormalizeString(r.fields[0]);
    int len = 0;
    char32_t cp = letter.empty() ? 0 : utf8::Decode(letter, 0, &len);
    if (letter.empty() || static_cast<size_t>(len) != letter.size()) return "one letter per row";
    if (r.fields[1] == "inner") L.inner_letters_.push_back(cp);
    else if (r.fields[1] == "final") L.final_letters_.push_back(cp);
    else return "WHERE must be inner or final";
    return "";
  }));
  // A country is its own (the two-letter keys of the gazetteer).
  for (const auto& kv : L.gazetteer_names_) {
    const std::string& k = kv.first;
    if (k.size() == 2 && k[0] >= 'A' && k[0] <= 'Z' && k[1] >= 'A' && k[1] <= 'Z') L.country_of_.emplace(k, k);
  }
  // The tagger's model is optional data: without it the tagger finds nothing.
  auto model_text = src.Read("ner_model.tsv");
  if (model_text.ok()) {
    auto model = ner::Model::Parse(model_text.value());
    if (!model.ok()) return model.status();
    L.ner_model = std::move(model).value();
  } else if (model_text.status().code() == Status::Code::kNotFound) {
    L.ner_model = std::make_shared<const ner::Model>();
  } else {
    return model_text.status();
  }
  // Tables whose header declares `# morphology: family` match word families.
  auto families_pos = [&](const char* file, auto* table, auto&& pos) -> Status {
    table->set_article(L.morphology.article());
    auto text = src.Read(file);
    if (!text.ok()) return text.status();
    if (DeclaresFamily(text.value())) table->BuildFamilies(L.morphology, L.normalizer, pos);
    return Status::OK();
  };
  auto families = [&](const char* file, auto* table) -> Status {
    return families_pos(file, table, [](const auto&) { return FamilyPos::kAny; });
  };
  ISNAD_RETURN_IF_ERROR(families("months.tsv", &L.months));
  ISNAD_RETURN_IF_ERROR(families("weekdays.tsv", &L.weekdays));
  ISNAD_RETURN_IF_ERROR(families("relative_dates.tsv", &L.relative_dates));
  ISNAD_RETURN_IF_ERROR(families("time_words.tsv", &L.time_words));
  ISNAD_RETURN_IF_ERROR(families("number_words.tsv", &L.number_words));
  ISNAD_RETURN_IF_ERROR(families("vague_quantities.tsv", &L.vague));
  ISNAD_RETURN_IF_ERROR(families("qualifiers.tsv", &L.qualifiers));
  ISNAD_RETURN_IF_ERROR(families("units.tsv", &L.units));
  ISNAD_RETURN_IF_ERROR(families("number_markers.tsv", &L.number_markers));
  ISNAD_RETURN_IF_ERROR(families("quantity_connectors.tsv", &L.connectors));
  ISNAD_RETURN_IF_ERROR(families("count_nouns.tsv", &L.count_nouns));
  ISNAD_RETURN_IF_ERROR(families("boilerplate.tsv", &L.boilerplate));
  ISNAD_RETURN_IF_ERROR(families("header_labels.tsv", &L.header_labels));
  ISNAD_RETURN_IF_ERROR(families("outlets.tsv", &L.outlets));
  ISNAD_RETURN_IF_ERROR(families("gazetteer.tsv", &L.gazetteer));
  ISNAD_RETURN_IF_ERROR(families("entity_heads.tsv", &L.entity_heads));
  ISNAD_RETURN_IF_ERROR(families("function_words.tsv", &L.function_words));
  ISNAD_RETURN_IF_ERROR(families("roles.tsv", &L.roles));
  // A verb of saying is a verb; a participle that continues the speaker is circumstantial
  // (indefinite: مضيفاً، not المضيف).
  ISNAD_RETURN_IF_ERROR(families_pos("speech.tsv", &L.speech, [](SpeechRole r) {
    return r == SpeechRole::kSay || r == SpeechRole::kOpinion || r == SpeechRole::kRelay ? FamilyPos::kVerb : r == SpeechRole::kContinue ? FamilyPos::kIndefinite : FamilyPos::kAny;
  }));
  ISNAD_RETURN_IF_ERROR(families("claim_triggers.tsv", &L.claim_triggers));
  ISNAD_RETURN_IF_ERROR(families("subject_classes.tsv", &L.subject_classes));
  // A naming verb is a verb (وصفها، اعتبرت: not وصف as a noun).
  ISNAD_RETURN_IF_ERROR(families_pos("epithets.tsv", &L.epithets, [](const Epithet& e) {
    return e.position == Epithet::Position::kNaming ? FamilyPos::kVerb : FamilyPos::kAny;
  }));
  ISNAD_RETURN_IF_ERROR(families("given_names.tsv", &L.given_names));
  ISNAD_RETURN_IF_ERROR(families("detention_places.tsv", &L.detention_places));
  ISNAD_RETURN_IF_ERROR(families("nationalities.tsv", &L.nationalities));
  ISNAD_RETURN_IF_ERROR(families("event_triggers.tsv", &L.event_triggers));
  ISNAD_RETURN_IF_ERROR(families("story_events.tsv", &L.story_events));
  ISNAD_RETURN_IF_ERROR(families("subject_nouns.tsv", &L.subject_nouns));
  ISNAD_RETURN_IF_ERROR(families("attribution_cues.tsv", &L.attribution_cues));
  lx->BuildFirstWordIndex();
  return std::shared_ptr<const Lexicons>(std::move(lx));
}

void Lexicons::BuildFirstWordIndex() {
  auto add = [&](const auto& table) {
    table.ForEachFirst([&](const std::string& w) { first_words_[w] |= 1u << table.id(); });
    table.ForEachFirstKey([&](const std::string& k) { first_words_[k] |= 1u << table.id(); });
  };
  add(months);
  add(weekdays);
  add(relative_dates);
  add(time_words);
  add(time_cues);
  add(number_words);
  add(vague);
  add(qualifiers);
  add(units);
  add(number_markers);
  add(connectors);
  add(count_nouns);
  add(boilerplate);
  add(header_labels);
  add(outlets);
  add(gazetteer);
  add(entity_heads);
  add(function_words);
  add(roles);
  add(speech);
  add(claim_triggers);
  add(subject_classes);
  add(epithets);
  add(given_names);
  add(nationalities);
  add(event_triggers);
  add(story_events);
  add(state_bodies);
  add(name_particles);
  add(body_qualifiers);
  add(subject_nouns);
  add(attribution_cues);
  first_filter_.assign(1024, 0);
  for (const auto& kv : first_words_) {
    uint32_t k = FilterKey(kv.first);
    first_filter_[k >> 6] |= uint64_t{1} << (k & 63);
  }
}

namespace {

// A word's readings as Annotate computed them. Words repeat (a news text has few distinct
// words), so each distinct word is read once per thread. The cache is a flat open-addressing
// table over one byte arena: a lookup touches one slot and one contiguous record (the word,
// its table mask, its variants and their keys), where a node-based map chased four or five
// pointers per token. It is cleared when it grows too large or when another Lexicons uses the
// thread.
//
// Record layout at `off` in the arena: RecordHead, the word's bytes, `variants` WordVariants
// (keys relative to the record's own key bytes), then the key bytes.
struct RecordHead {
  uint32_t word_size, mask, variants, keys_size;
  uint32_t texts;  // how many texts of this cache generation had the word
};
// Variants are stored in the arena as bytes.
static_assert(std::is_trivially_copyable_v<WordVariant>);

struct WordCache {
  struct Slot {
    uint64_t hash = 0;
    uint32_t off = 0;  // record offset + 1; 0 marks an empty slot
    uint32_t id = 0;   // the word's id (TokenizedText::word_id): records in insertion order
  };
  uint64_t owner = 0;
  uint64_t epoch = 0;  // the id space of this cache's contents (TokenizedText::word_epoch)
  std::vector<Slot> slots;
  std::string arena;
  size_t count = 0;

  void Reset(uint64_t owner_id, uint64_t new_epoch) {
    owner = owner_id;
    epoch = new_epoch;
    slots.assign(1 << 12, Slot{});
    arena.clear();
    count = 0;
  }
  // The slot of `word`, or nullptr.
  // The record's key is the word and then its tag byte.
  const Slot* Find(std::string_view word, char tag, uint64_t h) const {
    const size_t m = slots.size() - 1;
    for (size_t i = h & m;; i = (i + 1) & m) {
      const Slot& s = slots[i];
      if (s.off == 0) return nullptr;
      if (s.hash != h) continue;
      RecordHead head;
      const char* rec = arena.data() + s.off - 1;
      std::memcpy(&head, rec, sizeof head);
      if (head.word_size == word.size() + 1 && rec[sizeof head + word.size()] == tag &&
          std::memcmp(rec + sizeof head, word.data(), word.size()) == 0) {
        return &s;
      }
    }
  }
  void PrefetchSlot(uint64_t h) const { Prefetch(&slots[h & (slots.size() - 1)]); }
  // The record of the first slot with hash `h`, if its slot is already at hand.
  void PrefetchRecord(uint64_t h) const {
    const Slot& s = slots[h & (slots.size() - 1)];
    if (s.hash == h && s.off != 0) Prefetch(arena.data() + s.off - 1);
  }
  // Adds the record at `off`; returns its slot.
  const Slot* Insert(uint64_t h, uint32_t off) {
    if ((count + 1) * 2 > slots.size()) {
      std::vector<Slot> old(slots.size() * 2);
      old.swap(slots);
      for (const Slot& s : old) {
        if (s.off != 0) Place(s);
      }
    }
    const Slot* s = Place(Slot{h, off + 1, static_cast<uint32_t>(count)});
    ++count;
    return s;
  }
  const Slot* Place(const Slot& s) {
    const size_t m = slots.size() - 1;
    size_t i = s.hash & m;
    while (slots[i].off != 0) i = (i + 1) & m;
    slots[i] = s;
    return &slots[i];
  }
};

constexpr size_t kMaxCachedWords = 1 << 17;
constexpr size_t kMaxCacheArena = size_t{64} << 20;

// A full cache keeps the words of at least this many texts of its generation, first met
// first, up to half its capacity: a news stream's common words stay read (and their ids'
// values in the memos of later stages stay computed), its names and typos of one article go.
constexpr uint32_t kKeepTexts = 2;

// Keeps the records of `cache` of words in kKeepTexts texts or more, under a new epoch, and
// tells the thread's memos which old id each kept word had.
void CompactCache(uint64_t new_epoch, WordCache* cache) {
  WordEpochRemap& remap = WordEpochRemap::ThreadLocal();
  remap.from = cache->epoch;
  remap.to = new_epoch;
  remap.old_id.clear();
  std::string old_arena;
  old_arena.swap(cache->arena);
  const uint64_t owner = cache->owner;
  cache->Reset(owner, new_epoch);
  size_t off = 0;
  for (uint32_t id = 0; off < old_arena.size(); ++id) {
    RecordHead head;
    std::memcpy(&head, old_arena.data() + off, sizeof head);
    const size_t size = sizeof head + head.word_size + head.variants * sizeof(WordVariant) + head.keys_size;
    const bool keep = head.texts >= kKeepTexts && cache->count < kMaxCachedWords / 2 &&
                      cache->arena.size() + size <= kMaxCacheArena / 2;
    if (keep) {
      const char* word = old_arena.data() + off + sizeof head;  // then its tag byte
      const size_t at = cache->arena.size();
      RecordHead fresh = head;
      fresh.texts = 0;
      cache->arena.append(reinterpret_cast<const char*>(&fresh), sizeof fresh);
      cache->arena.append(old_arena, off + sizeof head, size - sizeof head);
      cache->Insert(XXH3_64bits_withSeed(word, head.word_size - 1, static_cast<unsigned char>(word[head.word_size - 1])),
                    static_cast<uint32_t>(at));
      remap.old_id.push_back(id);
    }
    off += size;
  }
}

// The words of the text being annotated, by cache key hash: a token of a word the text
// already had takes its id, mask and readings from here (a table of a few thousand slots, in
// the core's caches) instead of from the word cache (tens of megabytes, a miss per look-up).
// Slots of an earlier call (another stamp) are empty.
struct TextWords {
  struct Slot {
    uint64_t hash = 0;
    uint32_t stamp = 0;
    uint32_t token = 0;  // the word's first token in the text
    uint32_t id = 0;
    uint32_t mask = 0;
    TokenizedText::VariantRange range;
  };
  std::vector<Slot> slots;
  uint32_t stamp = 0;
  size_t mask = 0;  // the part of `slots` this text probes, less one

  // Empties the table for a text of n tokens.
  void Start(size_t n) {
    size_t size = 1024;
    while (size < 2 * n) size *= 2;
    if (slots.size() < size || ++stamp == 0) {
      slots.assign(std::max(size, slots.size()), Slot{});
      stamp = 1;
    }
    mask = std::min(slots.size(), size) - 1;  // a small text probes a small part of the table
  }
};

std::atomic<uint64_t> next_lexicons_id{1};
std::atomic<uint64_t> next_word_epoch{1};

}  // namespace

Lexicons::Lexicons() : cache_id_(next_lexicons_id.fetch_add(1)) {}

void Lexicons::Annotate(TokenizedText* tt) const {
  const size_t n = tt->size();
  tt->lex_mask.resize(n);
  tt->variants.clear();
  tt->keys.clear();
  tt->var_range.resize(n);
  tt->word_id.resize(n);
  thread_local std::string scratch, cache_key, local_keys;
  thread_local std::vector<WordVariant> local_variants;
  thread_local WordCache cache;
  thread_local TextWords seen;
  if (cache.owner != cache_id_) {
    cache.Reset(cache_id_, next_word_epoch.fetch_add(1));
  } else if (cache.count > kMaxCachedWords || cache.arena.size() > kMaxCacheArena) {
    CompactCache(next_word_epoch.fetch_add(1), &cache);
  }
  seen.Start(n);
  tt->word_epoch = cache.epoch;
  // First pass: each token's cache key hash. The table is larger than the core's caches, so
  // the main loop prefetches the slot of a token a few ahead and, once that slot has arrived,
  // the record it points to: the two misses per rare word overlap with the work on others.
  // A token's cache key is its text and a tag byte: 'f' a word written with a final ة,
  // 'w' another word, 'o' not a word. The hash is of the text, seeded with the tag.
  thread_local std::vector<uint64_t> hashes;
  thread_local std::vector<char> tag_at;
  hashes.resize(n);
  tag_at.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tt->tokens[i];
    char tag = 'o';
    if (t.kind == TokenKind::kWord) {
      // Feminine as written: the raw text of the token's last letter is ة.
      const bool feminine = t.end >= t.begin + 2 &&
                            morphology.EndsFeminine(tt->norm.raw, tt->norm.ToRaw(t.end - 2, t.end).begin + 2);
      tag = feminine ? 'f' : 'w';
    }
    tag_at[i] = tag;
    std::string_view w = tt->text(i);
    hashes[i] = XXH3_64bits_withSeed(w.data(), w.size(), static_cast<unsigned char>(tag));
  }
  tt->variants.reserve(n);
  constexpr size_t kSlotAhead = 48, kRecordAhead = 24;
  for (size_t i = 0; i < n; ++i) {
    if (i + kSlotAhead < n) cache.PrefetchSlot(hashes[i + kSlotAhead]);
    if (i + kRecordAhead < n) cache.PrefetchRecord(hashes[i + kRecordAhead]);
    std::string_view w = tt->text(i);
    const char tag = tag_at[i];
    const bool feminine = tag == 'f';
    const uint64_t h = hashes[i];
    // A word the text already had.
    size_t at = h & seen.mask;
    for (;; at = (at + 1) & seen.mask) {
      const TextWords::Slot& ls = seen.slots[at];
      if (ls.stamp != seen.stamp) break;
      if (ls.hash == h && tag_at[ls.token] == tag && tt->text(ls.token) == w) break;
    }
    TextWords::Slot& local = seen.slots[at];
    if (local.stamp == seen.stamp) {
      tt->word_id[i] = local.id;
      tt->var_range[i] = local.range;
      tt->lex_mask[i] = local.mask;
      continue;
    }
    const WordCache::Slot* slot = cache.Find(w, tag, h);
    if (slot == nullptr) {
      cache_key.assign(w);
      cache_key.push_back(tag);
      uint32_t mask = 0;
      auto probe = [&](std::string_view v) {
        uint32_t k = FilterKey(v);
        if (!(first_filter_[k >> 6] & (uint64_t{1} << (k & 63)))) return;
        auto it = first_words_.find(v);
        if (it != first_words_.end()) mask |= it->second;
      };
      local_variants.clear();
      local_keys.clear();
      if (tt->tokens[i].kind == TokenKind::kWord) {
        morphology.Variants(w, feminine, &local_variants, &local_keys);
        // Every reading of the token: as written and after each clitic split (with the
        // article restored after لل), and its family keys.
        auto key = [&](KeyRef k) { return std::string_view(local_keys).substr(k.begin, k.size); };
        for (const WordVariant& wv : local_variants) {
          std::string_view rest = w.substr(wv.prefix);
          if (wv.restore_article) {
            scratch.assign(morphology.article());
            scratch.append(rest);
            probe(scratch);
          } else {
            probe(rest);
          }
          probe(key(wv.noun));
          if (!wv.noun_f.empty()) probe(key(wv.noun_f));
          if (!wv.verb.empty()) probe(key(wv.verb));
          if (!wv.verb1.empty()) probe(key(wv.verb1));
        }
      } else {
        local_variants.push_back(WordVariant{});
        probe(w);
      }
      const size_t off = cache.arena.size();
      RecordHead head{static_cast<uint32_t>(cache_key.size()), mask,
                      static_cast<uint32_t>(local_variants.size()), static_cast<uint32_t>(local_keys.size()), 0};
      cache.arena.append(reinterpret_cast<const char*>(&head), sizeof head);
      cache.arena.append(cache_key);
      cache.arena.append(reinterpret_cast<const char*>(local_variants.data()),
                         local_variants.size() * sizeof(WordVariant));
      cache.arena.append(local_keys);
      slot = cache.Insert(h, static_cast<uint32_t>(off));
    }
    // The word's first token in the text: copy the cached readings, their keys moved to
    // this text's arena.
    char* rec = cache.arena.data() + slot->off - 1;
    RecordHead head;
    std::memcpy(&head, rec, sizeof head);
    const char* vars = rec + sizeof head + head.word_size;
    const uint32_t shift = static_cast<uint32_t>(tt->keys.size());
    const size_t v0 = tt->variants.size();
    tt->variants.resize(v0 + head.variants);
    WordVariant* dst = tt->variants.data() + v0;
    std::memcpy(static_cast<void*>(dst), vars, head.variants * sizeof(WordVariant));
    for (uint32_t v = 0; v < head.variants; ++v) {
      for (KeyRef* k : {&dst[v].noun, &dst[v].noun_f, &dst[v].verb, &dst[v].verb1}) {
        if (k->size != 0) k->begin += shift;
      }
    }
    tt->keys.append(vars + head.variants * sizeof(WordVariant), head.keys_size);
    ++head.texts;
    std::memcpy(rec, &head, sizeof head);
    local = TextWords::Slot{h, seen.stamp, static_cast<uint32_t>(i), slot->id, head.mask,
                            {static_cast<uint32_t>(v0), static_cast<uint32_t>(v0 + head.variants)}};
    tt->word_id[i] = local.id;
    tt->var_range[i] = local.range;
    tt->lex_mask[i] = local.mask;
  }
}

const Lexicons& Lexicons::Default() {
  static std::shared_ptr<const Lexicons> instance = [] {
    auto r = Load(DataSource());
    if (!r.ok()) {
      std::fprintf(stderr, "isnad: embedded data tables are broken: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return r.value();
  }();
  return *instance;
}

}  // namespace isnad
