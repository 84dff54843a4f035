#!/usr/bin/env bash
# CPU per POST /v2/WebChats by server thread (user + system from /proc/<pid>/task), which hardly
# depends on how much of a shared machine the server gets: a quick check of a change to the write
# path without the full bench/run.sh. BENCH_STORE picks the store (bench/lib.sh); JFR=1 also
# records a profile (bench/out/webchat-cpu/rec.jfr, without Jdbi's per-statement event).
# Usage: bench/webchat-cpu.sh  (about 30 s)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out/webchat-cpu
rm -rf "$out" && mkdir -p "$out"
source bench/lib.sh
port=$((port_base + 8))
port_free "$port" BENCH_PORT_BASE
need wrk wrk
profile_jfc "$out"
store_fresh webchat-cpu
PARLEY_JAVA_OPTS="${JFR:+-XX:StartFlightRecording=filename=$out/rec.jfr,settings=$out/profile.jfc,dumponexit=true}" \
  ./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" --account-sid "$account" \
  --auth-token "$token" > "$out/parley.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/"
server=$(pgrep -f "parley.jar serve --host 127.0.0.1 --port $port" | head -1)
webchat_request "$port"
export BENCH_BODY=$webchat_body BENCH_AUTH=$basic_auth
url="http://127.0.0.1:$port/v2/WebChats"
wrk -t1 -c64 -d5s -s bench/post.lua "$url" > /dev/null # warm-up
ticks() { # → thread name and clock ticks of CPU, summed over the threads of that name
  for t in /proc/"$server"/task/*; do
    echo "$(cut -c1-15 "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"
  done | awk '{a[$1] += $2} END {for (k in a) print k "\t" a[k]}' | sort
}
ticks > "$out/before"
wrk -t1 -c64 -d10s -s bench/post.lua --latency "$url" > "$out/wrk.txt"
ticks > "$out/after"
creates=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
hz=$(getconf CLK_TCK)
echo "$store_name:"
grep -E "Requests/sec|99%" "$out/wrk.txt"
join -t $'\t' "$out/before" "$out/after" | awk -F '\t' -v n="$creates" -v hz="$hz" '
  { ms = ($3 - $2) * 1000 / hz / n; total += ms; if (ms > 0.005) printf "%s %.3f ms/create\n", $1, ms }
  END { printf "total %.3f ms of server CPU per create (%d creates)\n", total, n }'
