#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <isnad/isnad.h>

#include "cli/commands.h"
#include "cli/console.h"
#include "cli/run_corpus.h"
#include "text/tokenizer.h"

namespace isnad::cli {

int RunNormalize(const CommonOptions& common, const NormalizeOptions& opt) {
  auto lx = LoadLexicons(common);
  if (!lx) return 2;
  if (opt.decompile) {
    std::fputs(lx->normalizer.Decompile().c_str(), stdout);
    return 0;
  }
  std::string text;
  if (opt.input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(opt.input, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "isnad: cannot read %s\n", opt.input.c_str());
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  TokenizedText tt;
  lx->normalizer.Normalize(text, &tt.norm);
  if (!opt.tokens) {
    std::fwrite(tt.norm.text.data(), 1, tt.norm.text.size(), stdout);
    return 0;
  }
  Tokenize(lx->normalizer, &tt);
  static const char* kKinds[] = {"word", "number", "punct"};
  for (size_t i = 0; i < tt.size(); ++i) {
    ByteSpan r = tt.RawSpan(i, i);
    std::printf("%u\t%u\t%s\t%.*s\t%.*s\n", r.begin, r.end, kKinds[static_cast<int>(tt.tokens[i].kind)],
                static_cast<int>(tt.text(i).size()), tt.text(i).data(), static_cast<int>(r.size()), text.data() + r.begin);
  }
  return 0;
}

}  // namespace isnad::cli
