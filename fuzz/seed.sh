#!/usr/bin/env bash
# Seed the fuzz corpus with the real minutes and the docx/pdf/html fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/pipeline
cp ../tests/corpus/*.txt ../tests/fixtures/*.{docx,pdf,html} corpus/pipeline/
# Small pieces of real minutes mutate faster than whole documents.
for f in ../tests/corpus/*.txt; do
  split -l 40 -d "$f" "corpus/pipeline/$(basename "$f" .txt)-part-"
done
