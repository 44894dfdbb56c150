#!/usr/bin/env bash
# Regenerates the pictures in docs/: the first page of each bundled template as a user first
# sees it: default inputs, and the pre-visit brief and talking points filled in as docs/examples/.
# Needs pdftoppm (Debian: poppler-utils). docs/app.png, the app's window, comes from the end-to-end
# test, which renews it only when asked: after `npm run build`,
#   BRIEFWRIGHT_DOCS_PICTURES=1 npx playwright test -g 'a pre-visit brief on trade'
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build:cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { node bin/briefwright.js generate "$@" >/dev/null; }
gen --template pre-visit-brief --input docs/examples/pre-visit-brief.yaml --author "A. Analyst" --organisation "Asia Desk" --out "$tmp/pre-visit-brief.pdf"
gen --template sector-one-pager --topics transport --out "$tmp/sector-one-pager.pdf"
gen --template key-figures --topics trade,transport,energy --out "$tmp/key-figures.pdf"
gen --template chronology --out "$tmp/chronology.pdf"
gen --template talking-points --input docs/examples/talking-points.yaml --out "$tmp/talking-points.pdf"
for pdf in "$tmp"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "docs/$name"
done
ls docs/*.png
