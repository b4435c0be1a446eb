#!/usr/bin/env bash
# The real window under Xvfb with software rendering (Mesa llvmpipe): time from process
# start to the first frame, idle CPU over 10 s, frames drawn, peak RSS.
#
#   cargo build --release && bash benches/window.sh [TOKEN-or-@FILE]
#
# Without an argument the app shows its demo token, whose live countdown repaints once a
# second. Needs Xvfb (apt-get install xvfb). Idle CPU is read from /proc after a 3 s warm-up.
set -euo pipefail
bin=${BIN:-target/release/jwt-inspector}
command -v Xvfb >/dev/null || { echo "window.sh: needs Xvfb (apt-get install xvfb)" >&2; exit 2; }
display=:$((200 + RANDOM % 500))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
log=$(mktemp)
trap 'kill $xvfb 2>/dev/null; rm -f "$log"' EXIT
sleep 1
export DISPLAY=$display XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
/usr/bin/time -v "$bin" gui ${1:+"$1"} --report-startup --exit-after 15 2>"$log" &
timed=$!
sleep 1
pid=$(pgrep -n -f -- "--report-startup --exit-after 15")
tick=$(getconf CLK_TCK)
sleep 3
a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
sleep 10
b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
wait "$timed"
grep -E "first frame|frames in" "$log" | head -2
awk -v d=$((b - a)) -v t="$tick" 'BEGIN { printf "idle CPU over 10 s: %.2f %% of one core\n", d / t / 10 * 100 }'
grep -E "Maximum resident" "$log" | sed 's/^\s*/peak RSS: /'
