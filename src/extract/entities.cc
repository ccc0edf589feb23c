#include "extract/entities.h"

#include <algorithm>
#include <unordered_map>

#include "extract/names.h"
#include "lexicon/ner_model.h"
#include "ner/features.h"
#include "ner/tagger.h"

namespace isnad {

namespace {


// The word without the article, when a stem of two letters or more remains.
std::string_view StripAl(std::string_view w, std::string_view al) {
  return w.substr(0, al.size()) == al && w.size() > al.size() + 2 ? w.substr(al.size()) : w;
}

bool Compatible(EntityType head, EntityType name) {
  if (head == name) return true;
  if (head == EntityType::kGROUP && name == EntityType::kORG) return true;
  if (head == EntityType::kORG && name == EntityType::kGROUP) return true;
  return false;
}

struct Buffers {
  std::vector<ner::TaggedSpan> spans;
  std::vector<int> start, cover;
};
Buffers& ThreadBuffers() {
  thread_local Buffers b;
  return b;
}

class MentionFinder {
 public:
  MentionFinder(const TokenizedText& tt, const Lexicons& lx, EntityFacts* out) : tt_(tt), lx_(lx), out_(*out) {}

  void Run() {
    const size_t n = tt_.size();
    Tag();
    for (size_t i = 0; i < n; ++i) {
      Mention m;
      body_surface_ = -1;
      if (Find(i, &m)) {
        m.name = NameText(m);
        if (body_surface_ >= 0 && names::IsBodyKey(m.key)) {
          out_.surfaces.push_back({m.key, m.first, static_cast<uint32_t>(body_surface_)});
        }
        out_.mentions.push_back(m);
        AfterMention(out_.mentions.size() - 1);
        i = out_.mentions.back().last;
      }
    }
    Surnames();
    ResolveInDocument();
    Titles();
    std::sort(out_.mentions.begin(), out_.mentions.end(), [](const Mention& a, const Mention& b) { return a.first < b.first; });
    Located();
  }

 private:
  bool IsWord(size_t i) const { return i < tt_.size() && tt_.tokens[i].kind == TokenKind::kWord; }
  std::string_view Text(size_t i) const { return tt_.text(i); }
  bool IsQuote(size_t i) const { return i < tt_.size() && Text(i) == "\""; }
  bool SameLine(size_t i) const { return i < tt_.size() && !tt_.tokens[i].line_start(); }

  std::string_view Bare(std::string_view w) const { return StripAl(w, lx_.morphology.article()); }
  bool Function(size_t i) const { return static_cast<bool>(lx_.function_words.Longest(tt_, i)); }
  // A weekday, month, relative date (اليوم، أمس) or time word (الماضي، المقبل) at i.
  bool TimeWord(size_t i) const {
    return lx_.weekdays.Longest(tt_, i, &lx_.clitics) || lx_.months.Longest(tt_, i, &lx_.clitics) ||
           lx_.relative_dates.Longest(tt_, i, &lx_.clitics) || lx_.time_words.Longest(tt_, i, &lx_.clitics);
  }
  bool NameLike(size_t i) const {
    if (!IsWord(i)) return false;
    if (Function(i) || lx_.roles.Longest(tt_, i) || lx_.speech.Longest(tt_, i, &lx_.clitics)) return false;
    if (Text(i).size() < 4) return false;  // one-letter words are clitics or initials
    return true;
  }

  std::string NameText(const Mention& m) const {
    std::string s;
    for (size_t k = m.first; k <= m.last; ++k) {
      if (Text(k) == "\"") continue;
      std::string_view t = Text(k);
      if (k == m.first) t.remove_prefix(std::min<size_t>(m.prefix_bytes, t.size()));
      if (!s.empty()) s += ' ';
      s += t;
    }
    return s;
  }

  // Media names from the outlet list: strict names only in quotes or after a media head.
  bool Outlet(size_t i, bool quoted, bool after_head, Mention* m) const {
    auto o = lx_.outlets.Longest(tt_, i, quoted || after_head ? &lx_.clitics : nullptr);
    if (!o || o.value->kind == "generic") return false;
    if (o.value->strict && !quoted && !after_head) return false;
    if (quoted && !IsQuote(i + o.ntokens)) return false;
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(i + o.ntokens - 1);
    m->prefix_bytes = static_cast<uint32_t>(o.prefix_bytes);
    m->type = EntityType::kMEDIA;
    m->key = "m:" + o.value->canonical;  // canonical names are unique in outlets.tsv
    return true;
  }

  bool Gazetteer(size_t i, Mention* m) const {
    auto g = lx_.gazetteer.Longest(tt_, i, &lx_.clitics);
    if (!g) return false;
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(i + g.ntokens - 1);
    m->prefix_bytes = static_cast<uint32_t>(g.prefix_bytes);
    m->type = g.value->type;
    m->key = "g:" + g.value->key;
    return true;
  }

