#!/usr/bin/env bash
# CPU per POST /v2/WebChats by server thread (user + system from /proc/<pid>/task), which hardly
# depends on how much of a shared machine the server gets: a quick check of a change to the write
# path without the full bench/run.sh. JFR=1 also records a profile (bench/out/webchat-cpu/rec.jfr,
# without Jdbi's per-statement event). Usage: bench/webchat-cpu.sh  (about 30 s)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out/webchat-cpu
rm -rf "$out" && mkdir -p "$out"
account=AC0000000000000000000000000000b001
token=bench-token-00000000000000000001
port=${BENCH_PORT:-18290}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if ss -ltn "sport = :$port" | grep -q LISTEN; then echo "port $port is taken; set BENCH_PORT" >&2; exit 1; fi
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
sed 's|</configuration>|  <event name="jdbi.statement"><setting name="enabled">false</setting></event>\n</configuration>|' \
  "$java_home/lib/jfr/profile.jfc" > "$out/profile.jfc"
PARLEY_JAVA_OPTS="${JFR:+-XX:StartFlightRecording=filename=$out/rec.jfr,settings=$out/profile.jfc,dumponexit=true}" \
  ./parley serve --port "$port" --data-dir "$out/data" --account-sid "$account" --auth-token "$token" > "$out/parley.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done
server=$(pgrep -f "parley.jar serve --port $port" | head -1)
address=$(curl -s -u "$account:$token" "http://127.0.0.1:$port/v1/Configuration/Addresses?Type=chat" \
  | sed -n 's/.*"sid":"\(IG[0-9a-f]\{32\}\)".*/\1/p')
export BENCH_BODY="AddressSid=$address&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D"
export BENCH_AUTH="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
url="http://127.0.0.1:$port/v2/WebChats"
wrk -t1 -c64 -d5s -s bench/post.lua "$url" > /dev/null # warm-up
ticks() { # thread name → clock ticks of CPU, summed over threads of that name
  for t in /proc/"$server"/task/*; do
    echo "$(cut -c1-15 "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"
  done | awk '{a[$1] += $2} END {for (k in a) print k "\t" a[k]}' | sort
}
ticks > "$out/before"
wrk -t1 -c64 -d10s -s bench/post.lua --latency "$url" > "$out/wrk.txt"
ticks > "$out/after"
creates=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
hz=$(getconf CLK_TCK)
grep -E "Requests/sec|99%" "$out/wrk.txt"
join -t $'\t' "$out/before" "$out/after" | awk -F '\t' -v n="$creates" -v hz="$hz" '
  { ms = ($3 - $2) * 1000 / hz / n; total += ms; if (ms > 0.005) printf "%s %.3f ms/create\n", $1, ms }
  END { printf "total %.3f ms of server CPU per create (%d creates)\n", total, n }'
