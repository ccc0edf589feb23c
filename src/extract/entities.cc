#include "extract/entities.h"

#include <algorithm>
#include <unordered_map>

namespace isnad {

namespace {

constexpr std::string_view kAl = "\xD8\xA7\xD9\x84";  // ال

std::string_view StripAl(std::string_view w) { return w.substr(0, kAl.size()) == kAl && w.size() > 6 ? w.substr(kAl.size()) : w; }

bool Compatible(EntityType head, EntityType name) {
  if (head == name) return true;
  if (head == EntityType::kGROUP && name == EntityType::kORG) return true;
  if (head == EntityType::kORG && name == EntityType::kGROUP) return true;
  return false;
}

class MentionFinder {
 public:
  MentionFinder(const TokenizedText& tt, const Lexicons& lx, EntityFacts* out) : tt_(tt), lx_(lx), out_(*out) {}

  void Run() {
    const size_t n = tt_.size();
    for (size_t i = 0; i < n; ++i) {
      Mention m;
      if (Find(i, &m)) {
        m.name = NameText(m);
        out_.mentions.push_back(m);
        AfterMention(out_.mentions.size() - 1);
        i = out_.mentions.back().last;
      }
    }
    Surnames();
    std::sort(out_.mentions.begin(), out_.mentions.end(), [](const Mention& a, const Mention& b) { return a.first < b.first; });
    Located();
  }

 private:
  bool IsWord(size_t i) const { return i < tt_.size() && tt_.tokens[i].kind == TokenKind::kWord; }
  std::string_view Text(size_t i) const { return tt_.text(i); }
  bool IsQuote(size_t i) const { return i < tt_.size() && Text(i) == "\""; }
  bool SameLine(size_t i) const { return i < tt_.size() && !tt_.tokens[i].line_start(); }

  bool Function(size_t i) const { return static_cast<bool>(lx_.function_words.Longest(tt_, i)); }
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
    if (!found && Person(i, &best)) found = true;
    if (!found && Anaphor(i, &best)) found = true;
    if (found) *m = best;
    return found;
  }

  bool IsMediaHead(size_t i) const {
    auto h = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
    return h && h.value->role == EntityHead::Role::kName && h.value->type == EntityType::kMEDIA && h.ntokens == 1;
  }

  // HEAD NAME: سجن غويران، تنظيم "مغاوير الثورة"، وكالة "أسوشيتد برس"، سجن الحسكة.
  bool Head(size_t i, Mention* m) const {
    auto h = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
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
    m->last = static_cast<uint32_t>(j);
    m->key = "h:" + head + "|" + std::string(StripAl(Text(j)));
    return true;
  }

  std::string Joined(size_t a, size_t b) const {
    std::string s;
    for (size_t k = a; k <= b; ++k) {
      if (!s.empty()) s += ' ';
      s += Text(k);
    }
    return s;
  }

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
    // given name only when it is spelled as one (علي، not على).
    if (Function(i) && !lx_.IsGivenNameSpelling(tt_.norm.raw.substr(tt_.RawSpan(i, i).begin, tt_.RawSpan(i, i).size()))) {
      return false;
    }
    // The word a role phrase ends with (المتحدث باسم الحكومة) is not a name.
    for (size_t back = 1; back <= 3 && back <= i; ++back) {
      auto r = lx_.roles.Longest(tt_, i - back, &lx_.clitics);
      if (r && r.ntokens > back) return false;
    }
    size_t j = i + g.ntokens;
    std::string given(Text(i).substr(g.prefix_bytes));
    // Compound given names: عبد الرحمن، أبو بكر.
    if (Particle(i) && NameLike(j) && SameLine(j) && tt_.tokens[j].kind == TokenKind::kWord) {
      given += " ";
      given += Text(j);
      ++j;
    }
    auto head = [&](size_t k) {
      auto h = lx_.entity_heads.Longest(tt_, k);
      return h && h.value->role != EntityHead::Role::kParticle;
    };
    if (!SameLine(j) || !NameLike(j) || lx_.gazetteer.Longest(tt_, j) || head(j)) {
      return false;
    }
    m->first = static_cast<uint32_t>(i);
    m->last = static_cast<uint32_t>(j);
    m->prefix_bytes = static_cast<uint32_t>(g.prefix_bytes);
    m->type = EntityType::kPER;
    std::string surname(StripAl(Text(j)));
    m->key = "p:" + given + "|" + surname;
    surnames_[surname] = m->key;
    // The rest of the name: after a particle (أحمد أبو الغيط، محمد بن سلمان), or a family
    // name with the article after a plain second name (زيد رعد الحسين).
    size_t k = j + 1;
    bool more = SameLine(k) && tt_.tokens[k].kind == TokenKind::kWord && NameLike(k) && !lx_.gazetteer.Longest(tt_, k) &&
                !head(k) && !lx_.nationalities.Longest(tt_, k, &lx_.clitics) && !lx_.time_words.Longest(tt_, k, &lx_.clitics) &&
                !lx_.weekdays.Longest(tt_, k, &lx_.clitics) && !lx_.months.Longest(tt_, k, &lx_.clitics) &&
                !lx_.claim_triggers.Longest(tt_, k, &lx_.clitics) && !lx_.given_names.Longest(tt_, k);
    if (more && (Particle(j) || (StripAl(Text(j)) == Text(j) && StripAl(Text(k)) != Text(k)))) {
      m->last = static_cast<uint32_t>(k);
      surnames_[std::string(StripAl(Text(k)))] = m->key;
    }
    return true;
  }

