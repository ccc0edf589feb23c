#include "lexicon/lexicons.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <mutex>

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

const std::string& Lexicons::GazetteerName(std::string_view key) const {
  static const std::string kEmpty;
  auto it = gazetteer_names_.find(key);
  return it == gazetteer_names_.end() ? kEmpty : it->second;
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

  Lexicons& L = *lx;
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "months.tsv", 4, [&](const TsvRow& r) -> std::string {
    int64_t m, strict;
    if (!ParseInt(r.fields[2], &m) || m < 1 || m > 12) return "month must be 1..12";
    if (r.fields[1] != "gregorian" && r.fields[1] != "hijri") return "calendar must be gregorian or hijri";
    if (!ParseInt(r.fields[3], &strict)) return "strict must be 0 or 1";
    L.months.Add(L.PhraseTokens(r.fields[0]), MonthName{static_cast<int>(m), r.fields[1] == "hijri", strict != 0});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "weekdays.tsv", 2, [&](const TsvRow& r) -> std::string {
    int64_t d;
    if (!ParseInt(r.fields[1], &d) || d < 0 || d > 6) return "weekday must be 0..6";
    L.weekdays.Add(L.PhraseTokens(r.fields[0]), static_cast<int>(d));
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
    L.relative_dates.Add(L.PhraseTokens(r.fields[0]), rd);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "time_words.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, TimeWordRole> kRoles[] = {
        {"past", TimeWordRole::kPast},       {"current", TimeWordRole::kCurrent}, {"next", TimeWordRole::kNext},
        {"dayprefix", TimeWordRole::kDayPrefix}, {"year", TimeWordRole::kYear}, {"hijri", TimeWordRole::kHijri},
        {"gregorian", TimeWordRole::kGregorian}};
    for (const auto& [name, role] : kRoles) {
      if (r.fields[1] == name) {
        L.time_words.Add(L.PhraseTokens(r.fields[0]), role);
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
          {"decade", TimeCue::kDecade}};
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
    else return "class must be atom, hundred, scale or scale2";
    L.number_words.Add(L.PhraseTokens(r.fields[0]), w);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "vague_quantities.tsv", 3, [&](const TsvRow& r) -> std::string {
    VagueWord v;
    if (!ParseInt(r.fields[1], &v.low) || !ParseInt(r.fields[2], &v.high) || v.low > v.high) return "bad range";
    L.vague.Add(L.PhraseTokens(r.fields[0]), v);
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
    if (r.fields[2] != "before" && r.fields[2] != "after") return "position must be before or after";
    q.after = r.fields[2] == "after";
    L.qualifiers.Add(L.PhraseTokens(r.fields[0]), q);
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
    L.units.Add(L.PhraseTokens(r.fields[0]), u);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "number_markers.tsv", 2, [&](const TsvRow& r) -> std::string {
    if (r.fields[1] != "identifier") return "kind must be identifier";
    L.number_markers.Add(L.PhraseTokens(r.fields[0]), QuantityKind::kIdentifier);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "quantity_connectors.tsv", 2, [&](const TsvRow& r) -> std::string {
    std::string_view role = r.fields[1];
    ConnectorRole c;
    if (role == "range_from") c = ConnectorRole::kRangeFrom;
    else if (role == "range_to") c = ConnectorRole::kRangeTo;
    else if (role == "alternative") c = ConnectorRole::kAlternative;
    else return "role must be range_from, range_to or alternative";
    L.connectors.Add(L.PhraseTokens(r.fields[0]), c);
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
    else return "scope must be exact, line, weak or list";
    L.boilerplate.Add(L.PhraseTokens(r.fields[0]), c);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "header_labels.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.header_labels.Add(L.PhraseTokens(r.fields[0]), HeaderLabel{std::string(r.fields[1])});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "outlets.tsv", 3, [&](const TsvRow& r) -> std::string {
    bool strict = r.fields.size() > 3 && r.fields[3] == "1";
    L.outlets.Add(L.PhraseTokens(r.fields[0]), OutletName{std::string(r.fields[1]), std::string(r.fields[2]), strict});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "gazetteer.tsv", 3, [&](const TsvRow& r) -> std::string {
    GazetteerEntry e;
    if (!ParseEntityType(r.fields[1], &e.type)) return "unknown entity type";
    e.key = std::string(r.fields[2]);
    L.gazetteer_names_.emplace(e.key, std::string(r.fields[0]));
    L.gazetteer_all_names_[e.key].push_back(L.normalizer.NormalizeString(r.fields[0]));
    L.gazetteer.Add(L.PhraseTokens(r.fields[0]), e);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "entity_heads.tsv", 3, [&](const TsvRow& r) -> std::string {
    EntityHead h;
    std::string_view role = r.fields[2];
    if (role == "name") h.role = EntityHead::Role::kName;
    else if (role == "anaphor") h.role = EntityHead::Role::kAnaphor;
    else if (role == "alias") h.role = EntityHead::Role::kAlias;
    else return "role must be name, anaphor or alias";
    if (h.role != EntityHead::Role::kAlias && !ParseEntityType(r.fields[1], &h.type)) return "unknown entity type";
    std::string norm = L.normalizer.NormalizeString(r.fields[0]);
    h.bare = norm.rfind("\xD8\xA7\xD9\x84", 0) == 0 ? norm.substr(4) : norm;  // strip ال
    L.entity_heads.Add(L.PhraseTokens(r.fields[0]), h);
    return "";
  }));
  auto word_set = [&](const char* file, PhraseTable<bool>* table) {
    return LoadTable(src, file, 1, [&](const TsvRow& r) -> std::string {
      table->Add(L.PhraseTokens(r.fields[0]), true);
      return "";
    });
  };
  ISNAD_RETURN_IF_ERROR(word_set("function_words.tsv", &L.function_words));
  ISNAD_RETURN_IF_ERROR(word_set("roles.tsv", &L.roles));
  ISNAD_RETURN_IF_ERROR(word_set("given_names.tsv", &L.given_names));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "given_names.tsv", 1, [&](const TsvRow& r) -> std::string {
    L.given_raw_.insert(std::string(r.fields[0]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "speech.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const std::pair<std::string_view, SpeechRole> kRoles[] = {
        {"say", SpeechRole::kSay}, {"continue", SpeechRole::kContinue}, {"according", SpeechRole::kAccording},
        {"same", SpeechRole::kSame}, {"generic", SpeechRole::kGeneric}};
    for (const auto& [name, role] : kRoles) {
      if (r.fields[1] == name) {
        L.speech.Add(L.PhraseTokens(r.fields[0]), role);
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
    L.claim_triggers.Add(L.PhraseTokens(r.fields[0]), ClaimTrigger{std::string(r.fields[1]), static_cast<int>(strength)});
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "subject_classes.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.subject_classes.Add(L.PhraseTokens(r.fields[0]), std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "epithets.tsv", 3, [&](const TsvRow& r) -> std::string {
    Epithet e;
    std::string_view pos = r.fields[1];
    if (pos == "before") e.position = Epithet::Position::kBefore;
    else if (pos == "after") e.position = Epithet::Position::kAfter;
    else if (pos == "alone") e.position = Epithet::Position::kAlone;
    else if (pos == "occupier") e.position = Epithet::Position::kOccupier;
    else return "position must be before, after, alone or occupier";
    e.kind = std::string(r.fields[2]);
    L.epithets.Add(L.PhraseTokens(r.fields[0]), e);
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "event_triggers.tsv", 2, [&](const TsvRow& r) -> std::string {
    static const char* kTypes[] = {"attack", "clashes", "statement", "control_claimed", "escape", "curfew", "meeting", "airstrike"};
    bool known = false;
    for (const char* t : kTypes) known |= r.fields[1] == t;
    if (!known) return "unknown event type";
    L.event_triggers.Add(L.PhraseTokens(r.fields[0]), std::string(r.fields[1]));
    return "";
  }));
  ISNAD_RETURN_IF_ERROR(LoadTable(src, "nationalities.tsv", 2, [&](const TsvRow& r) -> std::string {
    L.nationalities.Add(L.PhraseTokens(r.fields[0]), std::string(r.fields[1]));
    return "";
  }));
  lx->BuildFirstWordIndex();
  return std::shared_ptr<const Lexicons>(std::move(lx));
}

void Lexicons::BuildFirstWordIndex() {
  auto add = [&](const auto& table) {
    table.ForEachFirst([&](const std::string& w) { first_words_[w] |= 1u << table.id(); });
  };
  add(months);
  add(weekdays);
  add(relative_dates);
  add(time_words);
  add(number_words);
  add(vague);
  add(qualifiers);
  add(units);
  add(number_markers);
  add(connectors);
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
  first_filter_.assign(1024, 0);
  for (const auto& kv : first_words_) {
    uint32_t k = FilterKey(kv.first);
    first_filter_[k >> 6] |= uint64_t{1} << (k & 63);
  }
}

void Lexicons::Annotate(TokenizedText* tt) const {
  const size_t n = tt->size();
  tt->lex_mask.assign(n, 0);
  thread_local std::string scratch;
  for (size_t i = 0; i < n; ++i) {
    uint32_t mask = 0;
    std::string_view w = tt->text(i);
    auto probe = [&](std::string_view v, size_t) {
      uint32_t k = FilterKey(v);
      if (!(first_filter_[k >> 6] & (uint64_t{1} << (k & 63)))) return false;
      auto it = first_words_.find(v);
      if (it != first_words_.end()) mask |= it->second;
      return false;  // try every stem
    };
    if (tt->tokens[i].kind == TokenKind::kWord) {
      clitics.ForEachVariant(w, &scratch, probe);
    } else {
      probe(w, 0);
    }
    tt->lex_mask[i] = mask;
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