  bool Find(size_t i, Mention* m) {
    if (!IsWord(i) && !IsQuote(i)) return false;
    // A quoted name: "قسد", «الأخبار».
    if (IsQuote(i) && IsWord(i + 1)) {
      Mention q;
      bool after_head = i > 0 && IsMediaHead(i - 1);
      if (Outlet(i + 1, true, after_head, &q) || Gazetteer(i + 1, &q)) {
        if (IsQuote(q.last + 1)) {
          *m = q;
          return true;
        }
      }
      return false;
    }
    Mention best;
    bool found = false;
    if (Gazetteer(i, &best)) found = true;
    Mention o;
    if (Outlet(i, false, false, &o) && (!found || o.last > best.last)) {
      best = o;
      found = true;
    }
    Mention h;
    if (Head(i, &h) && (!found || h.last > best.last)) {
      best = h;
      found = true;
    }
    Mention b;
    if (StateBody(i, &b)) {
      // Over a head name of the same length (وزارة الصحة): the body knows its country.
      bool head = found && best.key.rfind("h:", 0) == 0;
      if (!found || b.last > best.last || (head && b.last >= best.last)) {
        best = b;
        found = true;
      } else if (best.key.rfind("g:", 0) == 0 && b.first == best.first && b.last == best.last) {
        out_.aliases.emplace_back(best.key, b.key);  // الجيش الإسرائيلي is the army of IL
        body_surface_ = -1;
      } else {
        body_surface_ = -1;
      }
    }
    if (found) WithTaggerBounds(&best);
    if (!found && Person(i, &best)) found = true;
    if (!found && Anaphor(i, &best)) found = true;
    if (!found && Tagged(i, &best)) found = true;
    if (found) *m = best;
    return found;
  }

  // The entity head phrase starting at token i (with its clitics), remembered for the last
  // token asked: Find asks Head, then Anaphor, about the same token.
  PhraseTable<EntityHead>::Match HeadAt(size_t i) const {
    if (i != head_at_) {
      head_at_ = i;
      head_match_ = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
    }
    return head_match_;
  }

  bool IsMediaHead(size_t i) const {
    auto h = HeadAt(i);
    return h && h.value->role == EntityHead::Role::kName && h.value->type == EntityType::kMEDIA && h.ntokens == 1;
  }

  // HEAD NAME: سجن غويران، تنظيم "مغاوير الثورة"، وكالة "أسوشيتد برس"، سجن الحسكة.
  bool Head(size_t i, Mention* m) const {
    auto h = HeadAt(i);
    if (!h || h.value->role != EntityHead::Role::kName) return false;
    size_t j = i + h.ntokens;
    if (!SameLine(j)) return false;
    m->first = static_cast<uint32_t>(i);
    m->prefix_bytes = static_cast<uint32_t>(h.prefix_bytes);
    m->type = h.value->type;
    const std::string& head = h.value->bare;
    if (IsQuote(j)) {
      Mention inner;
      bool known = (h.value->type == EntityType::kMEDIA && Outlet(j + 1, true, true, &inner)) || Gazetteer(j + 1, &inner);
      if (known && IsQuote(inner.last + 1) && Compatible(h.value->type, inner.type)) {
        m->last = inner.last + 1;
        m->type = inner.type;
        m->key = inner.key;
        return true;
      }
      size_t k = j + 1;
      while (k < tt_.size() && k < j + 7 && !IsQuote(k) && SameLine(k)) ++k;
      if (!IsQuote(k) || k == j + 1) return false;
      m->last = static_cast<uint32_t>(k);
      m->key = "h:" + head + "|" + Joined(j + 1, k - 1);
      return true;
    }
    Mention inner;
    if (Gazetteer(j, &inner) || (h.value->type == EntityType::kMEDIA && Outlet(j, false, true, &inner))) {
      if (inner.prefix_bytes != 0) return false;
      m->last = inner.last;
      if (Compatible(h.value->type, inner.type) || (h.value->type == EntityType::kGPE && inner.type == EntityType::kGPE)) {
        m->type = inner.type;
        m->key = inner.key;
      } else {
        m->key = "h:" + head + "|@" + inner.key;  // the prison of a place: resolved by location
      }
      return true;
    }
    if (!NameLike(j) || lx_.given_names.Longest(tt_, j)) return false;
    // An organisation's head before a word without the article names one only when the
    // word is a name (شركة أبل): جامعة سعودية، جماعة مسلحة، شركة ناشئة are descriptions.
    const bool body = m->type == EntityType::kORG || m->type == EntityType::kGROUP;
    // An indefinite relative adjective (سعودية، إرهابية) is always a description.
    if (body && Bare(Text(j)).size() == Text(j).size() &&
        (lx_.morphology.IsNisba(Text(j)) || (!(tagged_ && cover_[j] >= 0) && !IsNameToken(Text(j))))) {
      return false;
    }
    m->last = static_cast<uint32_t>(j);
    m->key = "h:" + head + "|" + std::string(Bare(Text(j)));
    // An organisation's name goes on with its relative adjectives (حزب التجمع المصري،
    // منظمة التحرير الفلسطينية، حركة المقاومة الإسلامية). They widen the span, not the key:
    // the name word is what the text repeats.
    if (body) {
      for (size_t k = j + 1; k < tt_.size() && k <= j + 3 && RelativeAdjective(k); ++k) m->last = static_cast<uint32_t>(k);
    }
    return true;
  }

  // A definite relative adjective at i (الإسلامية، المصري، الدولي): the article, then a
  // stem with a nisba ending (data/affixes.tsv), and no time or function word.
  bool RelativeAdjective(size_t i) const {
    if (!IsWord(i) || !SameLine(i) || Function(i) || TimeWord(i)) return false;
    std::string_view w = Text(i), bare = Bare(w);
    return bare.size() != w.size() && lx_.morphology.IsNisba(bare);
  }

