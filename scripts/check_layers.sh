#!/usr/bin/env bash
# Fails when a file under src/ (or the folder given) includes a header of a higher layer. The layers, lowest
# first: a folder may include its own headers and those of the folders before it.
#   util    byte spans, dates, UTF-8, TSV, output files (no engine types)
#   model   the data model: Document, DocAnalysis, the SPEC vocabularies
#   text    normalizer, tokenizer, sentences, morphology
#   lexicon the loaded tables (and the tagger's model file)
#   ner     the learned entity tagger
#   extract per-document extractors (times, numbers, entities, attribution, claims)
#   ingest  readers, HTML, page structure
#   link    the per-document pipeline and the corpus stage
#   report  JSON, CSV, HTML writers and the evaluator
#   cli     the command-line front end
# The public header <isnad/isnad.h> (include/, outside src/) gathers the library for front
# ends: only a front end (cli) may include it, so no part of the library depends on it.
set -euo pipefail
cd "${1:-$(dirname "$0")/../src}"
layers=(util model text lexicon ner extract ingest link report cli)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done
bad=0
for dir in */; do
  dir=${dir%/}
  [[ -n "${rank[$dir]+x}" ]] || { echo "src/$dir: not in the layer list of $0"; bad=1; continue; }
  while IFS=: read -r file line inc; do
    target=${inc#*\"}; target=${target%%/*}
    [[ -n "${rank[$target]+x}" ]] || continue
    if (( rank[$target] > rank[$dir] )); then
      echo "src/$file:$line: $dir (layer ${rank[$dir]}) includes $target (layer ${rank[$target]})"
      bad=1
    fi
  done < <(grep -n '^#include "' "$dir"/* /dev/null 2>/dev/null | sed 's/^\([^:]*\):\([0-9]*\):/\1:\2:/')
  if [[ $dir != cli ]]; then
    while IFS=: read -r file line inc; do
      echo "src/$file:$line: $dir includes the public header <isnad/...> (only a front end may)"
      bad=1
    done < <(grep -n '^#include <isnad/' "$dir"/* /dev/null 2>/dev/null || true)
  fi
done
if (( bad )); then echo "layering: violations above"; exit 1; fi
echo "layering: ok (${layers[*]})"