  // التنظيم، المرصد، التحالف: the last mention whose name starts with the head.
  bool Anaphor(size_t i, Mention* m) {
    auto h = lx_.entity_heads.Longest(tt_, i, &lx_.clitics);
    if (!h || h.value->role != EntityHead::Role::kAnaphor) return false;
    // The latest antecedent of this head, kept up to date by scanning only the mentions
    // added since the head was last seen (linear in the mentions, per head).
    Antecedent& ante = antecedents_[h.value->bare];
    if (ante.full.empty()) {
      // The head with its article: "للمرصد" strips to "مرصد", the antecedent reads "المرصد …".
      ante.full = std::string(kAl) + h.value->bare;
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
    std::vector<uint8_t> covered(tt_.size(), 0);
    for (const Mention& m : out_.mentions) {
      for (size_t k = m.first; k <= m.last && k < covered.size(); ++k) covered[k] = 1;
    }
    std::unordered_map<std::string, EntityType> type_of;  // key -> type of its first mention
    for (const Mention& o : out_.mentions) type_of.emplace(o.key, o.type);
    const size_t n = tt_.size();
    for (size_t i = 0; i < n; ++i) {
      if (covered[i] || !IsWord(i)) continue;
      std::string_view w = Text(i);
      std::string key;
      size_t prefix = 0;
      lx_.clitics.ForEachVariant(w, &scratch_, [&](std::string_view stem, size_t p) {
        std::string s(StripAl(stem));
        auto it = surnames_.find(s);
        if (it == surnames_.end()) {
          auto a = acronyms_.find(std::string(stem));
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
      if (j >= tt_.size() || Text(j) != "\xD9\x81\xD9\x8A" /* في */) continue;
      const Mention& b = ms[a + 1];
      if ((b.type == EntityType::kGPE && b.first <= j + 2) ) out_.located.emplace_back(ms[a].key, b.key);
    }
  }

  const TokenizedText& tt_;
  const Lexicons& lx_;
  EntityFacts& out_;
  mutable std::unordered_map<std::string, std::string> surnames_;  // surname -> person key
  std::unordered_map<std::string, std::string> acronyms_;          // acronym -> key
  struct Antecedent {
    std::string full, key_prefix;
    size_t scanned = 0;  // mentions [0, scanned) have been looked at
    long latest = -1;    // the last of them that the head can refer to
  };
  std::unordered_map<std::string, Antecedent> antecedents_;  // anaphoric head -> antecedent
  std::string scratch_;
};

}  // namespace

void ExtractMentions(const TokenizedText& tt, const Lexicons& lx, EntityFacts* out) {
  out->mentions.clear();
  out->aliases.clear();
  out->located.clear();
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
