#!/usr/bin/env bash
# Parley's benchmark: builds, starts what it needs on 127.0.0.1, runs bounded loads, stops all it
# started, and writes bench/RESULTS.md with each figure as a ratio to a hello-world Vert.x server
# measured in the same run, then the webhook delivery load (bench/webhooks.sh) and the realtime
# load (bench/realtime.sh). Usage: bench/run.sh  (about nine minutes)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out
rm -rf "$out" && mkdir -p "$out"
duration=${BENCH_SECONDS:-10}
rate=${BENCH_RATE:-1000}
account=AC0000000000000000000000000000b001
token=bench-token-00000000000000000001
hello_port=18090
parley_port=18091

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need sqlite3 sqlite3
mvn -B -q -DskipTests -Dspotless.check.skip=true package
jar=target/parley.jar

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}
wrk_field() { # file → "req/s p50 p99 non2xx total"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
       /requests in/ {total=$1} END {printf "%s %s %s %s %s\n", rps, (p50==""?"-":p50), (p99==""?"-":p99), (bad==""?0:bad), total}' "$1"
}
to_ms() { # wrk latency like 1.23ms / 850.00us / 1.02s → ms
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v+0 } else { sub(/s$/, "", v); print v*1000 } }'
}

echo "== hello-world baseline"
java -cp "$jar" bench/HelloWorld.java "$hello_port" > "$out/hello.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$hello_port/"
wrk -t1 -c64 -d5s "http://127.0.0.1:$hello_port/" > /dev/null
wrk -t1 -c64 -d"${duration}s" --latency "http://127.0.0.1:$hello_port/" > "$out/hello.txt"
read -r hello_rps hello_p50 hello_p99 _ _ < <(wrk_field "$out/hello.txt")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'

echo "== start to first served request: first start on an empty store, then restarts (5 runs each)"
first_starts=()
restarts=()
time_start() { # data-dir → ms from launch to the first answered request
  local begin pid
  begin=$(date +%s%N)
  ./parley serve --port "$parley_port" --data-dir "$1" --account-sid "$account" --auth-token "$token" > /dev/null 2>&1 &
  pid=$!
  until curl -s -o /dev/null -u "$account:$token" "http://127.0.0.1:$parley_port/v1/Configuration"; do sleep 0.005; done
  echo $(( ($(date +%s%N) - begin) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
./parley --version > /dev/null # builds the class-data archive, once per build
for i in 1 2 3 4 5; do
  rm -rf "$out/start"
  first_starts+=($(time_start "$out/start"))
  restarts+=($(time_start "$out/start"))
done
first_median=$(printf '%s\n' "${first_starts[@]}" | sort -n | sed -n 3p)
start_median=$(printf '%s\n' "${restarts[@]}" | sort -n | sed -n 3p)

echo "== Parley POST /v2/WebChats"
./parley serve --port "$parley_port" --data-dir "$out/data" --account-sid "$account" --auth-token "$token" > "$out/parley.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$parley_port/"
address=$(curl -s -u "$account:$token" "http://127.0.0.1:$parley_port/v1/Configuration/Addresses?Type=chat" \
  | sed -n 's/.*"sid":"\(IG[0-9a-f]\{32\}\)".*/\1/p')
body="AddressSid=$address&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D"
auth="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
# Warm-up, not recorded: let the JIT compile the hot path before measuring, as for the baseline.
BENCH_BODY="$body" BENCH_AUTH="$auth" wrk -t1 -c64 -d5s -s bench/post.lua \
  "http://127.0.0.1:$parley_port/v2/WebChats" > "$out/webchats-warmup.txt"
BENCH_BODY="$body" BENCH_AUTH="$auth" wrk -t1 -c64 -d"${duration}s" --latency -s bench/post.lua \
  "http://127.0.0.1:$parley_port/v2/WebChats" > "$out/webchats.txt"
read -r wc_rps wc_p50 wc_p99 wc_bad wc_total < <(wrk_field "$out/webchats.txt")
read -r _ _ _ warm_bad warm_total < <(wrk_field "$out/webchats-warmup.txt")
read -r fixed_sent fixed_ok fixed_other fixed_p50 fixed_p90 fixed_p99 fixed_max fixed_warm < <(
  java -cp "$jar" bench/RateLoad.java "http://127.0.0.1:$parley_port/v2/WebChats" "$account" "$token" "$body" "$rate" "$duration")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
acknowledged=$(( warm_total - warm_bad + wc_total - wc_bad + fixed_warm + fixed_ok ))
stored=$(sqlite3 "$out/data/parley.db" "SELECT COUNT(*) FROM conversations")

ratio=$(awk -v a="$wc_rps" -v b="$hello_rps" 'BEGIN { printf "%.1f%%", 100*a/b }')
p99_fixed_ok=$(awk -v p="$fixed_p99" 'BEGIN { print (p < 20) ? "met" : "missed" }')
ratio_ok=$(awk -v a="$wc_rps" -v b="$hello_rps" 'BEGIN { print (a/b >= 0.05) ? "met" : "missed" }')
start_ok=$(awk -v s="$start_median" 'BEGIN { print (s < 1000) ? "met" : "missed" }')
durable_ok=$([ "$stored" -ge "$acknowledged" ] && echo met || echo missed)

# The realtime section (bench/realtime.sh) keeps its hand-written notes across runs.
realtime_section=$(sed -n '/<!-- realtime:begin -->/,/<!-- realtime:end -->/p' bench/RESULTS.md 2>/dev/null || true)
cat > bench/RESULTS.md <<RESULTS
# Benchmark results

Measured by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1).
Load generator and server share the machine and talk over 127.0.0.1. Each run: ${duration} s.
Baseline: a hello-world Vert.x server (\`bench/HelloWorld.java\`), measured in this same run.

| metric | Parley | hello-world | ratio | target | |
|---|---|---|---|---|---|
| \`POST /v2/WebChats\` durable creates, req/s (wrk -t1 -c64) | $wc_rps | $hello_rps | $ratio | ≥ 5% | $ratio_ok |
| latency at full load p50 / p99 | $wc_p50 / $wc_p99 | $hello_p50 / $hello_p99 | | | |
| latency at a constant ${rate}/s, p50 / p90 / p99 / max (ms) | $fixed_p50 / $fixed_p90 / $fixed_p99 / $fixed_max | | | p99 < 20 ms | $p99_fixed_ok |
| creates acknowledged (2xx, all runs incl. warm-up) vs conversations in the store after shutdown | $acknowledged / $stored | | | none lost | $durable_ok |
| start to first served request, new JVM on an existing store, median of 5 (ms) | $start_median (runs: ${restarts[*]}) | | | < 1000 | $start_ok |
| first start on an empty store (creates schema and account), median of 5 (ms) | $first_median (runs: ${first_starts[*]}) | | | | |

Failed or non-2xx answers: $wc_bad under full load, $fixed_other at the constant rate. The store may
hold a few more conversations than were acknowledged: creates still in flight when a wrk run ends are
committed but not counted by wrk.
Every create is durable before it is answered: SQLite WAL with \`synchronous=FULL\`, writes
group-committed by one writer thread (\`store/sql/GroupCommitWriter.java\`).
RESULTS
[[ -z $realtime_section ]] || printf '\n%s\n' "$realtime_section" >> bench/RESULTS.md

BENCH_BUILT=1 bench/webhooks.sh > /dev/null

echo "== realtime"
BENCH_BUILT=1 HELLO_RPS="$hello_rps" bench/realtime.sh > /dev/null
cat bench/RESULTS.md