  std::string Joined(size_t a, size_t b) const {
    std::string s;
    for (size_t k = a; k <= b; ++k) {
      if (!s.empty()) s += ' ';
      s += Text(k);
    }
    return s;
  }

  // Token i as written in the original text.
  std::string_view Raw(size_t i) const {
    ByteSpan r = tt_.RawSpan(i, i);
    return std::string_view(tt_.norm.raw).substr(r.begin, r.size());
  }

  // A given name at i spelled as one in the original text (علي, not the preposition على
  // that folding makes read the same).
  bool GivenNameAsSpelled(size_t i) const { return lx_.given_names.Longest(tt_, i) && lx_.IsGivenNameSpelling(Raw(i)); }

  // A name particle at i (عبد، أبو، بن: data/entity_heads.tsv).
  bool Particle(size_t i) const {
    auto h = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
    return h && h.ntokens == 1 && h.value->role == EntityHead::Role::kParticle;
  }

  // GIVEN SURNAME: بسام صباغ، ديمتري بوليانسكي، عبد الرحمن X، أبو حمزة، زيد رعد الحسين.
  bool Person(size_t i, Mention* m) const {
    auto g = lx_.given_names.Longest(tt_, i, &lx_.clitics);
    if (!g) return false;
    // Folding makes the preposition على read as the name علي: a function word is a
    // given name only when it is spelled as one (علي، not على). So is a given name read
    // after clitics that is a function word too (وكان read as و + ك + آن, folded to أن):
    // the name must be spelled as one after its clitics.
    const bool function = Function(i) || lx_.function_words.FindWord(Text(i).substr(std::min(g.prefix_bytes, Text(i).size())));
    if (function && !lx_.IsGivenNameSpelling(Raw(i).substr(std::min(g.prefix_bytes, Raw(i).size())))) return false;
    // The word a role phrase ends with (المتحدث باسم الحكومة) is not a name.
    for (size_t back = 1; back <= 3 && back <= i; ++back) {
      auto r = lx_.roles.Longest(tt_, i - back, &lx_.clitics);
      if (r && r.ntokens > back) return false;
    }
    size_t j = i + g.ntokens;
    std::string_view given = Text(i).substr(g.prefix_bytes);
    // Compound given names: عبد الرحمن، أبو بكر.
    if ((lx_.name_particles.FindWord(given) || Particle(i)) && NameLike(j) && SameLine(j) && tt_.tokens[j].kind == TokenKind::kWord) ++j;
    auto head = [&](size_t k) {
      auto h = lx_.entity_heads.Longest(tt_, k);
      return h && h.value->role != EntityHead::Role::kParticle;
    };
    if (!SameLine(j) || !NameLike(j) || lx_.gazetteer.Longest(tt_, j) || head(j)) {
      return false;
    }
    // The tagger sees no name here (أن هناك، عادل وشامل): no person. Where it sees a longer
    // one, its boundary holds (ليلى أنور الغندور).
    if (tagged_) {
      bool seen = false;
      // A place or a title of a work it sees there (باسم كأس العالم) is no person.
      for (size_t k = i; k <= j; ++k) seen |= cover_[k] >= 0 && spans_[cover_[k]].type == ner::NerType::kPER;
      if (!seen) return false;
      // It sees a name that stops before a surname word without the article (علي استقبل,
      // ايفانوف التقى): the word is more often the sentence's verb than a family name, and
      // the tagger's span is the mention. A family name with the article (أشرف القدرة)
      // stays even where the tagger stops short.
      if (cover_[j] < 0 && Bare(Text(j)) == Text(j)) return false;
      int t = cover_[j];
      if (t >= 0 && spans_[t].type == ner::NerType::kPER && spans_[t].last > j) {
        size_t end = spans_[t].last;
        bool ok = true;
        for (size_t k = j + 1; k <= end; ++k) {
          ok &= IsWord(k) && SameLine(k) && !Function(k) && !TimeWord(k) && !lx_.roles.Longest(tt_, k, &lx_.clitics) &&
                !lx_.nationalities.Longest(tt_, k, &lx_.clitics);
        }
        if (ok) j = end;
      }
    }
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(j);
    m->prefix_bytes = static_cast<uint32_t>(g.prefix_bytes);
    m->type = EntityType::kPER;
    // The rest of the name: after a particle (أحمد أبو الغيط، محمد بن سلمان), or a family
    // name with the article after a plain second name (زيد رعد الحسين).
    // After a particle the next word may be a given name too (محمد بن سلمان), and a name
    // never ends with the particle. Otherwise, where the
    // tagger runs, the word joins only if the tagger puts it in the person's name: an
    // article word after a name is more often the sentence going on (فاروق حسني اليوم،
    // رجب طيب أردوغان الدعوة) than a family name.
    size_t k = j + 1;
    // علي after بن is the name even though folding makes it read as the preposition على.
    bool name_k = k < tt_.size() && (NameLike(k) || (Particle(j) && GivenNameAsSpelled(k)));
    bool more = SameLine(k) && k < tt_.size() && tt_.tokens[k].kind == TokenKind::kWord && name_k && !lx_.gazetteer.Longest(tt_, k) &&
                !head(k) && !lx_.nationalities.Longest(tt_, k, &lx_.clitics) && !TimeWord(k) && !lx_.claim_triggers.Longest(tt_, k, &lx_.clitics) && (Particle(j) || !lx_.given_names.Longest(tt_, k));
    if (more && tagged_ && !Particle(j)) more = cover_[k] >= 0 && spans_[cover_[k]].type == ner::NerType::kPER;
    if (more && (Particle(j) || (Bare(Text(j)) == Text(j) && Bare(Text(k)) != Text(k)))) m->last = static_cast<uint32_t>(k);
    m->key = PersonKeyOf(*m);
    RememberSurname(m->key);
    return true;
  }

