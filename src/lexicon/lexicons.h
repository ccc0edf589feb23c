// All lexicons and rule tables, loaded once into immutable tables shared by every
// worker thread. Every entry comes from a TSV file in data/ (see the header comment of
// each file for its format); nothing here hard-codes a word.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon/phrase_table.h"
#include "model/vocab.h"
#include "util/tsv.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace isnad {

namespace ner {
class Model;
}

struct MonthName {
  int month = 0;
  bool hijri = false;
  bool strict = false;  // needs a day number or year next to it
};

enum class TimeWordRole : uint8_t { kPast, kCurrent, kNext, kDayPrefix, kYear, kHijri, kGregorian };

// A word next to a time expression (data/time_cues.tsv): a bit set of roles, as one
// phrase may have several (حتى opens a bare year and closes a range).
struct TimeCue {
  enum Role : uint32_t {
    kYearPrep = 1u << 0, kBetween = 1u << 1, kRangeTo = 1u << 2, kAnd = 1u << 3, kPeriod = 1u << 4,
    kSeason = 1u << 5, kOrdinal = 1u << 6, kOf = 1u << 7, kAgo = 1u << 8, kMonthWord = 1u << 9,
    kFuture = 1u << 10, kCall = 1u << 11, kCallPrep = 1u << 12, kPastAux = 1u << 13, kAm = 1u << 14,
    kPm = 1u << 15, kZone = 1u << 16, kRangeFrom = 1u << 17, kRelative = 1u << 18, kEquals = 1u << 19,
    kFutureParticle = 1u << 20, kComplementizer = 1u << 21, kDecade = 1u << 22, kSince = 1u << 23,
    kSinceCompare = 1u << 24, kOver = 1u << 25, kSinceThen = 1u << 26,
  };
  uint32_t roles = 0;
  int season = 0;   // kSeason: first month
  int ordinal = 0;  // kOrdinal: day of the month
  bool definite = false;  // the phrase starts with the article (المقرر): a noun, not a verb
};

// Word-shape rules of data/time_cues.tsv (normalized strings).
struct TimeAffixes {
  std::vector<std::string> future_prefixes;  // سي ست سن
  std::vector<std::string> noun_starts;      // after a future prefix
  std::vector<std::string> noun_endings;
  std::vector<std::string> not_future;       // word starts that are not future verbs
  std::vector<std::string> verb_clitics;     // و ف
  std::vector<std::string> count_endings;    // ا: the accusative of a counted noun
  std::string article;                       // ال
};

struct NumberWord {
  // kFraction: VALUE is a denominator (نصف = 2), a part of the scale word next to it.
  enum class Class : uint8_t { kAtom, kHundred, kScale, kScale2, kFraction };
  int64_t value = 0;
  Class cls = Class::kAtom;
  bool before_ten = false;  // class teen_unit: a unit only in front of ten (اثنا عشر)
};

struct VagueWord {
  int64_t low = 0;
  int64_t high = 0;
};

struct QualifierWord {
  Qualifier qualifier = Qualifier::kExact;
  bool after = false;  // stands after the number (تقريبا، على الأقل)
  bool verb = false;   // a verb of exceeding: also before the count it governs (تجاوز عدد المصابين 200)
};

// A word before a number that makes it no quantity (data/number_markers.tsv): an
// identifier's label (رقم 3314) within a few words, or an ordinal right before a teen
// number word (الرابعة عشرة: the fourteenth).
struct NumberMarker {
  bool ordinal = false;
};

struct UnitWord {
  QuantityKind kind = QuantityKind::kCount;
  std::string unit;
  int multiplier = 1;  // a dual noun on its own stands for 2
};

enum class ConnectorRole : uint8_t { kRangeFrom, kRangeTo, kAlternative };

// A word of a number's counted phrase (data/subject_nouns.tsv).
enum class SubjectNoun : uint8_t { kActor, kMember, kPartitive, kOthers, kBreakdown, kNot, kAgent };

struct BoilerplateCue {
  // data/boilerplate.tsv explains each scope. kLead: the line opens with the cue (a link
  // line, "للمزيد: ..."); kCaption: marks a photo caption; kProse: a word that opens running
  // prose, so a line that starts with it is never chrome by shape alone; kThat: a
  // complementizer, which after a verb of saying makes the line a report ("يقول إن").
  enum class Scope : uint8_t { kExact, kLine, kWeak, kList, kLead, kCaption, kProse, kThat };
  std::string kind;
  Scope scope = Scope::kLine;
};

