// `isnad families TABLE CORPUS`: what a family table matches beyond its written
// entries, on real text — every surface form that matched an entry only through its
// word family (text/morphology.h), with counts, so that a reviewer can mark an entry
// '=' (written form only) when its family takes in unrelated words.
#include <algorithm>
#include <cstdio>
#include <map>

#include <isnad/isnad.h>

#include "cli/commands.h"
#include "cli/console.h"
#include "cli/run_corpus.h"
#include "text/sentences.h"

namespace isnad::cli {

namespace {

template <typename T>
void Collect(const PhraseTable<T>& table, const Lexicons& lx, const std::vector<Document>& docs,
             std::map<std::string, std::map<std::string, int>>* out) {
  TokenizedText tt;
  for (const Document& d : docs) {
    if (d.unreadable) continue;
    lx.normalizer.Normalize(d.analysed(), &tt.norm);
    Tokenize(lx.normalizer, &tt);
    lx.Annotate(&tt);
    for (size_t i = 0; i < tt.size(); ++i) {
      auto m = table.Longest(tt, i, &lx.clitics);
      if (!m || !m.family) continue;
      std::string surface;
      for (size_t k = i; k < i + m.ntokens; ++k) surface += (k > i ? " " : "") + std::string(tt.text(k));
      // The entry is named by what the same tokens match exactly, or by the surface.
      (*out)[table.EntryName(m.value)][surface]++;
    }
  }
}

}  // namespace

int RunFamilies(const CommonOptions& common, const FamiliesOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return kExitUsage;
  ReadResult read;
  ReadOptions ro;
  ro.max_documents = opt.limit ? opt.limit : ro.max_documents;
  Status st = ReadInputs({opt.corpus}, ro, &read);
  if (!st.ok()) {
    Error(st.message());
    return kExitUsage;
  }
  std::map<std::string, std::map<std::string, int>> found;
  const std::string& t = opt.table;
  if (t == "claim_triggers") Collect(lx->claim_triggers, *lx, read.docs, &found);
  else if (t == "subject_classes") Collect(lx->subject_classes, *lx, read.docs, &found);
  else if (t == "speech") Collect(lx->speech, *lx, read.docs, &found);
  else if (t == "roles") Collect(lx->roles, *lx, read.docs, &found);
  else if (t == "epithets") Collect(lx->epithets, *lx, read.docs, &found);
  else if (t == "event_triggers") Collect(lx->event_triggers, *lx, read.docs, &found);
  else if (t == "story_events") Collect(lx->story_events, *lx, read.docs, &found);
  else if (t == "nationalities") Collect(lx->nationalities, *lx, read.docs, &found);
  else if (t == "entity_heads") Collect(lx->entity_heads, *lx, read.docs, &found);
  else if (t == "units") Collect(lx->units, *lx, read.docs, &found);
  else {
    Error("no family table `" + t + "` (claim_triggers, subject_classes, speech, roles, epithets, event_triggers, "
          "story_events, nationalities, entity_heads, units)");
    return kExitUsage;
  }
  for (const auto& [entry, forms] : found) {
    std::vector<std::pair<int, std::string>> v;
    int total = 0;
    for (const auto& [f, n] : forms) {
      v.push_back({n, f});
      total += n;
    }
    std::sort(v.rbegin(), v.rend());
    std::printf("%s\t%d", entry.c_str(), total);
    for (size_t k = 0; k < v.size() && k < opt.top; ++k) std::printf("\t%s:%d", v[k].second.c_str(), v[k].first);
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace isnad::cli