  // التنظيم، المرصد، التحالف: the last mention whose name starts with the head.
  bool Anaphor(size_t i, Mention* m) {
    auto h = HeadAt(i);
    if (!h || h.value->role != EntityHead::Role::kAnaphor) return false;
    // The latest antecedent of this head, kept up to date by scanning only the mentions
    // added since the head was last seen (linear in the mentions, per head).
    Antecedent& ante = antecedents_[h.value->bare];
    if (ante.full.empty()) {
      // The head with its article: "للمرصد" strips to "مرصد", the antecedent reads "المرصد …".
      ante.full = lx_.morphology.article() + h.value->bare;
      ante.key_prefix = "h:" + h.value->bare + "|";
    }
    const std::string& bare = h.value->bare;
    for (; ante.scanned < out_.mentions.size(); ++ante.scanned) {
      const Mention& c = out_.mentions[ante.scanned];
      if (c.anaphor) continue;
      std::string_view name = c.name;
      bool match = name.rfind(ante.full, 0) == 0 || name.rfind(bare, 0) == 0;
      if (!match && !c.key.empty() && c.key.rfind(ante.key_prefix, 0) == 0) match = true;
      if (!match && c.key.rfind("g:", 0) == 0) {
        // The gazetteer's canonical name may start with the head (داعش -> "تنظيم داعش" is listed).
        for (const std::string& gname : lx_.GazetteerNames(c.key.substr(2))) {
          match |= gname.rfind(ante.full, 0) == 0 || gname.rfind(bare, 0) == 0;
        }
      }
      if (match) ante.latest = static_cast<long>(ante.scanned);
    }
    if (ante.latest >= 0) {
      const Mention& c = out_.mentions[static_cast<size_t>(ante.latest)];
      m->first = m->last = static_cast<uint32_t>(i);
      m->prefix_bytes = static_cast<uint32_t>(h.prefix_bytes);
      m->type = c.type;
      m->key = c.key;
      m->anaphor = true;
      return true;
    }
    // No antecedent: an actor named by its head alone (المرصد، التنظيم، الوكالة).
    if (h.value->type == EntityType::kFAC || h.value->type == EntityType::kLOC || h.value->type == EntityType::kGPE) {
      return false;
    }
    m->first = m->last = static_cast<uint32_t>(i);
    m->prefix_bytes = static_cast<uint32_t>(h.prefix_bytes);
    m->type = h.value->type;
    m->key = "h:" + h.value->bare + "|";
    return true;
  }


  // --- The learned tagger, state bodies, person keys, titles -------------------------

  void Tag() {
    const size_t n = tt_.size();
    start_.assign(n, -1);
    cover_.assign(n, -1);
    spans_.clear();
    if (!lx_.ner_model || lx_.ner_model->empty()) return;
    ner::TagEntities(tt_, lx_, *lx_.ner_model, &spans_);
    tagged_ = true;
    for (size_t s = 0; s < spans_.size(); ++s) {
      start_[spans_[s].first] = static_cast<int>(s);
      for (size_t k = spans_[s].first; k <= spans_[s].last; ++k) cover_[k] = static_cast<int>(s);
    }
  }

  // Tokens of a mention as normalized text, the first without its clitic.
  std::vector<std::string_view> Tokens(const Mention& m) const {
    std::vector<std::string_view> out;
    for (size_t k = m.first; k <= m.last; ++k) {
      if (IsQuote(k) || !IsWord(k)) continue;
      std::string_view t = Text(k);
      if (k == m.first) t.remove_prefix(std::min<size_t>(m.prefix_bytes, t.size()));
      out.push_back(t);
    }
    return out;
  }

  std::string PersonKeyOf(const Mention& m) const { return names::PersonKey(Tokens(m), lx_); }

  // A full name's surname, so that the surname alone finds it later in the document.
  void RememberSurname(const std::string& key) const {
    std::string_view given, surname;
    names::SplitPersonKey(key, &given, &surname);
    if (given.empty() || surname.empty()) return;
    surnames_[std::string(surname)] = key;
    surname_skeletons_[lx_.NameSkeleton(surname)] = key;
  }

