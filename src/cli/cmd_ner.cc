// `isnad train-tagger`: trains the entity tagger on a BIO corpus and writes the model
// file (data/ner_model.tsv) with a header that says how to make it again.
// `isnad eval-ner`: per-type and micro F1 of a model on BIO files.
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <isnad/isnad.h>

#include "cli/commands.h"
#include "cli/console.h"
#include "extract/entities.h"
#include "cli/run_corpus.h"
#include "util/embedded.h"
#include "ner/clusters.h"
#include "ner/features.h"
#include "lexicon/ner_model.h"
#include "ner/tagger.h"
#include "ner/train.h"
#include "util/output_file.h"

namespace isnad::cli {

namespace {

// "A:B" (1-based, inclusive; either side may be empty) -> [first, last], last 0 = to the end.
bool ParseLines(const std::string& s, size_t* first, size_t* last) {
  *first = 1;
  *last = 0;
  if (s.empty()) return true;
  size_t colon = s.find(':');
  if (colon == std::string::npos) return false;
  try {
    if (colon > 0) *first = std::stoul(s.substr(0, colon));
    if (colon + 1 < s.size()) *last = std::stoul(s.substr(colon + 1));
  } catch (...) {
    return false;
  }
  return *first >= 1 && (*last == 0 || *last >= *first);
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::string Hex(uint64_t h) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// The BIO files of `inputs` (files, or directories of *.txt / *.bio / *.conll files, in name order).
bool ReadBioInputs(const std::vector<std::string>& inputs, const std::string& lines, ner::BioCorpus* corpus) {
  size_t first, last;
  if (!ParseLines(lines, &first, &last)) {
    Error("--lines wants FIRST:LAST (1-based line numbers)");
    return false;
  }
  for (const std::string& in : inputs) {
    std::vector<std::string> files;
    std::error_code ec;
    if (std::filesystem::is_directory(in, ec)) {
      for (const auto& e : std::filesystem::directory_iterator(in, ec)) {
        std::string ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".txt" || ext == ".bio" || ext == ".conll")) files.push_back(e.path().string());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(in);
    }
    for (const std::string& f : files) {
      Status st = ner::ReadBio(f, first, last, corpus);
      if (!st.ok()) {
        Error(st.ToString());
        return false;
      }
    }
  }
  if (corpus->unreadable_tags > 0) {
    std::fprintf(stderr, "isnad: warning: %zu tag(s) could not be read and were taken as O (first: %s)\n",
                 corpus->unreadable_tags, corpus->first_unreadable.c_str());
  }
  return true;
}

// Writes `text` to `path` atomically (util/output_file.h).
int WriteOutput(const std::string& path, const std::string& text) {
  auto out = OutputFile::Open(path);
  if (!out.ok()) {
    Error(out.status().ToString());
    return kExitUsage;
  }
  out.value()->stream() << text;
  Status st = out.value()->Commit();
  if (!st.ok()) {
    Error(st.ToString());
    return kExitWriteFailed;
  }
  return kExitOk;
}

}  // namespace

int RunTrainTagger(const CommonOptions& common, const TrainTaggerOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return kExitUsage;
  auto t0 = std::chrono::steady_clock::now();
  ner::BioCorpus corpus;
  if (!ReadBioInputs({opt.corpus}, opt.lines, &corpus)) return kExitUsage;
  std::string corpus_bytes;
  if (!ReadFile(opt.corpus, &corpus_bytes)) {
    Error("cannot read " + opt.corpus);
    return kExitUsage;
  }
  ner::FeatureLists lists;
  ner::HashIndex<uint16_t>& gazetteer = lists.gazetteer;
  std::vector<std::string> names;
  std::string gazetteer_note = "none";
  if (!opt.gazetteer_dir.empty()) {
    auto h = ner::LoadGazetteerSets(opt.gazetteer_dir, *lx, &gazetteer);
    if (!h.ok()) {
      Error(h.status().ToString());
      return kExitUsage;
    }
    gazetteer_note = "ANERGazet (Benajiba 2007) AlignedLoc/Pers/OrgGazetteer.txt, xxh64 " + Hex(h.value()) + ", " +
                     std::to_string(gazetteer.size()) + " tokens, stored as hashed keys (rows g)";
  }
  for (std::string f : opt.name_tokens) {
    // FILE or FILE:PER / FILE:LOC / FILE:ORG for a typed list.
    uint16_t bit = ner::kGazNameToken;
    size_t colon = f.rfind(':');
    if (colon != std::string::npos) {
      std::string type = f.substr(colon + 1);
      bit = type == "PER" ? ner::kGazPerType : type == "LOC" ? ner::kGazLocType : type == "ORG" ? ner::kGazOrgType : 0;
      if (!bit) {
        Error("--name-tokens FILE[:PER|LOC|ORG]");
        return kExitUsage;
      }
      f = f.substr(0, colon);
    }
    auto h = ner::LoadNameTokens(f, *lx, &gazetteer, bit, bit == ner::kGazNameToken || bit == ner::kGazPerType ? &names : nullptr);
    if (!h.ok()) {
      Error(h.status().ToString());
      return kExitUsage;
    }
    gazetteer_note += "; name tokens: " + std::filesystem::path(f).filename().string() + " xxh64 " + Hex(h.value());
  }
  if (!opt.clusters.empty()) {
    std::string text;
    if (!ReadFile(opt.clusters, &text)) {
      Error("cannot read " + opt.clusters);
      return kExitUsage;
    }
    std::istringstream lines(text);
    std::string line;
    size_t n = 0;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '#') continue;
      size_t tab = line.find('\t');
      unsigned a, b, d;
      if (tab == std::string::npos || std::sscanf(line.c_str() + tab + 1, "%u.%u.%u", &a, &b, &d) != 3) continue;
      *lists.clusters.Insert(ner::Featurizer::ClusterKey(line.substr(0, tab)), 0) = (a << 16) | (b << 8) | d;
      ++n;
    }
    gazetteer_note += "; clusters: " + std::filesystem::path(opt.clusters).filename().string() + " xxh64 " +
                      Hex(XXH64(text.data(), text.size(), 0)) + ", " + std::to_string(n) + " words (rows c)";
  }
  ner::AlignedCorpus aligned;
  Align(corpus, *lx, &aligned);
  if (!names.empty()) ner::BuildLetterModel(names, aligned, *lx, &lists.letters);
  ner::TrainOptions to;
  to.epochs = opt.epochs;
  to.seed = opt.seed;
  to.min_count = opt.min_count;
  to.min_weight = opt.min_weight;
  to.word_dropout = opt.word_dropout;
  to.margin = opt.margin;
  to.scale = opt.scale;
  to.miss_cost = opt.miss_cost;
  ner::TrainStats stats;
  auto model = ner::Train(aligned, *lx, lists, to, &stats);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // The engine tables the features read (every embedded table but the model itself).
  XXH64_state_t* tables = XXH64_createState();
  XXH64_reset(tables, 0);
  DataSource src(common.data_dir);
  std::string table_names;
  for (const EmbeddedFile* f = kEmbeddedFiles; f->name != nullptr; ++f) {
    if (std::string_view(f->name) == "ner_model.tsv") continue;
    auto text = src.Read(f->name);
    if (!text.ok()) continue;
    XXH64_update(tables, f->name, std::strlen(f->name));
    XXH64_update(tables, text.value().data(), text.value().size());
  }
  uint64_t tables_hash = XXH64_digest(tables);
  XXH64_freeState(tables);

  std::string command = "isnad train-tagger " + opt.corpus;
  if (!opt.lines.empty()) command += " --lines " + opt.lines;
  if (!opt.gazetteer_dir.empty()) command += " --gazetteer " + opt.gazetteer_dir;
  for (const std::string& f : opt.name_tokens) command += " --name-tokens " + f;
  if (!opt.clusters.empty()) command += " --clusters " + opt.clusters;
  command += " --epochs " + std::to_string(opt.epochs) + " --seed " + std::to_string(opt.seed);
  if (opt.min_count != 1) command += " --min-count " + std::to_string(opt.min_count);
  if (opt.min_weight != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", opt.min_weight);
    command += std::string(" --min-weight ") + buf;
  }
  if (opt.word_dropout != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", opt.word_dropout);
    command += std::string(" --word-dropout ") + buf;
  }
  auto num = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  if (opt.margin != 0) command += " --margin " + num(opt.margin);
  if (opt.miss_cost != 1) command += " --miss-cost " + num(opt.miss_cost);
  command += " --scale " + std::to_string(opt.scale) + " -o " + opt.output;
  std::string header;
  header += "# GENERATED BY `" + command + "`; DO NOT EDIT.\n";
  header += "# The entity tagger's model (src/lexicon/ner_model.h): averaged structured perceptron, BIO tags over\n";
  header += "# PER LOC ORG MISC, features of src/ner/features.h hashed with XXH3 (no word list is stored).\n";
  header += "# corpus: ANERcorp (Benajiba, Rosso and Benedi 2007), " + std::filesystem::path(opt.corpus).filename().string() +
            " xxh64 " + Hex(XXH64(corpus_bytes.data(), corpus_bytes.size(), 0)) + "\n";
  header += "# split: lines " + (opt.lines.empty() ? std::string("all") : opt.lines) + ", " +
            std::to_string(corpus.tokens.size()) + " tokens";
  if (!opt.split_note.empty()) header += " (" + opt.split_note + ")";
  header += "\n";
  header += "# gazetteer: " + gazetteer_note + "\n";
  header += "# engine tables: xxh64 " + Hex(tables_hash) + " over data/*.tsv but this file\n";
  header += "# training: " + std::to_string(stats.tokens) + " engine tokens, " + std::to_string(stats.sentences) +
            " sentences, " + std::to_string(stats.features) + " features, " + std::to_string(stats.weights) + " weights\n";
  std::string body = model->Serialize("");
  header += "# body: xxh64 " + Hex(XXH64(body.data(), body.size(), 0)) + " over the lines after this header\n";
  std::string text = header + body;
  if (int rc = WriteOutput(opt.output, text); rc != kExitOk) return rc;
  std::fprintf(stderr, "trained on %zu tokens (%zu sentences) in %.1f s: %zu features, %zu weights, %zu bytes -> %s\n",
               stats.tokens, stats.sentences, secs, stats.features, stats.weights, text.size(), opt.output.c_str());
  if (!opt.test_lines.empty()) {
    // Score the model as written (rounded weights), the way the engine will load it.
    auto loaded = ner::Model::Parse(text);
    if (!loaded.ok()) {
      Error(loaded.status().ToString());
      return kExitDocErrors;
    }
    ner::BioCorpus test;
    if (!ReadBioInputs({opt.corpus}, opt.test_lines, &test)) return kExitUsage;
    ner::AlignedCorpus at;
    Align(test, *lx, &at);
    std::printf("%s", ner::FormatScores(ner::Evaluate(at, *lx, *loaded.value())).c_str());
  }
  return kExitOk;
}

