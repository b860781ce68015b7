#!/bin/bash
# The first `koers start` on a new data directory, as `npm start` runs it after `npm ci`: the time
# and processor time until it says "Koers serves" (issue 19 §4). Given a second checkout (built with
# `npm run build`), both run side by side, started together, so that they share the machine's load.
# With --npm-start each checkout runs `npm start` itself, as on a fresh clone after `npm ci`: its
# web/dist removed first, so the server's compilation and the web app's build are counted too
# (run the checkouts one at a time, alternating, as the two builds use the second core).
#
#   bash bench/demo/first-start.sh [--npm-start] [OTHER_CHECKOUT]
#
# Each run gets a new data directory under /tmp (removed first) and its own port; each stops once
# it serves. The processor time is that of the run's processes still there when it serves, with
# that of the children they waited for (the web build's, for one); a helper reaped outside the run
# (esbuild's service) is not counted.
# The log of each, with the demo's own steps, is in /tmp/koers-first-start-N.log.
set -euo pipefail
npm_start=false
if [ "${1:-}" = --npm-start ]; then npm_start=true; shift; fi
run() {
  local repo=$1 n=$2 dir=/tmp/koers-first-start-$2 log=/tmp/koers-first-start-$2.log
  rm -rf "$dir"
  if $npm_start; then rm -rf "$repo/web/dist"; fi
  local start; start=$(date +%s.%N)
  # A process group of its own, so that the run and every process it started stop together.
  if $npm_start; then
    (cd "$repo" && KOERS_DATA_DIR=$dir PORT=$((3400 + n)) exec setsid npm start) > "$log" 2>&1 &
  else
    (cd "$repo" && KOERS_DATA_DIR=$dir PORT=$((3400 + n)) exec setsid node bin/koers.mjs start) > "$log" 2>&1 &
  fi
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if grep -q "Koers serves" "$log"; then
      local wall; wall=$(echo "$(date +%s.%N) - $start" | bc)
      # User and system time of each process in the group, with that of the children it waited for.
      # The fields after the command's name, which may hold spaces ("npm start"): utime is the 12th.
      local cpu=0 rss=0
      for p in $(pgrep -g "$pid"); do
        # A process that ended meanwhile has no stat: it adds nothing (and stops nothing under set -e).
        cpu=$({ sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null || true; } | awk -v c="$cpu" '{ print c + ($12 + $13 + $14 + $15) / 100 } END { if (NR == 0) print c }')
        rss=$(awk -v r="$rss" '/VmHWM/ { print (r > $2 / 1024 ? r : $2 / 1024) }' "/proc/$p/status" 2>/dev/null || echo "$rss")
      done
      printf '%s: serves after %.1f s, %.1f s of processor time (peak RSS %.0f MB)\n' "$repo" "$wall" "$cpu" "$rss"
      kill -- -"$pid"
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