  // An organ of a state and what identifies its state: الحكومة الفلسطينية، وزارة الصحة
  // الفلسطينية، قوات الاحتلال الإسرائيلي، جيش الاحتلال، وزارة الصحة في غزة.
  bool StateBody(size_t i, Mention* m) {
    auto sb = lx_.state_bodies.Longest(tt_, i, &lx_.clitics);
    if (!sb) return false;
    size_t j = i + sb.ntokens;
    for (int w = 0; w < *sb.value; ++w, ++j) {
      if (!IsWord(j) || !SameLine(j) || Function(j) || lx_.nationalities.Longest(tt_, j)) return false;
    }
    const size_t body_end = j;  // tokens [i, body_end) name the body
    bool occupier = false;
    if (auto e = lx_.epithets.Longest(tt_, j); e && e.value->position == Epithet::Position::kOccupier && SameLine(j)) {
      occupier = true;
      j += e.ntokens;
    }
    std::string country;
    if (auto nat = lx_.nationalities.Longest(tt_, j); nat && SameLine(j)) {
      country = lx_.CountryOf(*nat.value);
      if (country.empty()) country = *nat.value;
      j += nat.ntokens;
      if (occupier) out_.occupiers.push_back(country);
    } else if (occupier) {
      country = std::string(names::kOccupier);
    } else if (auto q = lx_.body_qualifiers.Longest(tt_, j); q && SameLine(j)) {
      // في غزة / التابعة لحماس: the place's or the parent's country, a name of the body.
      size_t at = j + q.ntokens;
      Mention place;
      if (SameLine(at) && Gazetteer(at, &place) && (*q.value || place.prefix_bytes == 0)) {
        country = lx_.CountryOf(std::string_view(place.key).substr(2));
        if (!country.empty()) body_surface_ = static_cast<long>(place.last);
      }
    }
    std::vector<std::string_view> body;
    for (size_t k = i; k < body_end; ++k) body.push_back(k == i ? Text(k).substr(sb.prefix_bytes) : Text(k));
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(j - 1);
    m->prefix_bytes = static_cast<uint32_t>(sb.prefix_bytes);
    m->type = EntityType::kORG;
    m->key = names::BodyKey(body, country, lx_);
    return true;
  }

  // A head name the tagger sees longer (وزارة الصحة → … ): its boundary holds.
  void WithTaggerBounds(Mention* m) const {
    if (!tagged_ || m->key.rfind("h:", 0) != 0 || m->key.find("|@") != std::string::npos) return;
    int t = cover_[m->last];
    if (t < 0 || spans_[t].type == ner::NerType::kPER || spans_[t].type == ner::NerType::kMISC) return;
    size_t end = spans_[t].last;
    if (end <= m->last || spans_[t].first < m->first) return;
    for (size_t k = m->last + 1; k <= end; ++k) {
      if (!IsWord(k) || !SameLine(k) || Function(k)) return;
    }
    auto h = lx_.entity_heads.Longest(tt_, m->first, &lx_.clitics);
    if (!h) return;
    std::string key = "h:" + h.value->bare + "|";
    for (size_t k = m->first + h.ntokens; k <= end; ++k) {
      if (k > m->first + h.ntokens) key += ' ';
      key += Bare(Text(k));
    }
    m->last = static_cast<uint32_t>(end);
    m->key = key;
  }

  // Clitic bytes before a tagged name: a proclitic before the article (والولايات،
  // بالقدس), or before a name the word itself is not (وترامب) when the rest is a name.
  size_t NamePrefix(size_t i) const {
    std::string_view w = Text(i);
    if (lx_.given_names.FindWord(w) || lx_.gazetteer.FindWord(w)) return 0;
    // A surname the document already gave, or a name as written: no clitic (برايس is not ب+رايس).
    if (surnames_.count(Bare(w)) || IsNameToken(w)) return 0;
    std::string_view al = lx_.article();
    size_t best = 0;
    std::string scratch;
    lx_.clitics.ForEachVariant(w, &scratch, [&](std::string_view v, size_t prefix) {
      if (prefix == 0) return false;
      std::string_view rest = w.substr(prefix);
      bool article = !al.empty() && v.substr(0, al.size()) == al;
      if (article) {
        // Keep the article in the name: بالقدس -> القدس (the clitic is the letter before it).
        best = rest.substr(0, al.size()) == al ? prefix : (prefix > 2 ? prefix - 2 : 0);
        if (rest.substr(0, al.size()) != al) best = 0;
        return best > 0;
      }
      if (prefix == 2 && (lx_.given_names.FindWord(rest) || lx_.gazetteer.FindWord(rest) || IsNameToken(rest))) {
        best = prefix;
        return true;
      }
      return false;
    });
    return best;
  }
  bool IsNameToken(std::string_view w) const {
    const uint16_t* bits = lx_.ner_model->lists().gazetteer.Find(ner::Featurizer::GazetteerKey(w));
    return bits && (*bits & (ner::kGazNameToken | ner::kGazPerWhole | ner::kGazLocWhole | ner::kGazOrgWhole));
  }

  // A token of a person's name in the tagger's typed name lists (ANERGazet's persons, the
  // person names of the transliteration pairs), not any transliterated word.
  bool IsPersonNameToken(std::string_view w) const {
    const uint16_t* bits = lx_.ner_model->lists().gazetteer.Find(ner::Featurizer::GazetteerKey(w));
    return bits && (*bits & (ner::kGazPerWhole | ner::kGazPerPart | ner::kGazPerType));
  }

