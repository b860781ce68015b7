#!/bin/bash
# Side by side in one run: `koers messages validate` of two checkouts (each built with
# `npm run build`) and xmllint, alternating, on one file. Prints, per run and tool, processor
# time (user+sys) / wall time / peak RSS, from /usr/bin/time; then the load average.
#
#   bench/messages/compare.sh BEFORE_DIR AFTER_DIR FILE [RUNS]
#   e.g. git worktree add --detach /tmp/before main && (cd /tmp/before && npm run build)
#        bench/messages/compare.sh /tmp/before . /tmp/val-bench/jw323-100000.xml 7
set -euo pipefail
before=$1 after=$2 file=$3 runs=${4:-5}
# The official XSDs where the project reads them (src/istandaarden/testing/shared-dir.ts): ../shared beside the checkout.
xsd=${KOERS_ISTANDAARDEN_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/istandaarden}/ijw-3.2/JW323.xsd
out=$(mktemp)
timed() {
  /usr/bin/time -o "$out" -f "%U %S %e %M" "$@" >/dev/null 2>&1
  awk '{ printf "%.2f s / %.2f s / %d MB   ", $1 + $2, $3, $4 / 1024 }' "$out"
}
for dir in "$before" "$after"; do
  # bin/koers.mjs runs the sources through tsx when dist/ is older than src/: not what is measured here.
  if node "$dir/bin/koers.mjs" --help 2>&1 >/dev/null | grep -q 'dist/'; then echo "$dir: dist/ is older than src/; run npm run build there" >&2; exit 1; fi
done
uptime
for i in $(seq "$runs"); do
  echo -n "run $i  before: "; timed node "$before/bin/koers.mjs" messages validate "$file"
  echo -n "after: "; timed node "$after/bin/koers.mjs" messages validate "$file"
  echo -n "xmllint: "; timed xmllint --stream --noout --schema "$xsd" "$file"
  echo
done
uptime
rm -f "$out"