int RunTrainClusters(const CommonOptions& common, const TrainClustersOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return kExitUsage;
  auto t0 = std::chrono::steady_clock::now();
  ReadResult read;
  Status st = ReadInputs(opt.inputs, ReadOptions(), &read);
  if (!st.ok()) {
    Error(st.ToString());
    return kExitUsage;
  }
  std::vector<std::string_view> texts;
  XXH64_state_t* digest = XXH64_createState();
  XXH64_reset(digest, 0);
  for (const Document& d : read.docs) {
    if (d.unreadable) continue;
    texts.push_back(d.analysed());
    XXH64_update(digest, d.analysed().data(), d.analysed().size());
  }
  uint64_t h = XXH64_digest(digest);
  XXH64_freeState(digest);
  ner::ClusterOptions co;
  co.min_count = opt.min_count;
  co.max_words = opt.max_words;
  co.seed = opt.seed;
  std::vector<ner::WordCluster> clusters = ner::BuildClusters(texts, *lx, co);
  std::string out = "# GENERATED BY `isnad train-clusters";
  for (const std::string& in : opt.inputs) out += " " + in;
  out += " -o " + opt.output + " --min-count " + std::to_string(opt.min_count) + " --max-words " +
         std::to_string(opt.max_words) + " --seed " + std::to_string(opt.seed) + "`\n";
  out += "# " + std::to_string(texts.size()) + " documents, text xxh64 " + Hex(h) + "; format: WORD <TAB> C1.C2.C3 <TAB> COUNT\n";
  for (const ner::WordCluster& c : clusters) {
    out += c.word + "\t" + std::to_string(c.c1) + "." + std::to_string(c.c2) + "." + std::to_string(c.c3) + "\t" +
           std::to_string(c.count) + "\n";
  }
  if (int rc = WriteOutput(opt.output, out); rc != kExitOk) return rc;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "%zu words clustered from %zu documents in %.1f s -> %s\n", clusters.size(), texts.size(), secs,
               opt.output.c_str());
  return kExitOk;
}