  // A name only the tagger knows.
  bool Tagged(size_t i, Mention* m) {
    if (!tagged_ || start_[i] < 0) return false;
    const ner::TaggedSpan& sp = spans_[start_[i]];
    if (sp.type == ner::NerType::kMISC) return false;
    size_t last = sp.last;
    // A span never ends in a clitic letter or a function word (عيسى لـ"القدس العربي"), and
    // a person's name not in a time word or a nationality (خافيير سولانا الخميس، كوفي عنان
    // الغاني: the sentence and the title going on after the name).
    // A head noun and indefinite relative adjectives describe (جامعة سعودية), as in Head.
    if (sp.type == ner::NerType::kORG && sp.last > i) {
      auto h = HeadAt(i);
      bool description = h && h.value->role == EntityHead::Role::kName && h.ntokens == 1;
      for (size_t k = i + 1; description && k <= sp.last; ++k) {
        description = IsWord(k) && Bare(Text(k)).size() == Text(k).size() && lx_.morphology.IsNisba(Text(k));
      }
      if (description) return false;
    }
    const bool person = sp.type == ner::NerType::kPER;
    while (last > i && (!IsWord(last) || !SameLine(last) || Text(last).size() < 4 || Function(last) ||
                        (person && (TimeWord(last) || lx_.nationalities.Longest(tt_, last, &lx_.clitics))))) {
      --last;
    }
    // Nor in a particle (زين العابدين بن): the name after it is part of the name, even a
    // given name that folding reads as a preposition (بن علي).
    if (sp.type == ner::NerType::kPER && last > i && Particle(last)) {
      size_t k = last + 1;
      if (k < tt_.size() && IsWord(k) && SameLine(k) && (NameLike(k) || GivenNameAsSpelled(k))) {
        last = k;
      } else {
        --last;
      }
    }
    for (size_t k = i; k <= last; ++k) {
      if (!IsWord(k) || (k > i && !SameLine(k))) return false;
    }
    // Never a function word, a role or a verb of saying alone; never one letter.
    if (last == i && !NameLike(i)) return false;
    if (Function(i) || lx_.roles.Longest(tt_, i, &lx_.clitics)) return false;
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(last);
    m->prefix_bytes = static_cast<uint32_t>(NamePrefix(i));
    switch (sp.type) {
      case ner::NerType::kPER: {
        m->type = EntityType::kPER;
        m->key = PersonKeyOf(*m);
        std::string_view given, surname;
        names::SplitPersonKey(m->key, &given, &surname);
        if (given.empty()) {
          // A surname alone: the document's full name with it, when there is one.
          auto it = surnames_.find(surname);
          if (it != surnames_.end()) m->key = it->second;
          else if (auto sk = surname_skeletons_.find(lx_.NameSkeleton(surname)); sk != surname_skeletons_.end()) m->key = sk->second;
        } else {
          RememberSurname(m->key);
        }
        return true;
      }
      case ner::NerType::kLOC: m->type = EntityType::kLOC; break;
      default: {
        m->type = EntityType::kORG;
        auto h = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
        if (h && h.value->role == EntityHead::Role::kName && Compatible(EntityType::kORG, h.value->type)) m->type = h.value->type;
        if (h && h.value->role == EntityHead::Role::kName && h.value->type == EntityType::kMEDIA) m->type = EntityType::kMEDIA;
      }
    }
    std::string key = "n:";
    std::vector<std::string_view> toks = Tokens(*m);
    for (size_t k = 0; k < toks.size(); ++k) {
      if (k) key += ' ';
      key += Bare(toks[k]);
    }
    m->key = key;
    return true;
  }

  // After the pass: a surname alone met before its full name takes the full name's key;
  // a body the document names without its country (الحكومة، وزارة الصحة) is the one body
  // of that name it names with one; a bare state noun that stays unresolved is dropped.
  void ResolveInDocument() {
    std::unordered_map<std::string, std::string> qualified;  // "q:BODY|" -> the one "q:BODY|CC" ("" when several)
    for (const Mention& m : out_.mentions) {
      if (!names::IsBodyKey(m.key) || m.key.back() == '|' ) continue;
      std::string bare = m.key.substr(0, m.key.rfind('|') + 1);
      auto [it, inserted] = qualified.emplace(bare, m.key);
      if (!inserted && it->second != m.key) it->second.clear();
    }
    std::vector<Mention> kept;
    kept.reserve(out_.mentions.size());
    for (Mention& m : out_.mentions) {
      if (names::IsPersonKey(m.key)) {
        std::string_view given, surname;
        names::SplitPersonKey(m.key, &given, &surname);
        if (given.empty()) {
          auto it = surnames_.find(surname);
          if (it != surnames_.end()) m.key = it->second;
          else if (auto sk = surname_skeletons_.find(lx_.NameSkeleton(surname)); sk != surname_skeletons_.end()) m.key = sk->second;
        }
      } else if (names::IsBodyKey(m.key) && m.key.back() == '|') {
        auto it = qualified.find(m.key);
        if (it != qualified.end() && !it->second.empty()) {
          m.key = it->second;
        } else if (m.first == m.last && m.key.find(' ') == std::string::npos) {
          continue;  // الحكومة، الجيش alone, and the document says of no country
        }
      }
      kept.push_back(std::move(m));
    }
    out_.mentions.swap(kept);
  }

