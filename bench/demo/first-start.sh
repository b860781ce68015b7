#!/bin/bash
# The first `koers start` on a new data directory, as `npm start` runs it after `npm ci`: the time
# and processor time until it says "Koers serves" (issue 19 §4). Given a second checkout (built with
# `npm run build`), both run side by side, started together, so that they share the machine's load.
#
#   bash bench/demo/first-start.sh [OTHER_CHECKOUT]
#
# Each run gets a new data directory under /tmp (removed first) and its own port; each stops once
# it serves. The log of each, with the demo's own steps, is in /tmp/koers-first-start-N.log.
set -euo pipefail
run() {
  local repo=$1 n=$2 dir=/tmp/koers-first-start-$2 log=/tmp/koers-first-start-$2.log
  rm -rf "$dir"
  local start; start=$(date +%s.%N)
  (cd "$repo" && KOERS_DATA_DIR=$dir PORT=$((3400 + n)) exec node bin/koers.mjs start) > "$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if grep -q "Koers serves" "$log"; then
      local cpu; cpu=$(awk '{ print ($14 + $15) / 100 }' "/proc/$pid/stat")
      printf '%s: serves after %.1f s, %.1f s of processor time (peak RSS %s)\n' "$repo" "$(echo "$(date +%s.%N) - $start" | bc)" "$cpu" "$(awk '/VmHWM/ { print $2 / 1024 " MB" }' "/proc/$pid/status")"
      kill "$pid"
      return
    fi
    sleep 0.5
  done
  echo "$repo: stopped before it served; see $log" >&2
  return 1
}
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
run "$(cd "$(dirname "$0")/../.." && pwd)" 1 &
if [ $# -gt 0 ]; then run "$(cd "$1" && pwd)" 2 & fi
wait
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