int RunEvalNer(const CommonOptions& common, const EvalNerOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return kExitUsage;
  std::shared_ptr<const ner::Model> model = lx->ner_model;
  if (!opt.model.empty()) {
    std::string text;
    if (!ReadFile(opt.model, &text)) {
      Error("cannot read " + opt.model);
      return kExitUsage;
    }
    auto m = ner::Model::Parse(text);
    if (!m.ok()) {
      Error(m.status().ToString());
      return kExitUsage;
    }
    model = m.value();
  }
  if (model->empty()) {
    Error("no tagger model (data/ner_model.tsv)");
    return kExitUsage;
  }
  ner::BioCorpus corpus;
  if (!ReadBioInputs(opt.inputs, opt.lines, &corpus)) return kExitUsage;
  ner::AlignedCorpus aligned;
  Align(corpus, *lx, &aligned);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<uint8_t> tags;  // per engine token, for --dump
  ner::NerScores s;
  if (opt.engine) {
    // The mentions the analysis reports, in the tagger's four types.
    EntityFacts facts;
    ExtractMentions(aligned.tt, *lx, &facts);
    std::vector<ner::AlignedCorpus::Span> predicted;
    tags.assign(aligned.tt.size(), 0);
    for (const Mention& m : facts.mentions) {
      if (m.anaphor) continue;
      ner::NerType type = ner::NerType::kORG;
      switch (m.type) {
        case EntityType::kPER: type = ner::NerType::kPER; break;
        case EntityType::kLOC: case EntityType::kGPE: case EntityType::kFAC: type = ner::NerType::kLOC; break;
        case EntityType::kORG: case EntityType::kMEDIA: case EntityType::kGROUP: type = ner::NerType::kORG; break;
      }
      ByteSpan span = aligned.tt.RawSpan(m.first, m.last);
      span.begin = std::min(span.end, span.begin + m.prefix_bytes);
      predicted.push_back({span, type});
      for (uint32_t j = m.first; j <= m.last && j < tags.size(); ++j) {
        tags[j] = static_cast<uint8_t>(j == m.first ? ner::BeginTag(type) : ner::InsideTag(type));
      }
    }
    s = ner::Score(aligned, predicted, lx->clitics);
  } else {
    s = ner::Evaluate(aligned, *lx, *model);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%zu tokens (%zu engine tokens), %s in %.3f s\n", corpus.tokens.size(), aligned.tt.size(),
              opt.engine ? "mentions found" : "tagged", secs);
  if (!opt.dump.empty()) {
    // One engine token per line: text, gold tag, predicted tag (blank line between sentences).
    if (!opt.engine) {
      std::vector<ner::TaggedSpan> spans;
      ner::TagEntities(aligned.tt, *lx, *model, &spans, &tags);
    }
    std::ofstream out(opt.dump, std::ios::binary);
    for (size_t j = 0; j < aligned.tt.size(); ++j) {
      out << aligned.tt.text(j) << '\t' << ner::TagName(aligned.gold[j]) << '\t' << ner::TagName(tags[j]) << '\n';
      if (aligned.chunk_end[j]) out << '\n';
    }
  }
  std::printf("%s", ner::FormatScores(s).c_str());
  return kExitOk;
}

}  // namespace isnad::cli