struct HeaderLabel {
  std::string field;  // published | updated | author
};

struct OutletName {
  std::string canonical;
  std::string kind;  // agency | outlet | generic | monitor
  bool strict = false;  // a common word too: an outlet only in quotes or after a media head
};

struct GazetteerEntry {
  EntityType type = EntityType::kORG;
  std::string key;
};

struct EntityHead {
  enum class Role : uint8_t { kName, kAnaphor, kAlias, kParticle };
  EntityType type = EntityType::kORG;
  Role role = Role::kName;
  std::string bare;  // the head without its article, normalized (التنظيم -> تنظيم)
};

// kOpinion: a verb of thinking or expecting (يتوقع، يعتبر) attributes only with a subject
// named with it; alone it is narration ("ويعتبر الاثنين …" is "is considered").
// kRelay: a verb of relaying (نقلت X عن Y): Y is the speaker, X a link of the chain.
enum class SpeechRole : uint8_t { kSay, kContinue, kAccording, kSame, kGeneric, kOpinion, kRelay };

// Small words of attribution (data/attribution_cues.tsv).
enum class AttributionCue : uint8_t { kComplementizer, kTo, kFor, kFrom, kNegation, kRelative, kCircumstance, kRecord };

struct ClaimTrigger {
  std::string category;
  int strength = 1;
  bool needs_place = false;  // only with a place of detention in its clause (يضم السجن …)
};

// One row of data/epithets.tsv (its header documents the positions and targets).
struct Epithet {
  enum class Position : uint8_t { kBefore, kAfter, kAlone, kOccupier, kNation, kForce, kPredicate, kSoCalled, kNaming };
  // What an `alone` epithet names: the last armed group, no one actor (a class of
  // people), or a fixed actor (`key`).
  enum class Target : uint8_t { kGroup, kNone, kKey };
  Position position = Position::kBefore;
  std::string kind;
  Target target = Target::kGroup;
  std::string key;       // Target::kKey: the gazetteer key
  bool sponsor = false;  // an `after` phrase that takes the actor after it (المدعومة من X)
};

// Particles and letters that rules refer to by role (particles.tsv), normalized.
struct Particles {
  std::string conj_and, in, from, to;
  std::vector<std::string> weak_letters, skeleton_finals;
};

class Lexicons {
 public:
  // Loads every table from `source`. Errors name the file and line.
  static Result<std::shared_ptr<const Lexicons>> Load(const DataSource& source);
  // The embedded tables, loaded on first use. A broken embedded table is a build bug:
  // it aborts with the message (the unit tests load every table).
  static const Lexicons& Default();

  // Tokens of a lexicon phrase as the engine sees them in text.
  std::vector<std::string> PhraseTokens(std::string_view phrase) const;
  // Adds a TSV entry to a table ("=word": no family matching for it).
  template <typename T>
  void AddPhrase(PhraseTable<T>* table, std::string_view phrase, T value) const;

  // Fills tt->variants (each token's clitic splits and family keys, computed once) and
  // tt->lex_mask: one hash probe per token reading, after which a table look-up at a
  // token that starts none of its phrases costs one bit test.
  void Annotate(TokenizedText* tt) const;
  // Names this instance for per-thread memos of values computed from its tables
  // (unique per process, never reused as an address could be).
  uint64_t instance_id() const { return cache_id_; }