  // Titles and roles: "الرئيس الفلسطيني محمود عباس" names the role; the role alone
  // elsewhere in the document is that person, when the document gives it to one person.
  void Titles() {
    std::sort(out_.mentions.begin(), out_.mentions.end(), [](const Mention& a, const Mention& b) { return a.first < b.first; });
    struct Role {
      std::vector<std::string> tokens;
      std::string key;  // "" when the document gives the role to two people
    };
    std::unordered_map<std::string, Role> roles;  // joined role tokens -> role
    std::vector<uint8_t> covered(tt_.size(), 0);
    for (const Mention& m : out_.mentions) {
      for (size_t k = m.first; k <= m.last; ++k) covered[k] = 1;
    }
    auto role_tokens = [&](size_t from, size_t to) {  // [from, to)
      std::vector<std::string> t;
      for (size_t k = from; k < to; ++k) {
        std::string_view w = Text(k);
        if (k == from) {
          auto r = lx_.roles.Longest(tt_, k, &lx_.clitics);
          if (r) w.remove_prefix(r.prefix_bytes);
        }
        t.emplace_back(Bare(w));
      }
      return t;
    };
    auto join = [](const std::vector<std::string>& t) {
      std::string s;
      for (const std::string& w : t) s += w + " ";
      return s;
    };
    const size_t nm = out_.mentions.size();
    for (size_t mi = 0; mi < nm; ++mi) {
      const Mention& m = out_.mentions[mi];
      if (m.type != EntityType::kPER || m.anaphor || m.first == 0) continue;
      size_t end = m.first;
      if (Text(end - 1) == "," && end >= 2) --end;  // الرئيس الفلسطيني، محمود عباس
      // The role word at most three words before, only words between.
      for (size_t back = 1; back <= 4 && back <= end; ++back) {
        size_t k = end - back;
        if (!IsWord(k) || covered[k] || (k + 1 < tt_.size() && tt_.tokens[k + 1].line_start() && k + 1 <= end - 1)) break;
        auto r = lx_.roles.Longest(tt_, k, &lx_.clitics);
        if (!r || k + r.ntokens > end) {
          if (Function(k)) break;
          continue;
        }
        std::vector<std::string> t = role_tokens(k, end);
        auto [it, inserted] = roles.emplace(join(t), Role{t, m.key});
        if (!inserted && it->second.key != m.key) it->second.key.clear();
        out_.surfaces.push_back({m.key, static_cast<uint32_t>(k), m.last});
        break;
      }
    }
    if (roles.empty()) return;
    // The roles alone.
    const size_t n = tt_.size();
    for (size_t i = 0; i < n; ++i) {
      if (covered[i] || !IsWord(i)) continue;
      auto r = lx_.roles.Longest(tt_, i, &lx_.clitics);
      if (!r) continue;
      for (const auto& [joined, role] : roles) {
        size_t len = role.tokens.size();
        if (role.key.empty() || i + len > n) continue;
        bool match = true;
        for (size_t k = 0; k < len && match; ++k) match = !covered[i + k] && IsWord(i + k) && (k == 0 || SameLine(i + k));
        if (!match || role_tokens(i, i + len) != role.tokens) continue;
        // Not the title of a name that follows (that name is a mention of its own).
        if (i + len < n && MentionStartsAt(i + len)) continue;
        Mention a;
        a.first = static_cast<uint32_t>(i);
        a.last = static_cast<uint32_t>(i + len - 1);
        a.prefix_bytes = static_cast<uint32_t>(r.prefix_bytes);
        a.type = EntityType::kPER;
        a.key = role.key;
        a.anaphor = true;
        a.name = NameText(a);
        out_.mentions.push_back(a);
        for (size_t k = i; k < i + len; ++k) covered[k] = 1;
        i += len - 1;
        break;
      }
    }
  }
  bool MentionStartsAt(size_t i) const {
    auto it = std::lower_bound(out_.mentions.begin(), out_.mentions.end(), i,
                               [](const Mention& m, size_t t) { return m.first < t; });
    return it != out_.mentions.end() && it->first == i;
  }

  // After a mention: acronym in brackets or quotes (قوات سوريا الديمقراطية (قسد)),
  // or "also known as" another name.
  void AfterMention(size_t idx) {
    Mention& m = out_.mentions[idx];
    size_t j = m.last + 1;
    if (j + 2 < tt_.size() && (Text(j) == "(" || Text(j) == "\"") && IsWord(j + 1) && m.last > m.first &&
        (Text(j + 2) == ")" || Text(j + 2) == "\"") && SameLine(j + 1)) {
      Mention alias;
      if (Gazetteer(j + 1, &alias)) {
        if (alias.key != m.key) out_.aliases.emplace_back(m.key, alias.key);
      } else if (NameLike(j + 1)) {
        std::string acronym(Text(j + 1));
        acronyms_[acronym] = m.key;
        Mention a;
        a.first = a.last = static_cast<uint32_t>(j + 1);
        a.type = m.type;
        a.key = m.key;
        a.name = acronym;
        out_.mentions.push_back(a);
      }
    }
    // "X، الذي يعرف أيضا باسم Y"
    for (size_t k = j; k < j + 4 && k < tt_.size(); ++k) {
      auto h = lx_.entity_heads.Longest(tt_, k, &lx_.clitics);
      if (!h || h.value->role != EntityHead::Role::kAlias) continue;
      Mention other;
      size_t at = k + h.ntokens;
      if (Find(at, &other)) {
        other.name = NameText(other);
        if (other.key != out_.mentions[idx].key) out_.aliases.emplace_back(out_.mentions[idx].key, other.key);
        out_.mentions.push_back(other);
      }
      break;
    }
  }

