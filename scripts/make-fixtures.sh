#!/usr/bin/env bash
# Regenerate the docx/pdf/html renderings of corpus documents in tests/fixtures/.
# Needs python3, pandoc and LibreOffice (apt-get install pandoc libreoffice-writer-nogui);
# only for making the committed fixtures, never for running the tests.
#   text --(scripts/txt2html.py)--> html --(pandoc)--> docx --(LibreOffice)--> pdf
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for doc in 000_ff64f3bdf94122a9 001_719570b264c92903 004_1bd483bc556e3b0d; do
  python3 scripts/txt2html.py "tests/corpus/$doc.txt" "$out/$doc.html"
  # The Word file is what the minutes system exports: the body only, no site chrome.
  python3 scripts/txt2html.py --bare "tests/corpus/$doc.txt" "$tmp/$doc.html"
  pandoc -f html -t docx -o "$out/$doc.docx" "$tmp/$doc.html"
  soffice --headless --norestore -env:UserInstallation=file://$tmp/lo \
    --convert-to pdf --outdir "$out" "$out/$doc.docx" >/dev/null
done
ls -l "$out"