  Normalizer normalizer;
  Clitics clitics;
  Morphology morphology;
  Particles particles;
  PhraseTable<MonthName> months{0};
  PhraseTable<int> weekdays{1};  // 0 = Sunday
  PhraseTable<RelativeDate> relative_dates{2};
  PhraseTable<TimeWordRole> time_words{3};
  // Read around every time anchor and count (as_of of another time), so it has its bit.
  PhraseTable<TimeCue> time_cues{29};
  TimeAffixes time_affixes;
  PhraseTable<NumberWord> number_words{4};
  PhraseTable<VagueWord> vague{5};
  PhraseTable<QualifierWord> qualifiers{6};
  PhraseTable<UnitWord> units{7};
  PhraseTable<NumberMarker> number_markers{8};
  PhraseTable<ConnectorRole> connectors{9};
  // Nouns that name a count (عدد، حصيلة): between a verb of exceeding and its number.
  // Consulted after such a verb.
  PhraseTable<bool> count_nouns{30};
  PhraseTable<BoilerplateCue> boilerplate{10};
  PhraseTable<HeaderLabel> header_labels{11};
  PhraseTable<OutletName> outlets{12};
  PhraseTable<GazetteerEntry> gazetteer{13};
  PhraseTable<EntityHead> entity_heads{14};
  PhraseTable<bool> function_words{15};
  PhraseTable<bool> roles{16};
  PhraseTable<SpeechRole> speech{17};
  PhraseTable<ClaimTrigger> claim_triggers{18};
  PhraseTable<std::string> subject_classes{19};
  PhraseTable<Epithet> epithets{20};
  PhraseTable<bool> given_names{21};
  PhraseTable<std::string> nationalities{22};  // adjective -> gazetteer key
  PhraseTable<std::string> event_triggers{23};
  // The kind of happening a title or lead reports (data/story_events.tsv: violence,
  // sanctions, envoys, opening...), read by story clustering.
  PhraseTable<std::string> story_events{31};
  PhraseTable<SubjectNoun> subject_nouns{24};
  PhraseTable<AttributionCue> attribution_cues{25};
  PhraseTable<int> state_bodies{26};      // noun -> words after it that belong to the body
  PhraseTable<bool> name_particles{27};   // عبد، أبو: joined with the next name word
  PhraseTable<bool> body_qualifiers{28};  // after a state body: true = a parent, false = a place
  // Places of detention (سجن، معتقل): consulted only next to a `place` trigger, so no bit.
  PhraseTable<bool> detention_places{-1};

  // A name token's skeleton: the inner letters of data/spelling_variants.tsv dropped
  // after the first letter, doubled letters made single (ترامب, ترمب -> ترمب).
  std::string NameSkeleton(std::string_view token) const;
  // Whether token i may stand alone for a name the text gave elsewhere (a surname after
  // the full name, a name the tagger found before): a word of 3 letters or more at which
  // no phrase of a table other than the names' (gazetteer, outlets, given names) starts,
  // so not a function word, ordinal, number or time word, role, head or nationality
  // (the الثاني of عبد الله الثاني, the اليوم after a name cut too long). Reads the
  // table bits Annotate left in tt.lex_mask.
  bool NameWordAlone(const TokenizedText& tt, size_t i) const;
  // Whether a and b differ only in their last letter, both final variants (الصحه/الصحي).
  bool FinalVariants(std::string_view a, std::string_view b) const;
  // The article (the prefix clitics restore, data/clitics.tsv).
  std::string_view article() const { return clitics.article(); }

  // The country key of a gazetteer key (data/countries_of.tsv; a country is its own), or "".
  const std::string& CountryOf(std::string_view key) const;
  // The learned entity tagger (data/ner_model.tsv, lexicon/ner_model.h); never null, empty when
  // the data has no model.
  std::shared_ptr<const ner::Model> ner_model;

  // True when `raw` (as written, not normalized) is a given name as listed.
  bool IsGivenNameSpelling(std::string_view raw) const { return given_raw_.count(std::string(raw)) > 0; }

  // The canonical (first listed) name of a gazetteer key, or "".
  const std::string& GazetteerName(std::string_view key) const;
  // Every listed name of a gazetteer key, normalized.
  const std::vector<std::string>& GazetteerNames(std::string_view key) const;

 private:
  void BuildFirstWordIndex();
  // First word of any phrase -> bit mask of the tables it starts a phrase in.
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> first_words_;
  // A 64K-bit filter over (length, first two bytes, last byte) of the first words:
  // most text words fail it and never reach the hash table.
  std::vector<uint64_t> first_filter_;
  uint64_t cache_id_;  // names this instance in the per-thread word cache of Annotate
  std::unordered_set<std::string> given_raw_;
  std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>> gazetteer_all_names_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> gazetteer_names_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> country_of_;
  std::vector<char32_t> inner_letters_, final_letters_;
  static uint32_t FilterKey(std::string_view w) {
    if (w.empty()) return 0;
    uint32_t b0 = static_cast<unsigned char>(w[0]), b1 = w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0;
    uint32_t last = static_cast<unsigned char>(w.back());
    return ((b0 * 0x9E37u) ^ (b1 * 0x85EBu) ^ (last * 0xC2B3u) ^ (static_cast<uint32_t>(w.size()) * 0x27D5u)) & 0xFFFFu;
  }

 public:

 private:
  Lexicons();
};

}  // namespace isnad