  // Second pass: a surname alone (صباغ، الصباغ، بوليانسكي) or a defined acronym, once
  // known. A surname that is also a given name (أحمد، عيسى) counts only next to a verb
  // of saying, where it cannot start a new name.
  void Surnames() {
    if (surnames_.empty() && acronyms_.empty()) return;
    std::vector<uint8_t> covered(tt_.size(), 0);
    for (const Mention& m : out_.mentions) {
      for (size_t k = m.first; k <= m.last && k < covered.size(); ++k) covered[k] = 1;
    }
    std::unordered_map<std::string, EntityType> type_of;  // key -> type of its first mention
    for (const Mention& o : out_.mentions) type_of.emplace(o.key, o.type);
    // The byte lengths of the known surnames and acronyms: most readings of most words
    // have none of them and are rejected without hashing.
    uint64_t surname_sizes = 0, acronym_sizes = 0;
    for (const auto& kv : surnames_) surname_sizes |= uint64_t{1} << std::min<size_t>(kv.first.size(), 63);
    for (const auto& kv : acronyms_) acronym_sizes |= uint64_t{1} << std::min<size_t>(kv.first.size(), 63);
    auto may = [](uint64_t sizes, size_t size) { return (sizes >> std::min<size_t>(size, 63)) & 1; };
    const size_t n = tt_.size();
    for (size_t i = 0; i < n; ++i) {
      // A surname alone is a name word (not اليوم, الثاني or المصري after a name that
      // ended with them, not a two-letter remnant).
      if (covered[i] || !IsWord(i) || !lx_.NameWordAlone(tt_, i)) continue;
      // Where the tagger runs and sees no name in the word here, only a known name token
      // stands alone for the name (one كاس or الجامع cut into a name does not make every
      // cup and mosque of a long text a person).
      if (tagged_ && cover_[i] < 0 && !IsNameToken(Text(i)) && !IsPersonNameToken(Bare(Text(i)))) continue;
      std::string_view w = Text(i);
      std::string key;
      size_t prefix = 0;
      lx_.clitics.ForEachVariant(w, &scratch_, [&](std::string_view stem, size_t p) {
        std::string_view bare = Bare(stem);
        auto it = may(surname_sizes, bare.size()) ? surnames_.find(bare) : surnames_.end();
        if (it == surnames_.end()) {
          if (!may(acronym_sizes, stem.size())) return false;
          auto a = acronyms_.find(stem);
          if (a == acronyms_.end()) return false;
          key = a->second;
        } else {
          key = it->second;
        }
        prefix = p;
        return true;
      });
      if (key.empty()) continue;
      if (lx_.given_names.Longest(tt_, i, &lx_.clitics)) {
        bool after_say = i > 0 && lx_.speech.Longest(tt_, i - 1, &lx_.clitics);
        bool before_say = i + 1 < n && lx_.speech.Longest(tt_, i + 1, &lx_.clitics);
        if (!after_say && !before_say) continue;
      }
      Mention m;
      m.first = m.last = static_cast<uint32_t>(i);
      m.prefix_bytes = static_cast<uint32_t>(prefix);
      m.type = key.rfind("p:", 0) == 0 ? EntityType::kPER : EntityType::kORG;
      if (auto t = type_of.find(key); t != type_of.end()) m.type = t->second;
      m.key = key;
      m.name = std::string(w.substr(prefix));
      out_.mentions.push_back(m);
    }
  }

  // "سجن غويران في (مدينة) الحسكة": where a facility is.
  void Located() {
    const auto& ms = out_.mentions;
    for (size_t a = 0; a + 1 < ms.size(); ++a) {
      if (ms[a].type != EntityType::kFAC) continue;
      size_t j = ms[a].last + 1;
      if (j < tt_.size() && Text(j) == ",") ++j;  // "سجن غويران، الذي يعرف أيضا باسم سجن الصناعة، في الحسكة"
      if (j >= tt_.size() || Text(j) != lx_.particles.in) continue;
      const Mention& b = ms[a + 1];
      if ((b.type == EntityType::kGPE && b.first <= j + 2) ) out_.located.emplace_back(ms[a].key, b.key);
    }
  }

  const TokenizedText& tt_;
  const Lexicons& lx_;
  EntityFacts& out_;
  mutable size_t head_at_ = static_cast<size_t>(-1);  // HeadAt's last token and its match
  mutable PhraseTable<EntityHead>::Match head_match_;
  // Transparent (string_view lookups): the per-token probes allocate nothing.
  using NameMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;
  mutable NameMap surnames_;  // surname -> person key
  NameMap acronyms_;          // acronym -> key
  struct Antecedent {
    std::string full, key_prefix;
    size_t scanned = 0;  // mentions [0, scanned) have been looked at
    long latest = -1;    // the last of them that the head can refer to
  };
  std::unordered_map<std::string, Antecedent> antecedents_;  // anaphoric head -> antecedent
  std::string scratch_;
  // The tagger's spans, the span starting at each token (or -1) and covering it (or -1).
  std::vector<ner::TaggedSpan>& spans_ = ThreadBuffers().spans;
  std::vector<int>& start_ = ThreadBuffers().start;
  std::vector<int>& cover_ = ThreadBuffers().cover;
  bool tagged_ = false;        // the tagger ran (a model is loaded)
  long body_surface_ = -1;     // last token of the qualifier phrase of the body just found
  mutable NameMap surname_skeletons_;  // skeleton -> person key
};

}  // namespace

void ExtractMentions(const TokenizedText& tt, const Lexicons& lx, EntityFacts* out) {
  out->mentions.clear();
  out->aliases.clear();
  out->located.clear();
  out->surfaces.clear();
  out->occupiers.clear();
  MentionFinder(tt, lx, out).Run();
}

int MentionAt(const EntityFacts& facts, size_t token) {
  auto it = std::upper_bound(facts.mentions.begin(), facts.mentions.end(), token,
                             [](size_t t, const Mention& m) { return t < m.first; });
  if (it == facts.mentions.begin()) return -1;
  --it;
  return token <= it->last ? static_cast<int>(it - facts.mentions.begin()) : -1;
}

}  // namespace isnad
