#!/usr/bin/env bash
# Parley's benchmark (issue 7): builds, starts what it needs on 127.0.0.1, runs bounded loads,
# stops all it started, and writes bench/RESULTS.md with each figure as a ratio to a hello-world
# Vert.x server measured in the same run, for each store in BENCH_STORES (default: sqlite
# postgresql, a fresh database each, dropped afterwards): start-up and POST /v2/WebChats here, then
# Parley against the bare ceiling of each store, measured alternately (bench/ceiling.sh), then
# webhook delivery (bench/webhooks.sh), realtime (bench/realtime.sh) and message pages at depth
# (bench/paging.sh), media (bench/media.sh) and Studio flows (bench/studio.sh), each once per store. Usage: [BENCH_PARTS="ceiling …"] bench/run.sh  (35-40 minutes with both stores and every part)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out
rm -rf "$out" && mkdir -p "$out"
duration=${BENCH_SECONDS:-10}
rate=${BENCH_RATE:-1000}
read -r -a stores <<< "${BENCH_STORES:-sqlite postgresql}"
hello_port=$port_base
parley_port=$((port_base + 1))

need wrk wrk
for s in "${stores[@]}"; do use_store "$s"; done
port_free "$hello_port" BENCH_PORT_BASE
port_free "$parley_port" BENCH_PORT_BASE
mvn -B -q -DskipTests -Dspotless.check.skip=true package
jar=target/parley.jar

echo "== hello-world baseline"
java -cp "$jar" bench/HelloWorld.java "$hello_port" > "$out/hello.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$hello_port/"
wrk -t1 -c64 -d5s "http://127.0.0.1:$hello_port/" > /dev/null
wrk -t1 -c64 -d"${duration}s" --latency "http://127.0.0.1:$hello_port/" > "$out/hello.txt"
read -r hello_rps hello_p50 hello_p99 _ _ < <(wrk_field "$out/hello.txt")
stop_last

serve() { # log → starts Parley on the current store
  ./parley serve --host 127.0.0.1 --port "$parley_port" "${store_args[@]}" --account-sid "$account" \
    --auth-token "$token" > "$1" 2>&1 &
  pids+=($!)
}
time_start() { # → ms from launch to the first answered request, on the current store
  local begin
  begin=$(date +%s%N)
  serve /dev/null
  for _ in $(seq 1 6000); do
    curl -s -o /dev/null -u "$account:$token" "http://127.0.0.1:$parley_port/v1/Configuration" && break
    sleep 0.005
  done
  echo $(( ($(date +%s%N) - begin) / 1000000 ))
  stop_last
}
./parley --version > /dev/null # builds the class-data archive, once per build

webchats() { # the current store → its table in $out/webchats-$store.md
  echo "== start to first served request ($store): first start on an empty store, then restarts (5 runs each)"
  local first_starts=() restarts=() i
  for i in 1 2 3 4 5; do
    store_fresh start
    first_starts+=($(time_start))
    restarts+=($(time_start))
  done
  local first_median start_median
  first_median=$(printf '%s\n' "${first_starts[@]}" | sort -n | sed -n 3p)
  start_median=$(printf '%s\n' "${restarts[@]}" | sort -n | sed -n 3p)

  echo "== Parley POST /v2/WebChats ($store)"
  store_fresh webchats
  serve "$out/parley-$store.log"
  wait_for "http://127.0.0.1:$parley_port/"
  webchat_request "$parley_port"
  local body=$webchat_body auth=$basic_auth
  # Warm-up, not recorded: let the JIT compile the hot path before measuring, as for the baseline.
  BENCH_BODY="$body" BENCH_AUTH="$auth" wrk -t1 -c64 -d5s -s bench/post.lua \
    "http://127.0.0.1:$parley_port/v2/WebChats" > "$out/webchats-warmup-$store.txt"
  BENCH_BODY="$body" BENCH_AUTH="$auth" wrk -t1 -c64 -d"${duration}s" --latency -s bench/post.lua \
    "http://127.0.0.1:$parley_port/v2/WebChats" > "$out/webchats-$store.txt"
  local wc_rps wc_p50 wc_p99 wc_bad wc_total warm_bad warm_total
  read -r wc_rps wc_p50 wc_p99 wc_bad wc_total < <(wrk_field "$out/webchats-$store.txt")
  read -r _ _ _ warm_bad warm_total < <(wrk_field "$out/webchats-warmup-$store.txt")
  local fixed_sent fixed_ok fixed_other fixed_p50 fixed_p90 fixed_p99 fixed_max fixed_warm
  read -r fixed_sent fixed_ok fixed_other fixed_p50 fixed_p90 fixed_p99 fixed_max fixed_warm < <(
    java -cp "$jar" bench/RateLoad.java "http://127.0.0.1:$parley_port/v2/WebChats" "$account" "$token" "$body" "$rate" "$duration")
  stop_last
  # After shutdown: every acknowledged create must be in the store.
  local acknowledged stored
  acknowledged=$(( warm_total - warm_bad + wc_total - wc_bad + fixed_warm + fixed_ok ))
  stored=$(sql "SELECT COUNT(*) FROM conversations")

  local ratio p99_fixed_ok ratio_ok start_ok durable_ok durability
  ratio=$(awk -v a="$wc_rps" -v b="$hello_rps" 'BEGIN { printf "%.1f%%", 100*a/b }')
  p99_fixed_ok=$(awk -v p="$fixed_p99" 'BEGIN { print (p < 20) ? "met" : "missed" }')
  ratio_ok=$(awk -v a="$wc_rps" -v b="$hello_rps" 'BEGIN { print (a/b >= 0.05) ? "met" : "missed" }')
  start_ok=$(awk -v s="$start_median" 'BEGIN { print (s < 1000) ? "met" : "missed" }')
  durable_ok=$([ "$stored" -ge "$acknowledged" ] && echo met || echo missed)
  if [[ $store == sqlite ]]; then
    durability="SQLite WAL with \`synchronous=FULL\`, writes group-committed by one writer thread (\`store/sql/GroupCommitWriter.java\`)"
  else
    durability="writes group-committed by two writer threads, each on its own connection (\`store/sql/PostgresGroupCommit.java\`), answered once their batch commits, and a commit returns once its WAL is flushed (\`synchronous_commit=on\`)"
  fi
  cat > "$out/webchats-$store.md" <<TABLE
### $store_name

On $store_label.

| metric | Parley | hello-world | ratio | target | |
|---|---|---|---|---|---|
| \`POST /v2/WebChats\` durable creates, req/s (wrk -t1 -c64) | $wc_rps | $hello_rps | $ratio | ≥ 5% | $ratio_ok |
| latency at full load p50 / p99 | $wc_p50 / $wc_p99 | $hello_p50 / $hello_p99 | | | |
| latency at a constant ${rate}/s, p50 / p90 / p99 / max (ms) | $fixed_p50 / $fixed_p90 / $fixed_p99 / $fixed_max | | | p99 < 20 ms | $p99_fixed_ok |
| creates acknowledged (2xx, all runs incl. warm-up) vs conversations in the store after shutdown | $acknowledged / $stored | | | none lost | $durable_ok |
| start to first served request, new JVM on an existing store, median of 5 (ms) | $start_median (runs: ${restarts[*]}) | | | < 1000 | $start_ok |
| first start on an empty store (creates schema and account), median of 5 (ms) | $first_median (runs: ${first_starts[*]}) | | | | |

Failed or non-2xx answers: $wc_bad under full load, $fixed_other at the constant rate (of $fixed_sent sent).
Every create is durable before it is answered: $durability.
TABLE
}
for s in "${stores[@]}"; do
  use_store "$s"
  webchats
done

# The file: this run's header and web chat tables, then every other script's section in a fixed
# order, kept from the last file (with its hand-written notes) until that script rewrites it.
{
  cat <<HEADER
# Benchmark results

Measured by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1),
stores: ${stores[*]}. Load generator and server share the machine and talk over 127.0.0.1. Each run:
${duration} s. Baseline: a hello-world Vert.x server (\`bench/HelloWorld.java\`), measured in this same run.

<!-- webchats:begin -->
## Start-up and \`POST /v2/WebChats\` (\`bench/run.sh\`)

HEADER
  for s in "${stores[@]}"; do cat "$out/webchats-$s.md"; echo; done
  cat <<'NOTE'
The store may hold a few more conversations than were acknowledged: creates still in flight when a
wrk run ends are committed but not counted by wrk.

NOTE
  section_notes webchats
  echo "<!-- webchats:end -->"
  for name in ceiling ceiling-postgresql webhooks webhooks-postgresql realtime realtime-postgresql \
    paging paging-postgresql media media-postgresql studio studio-postgresql widget-timings; do
    kept=$(section_print "$name" 2>/dev/null || true)
    echo
    if [[ -n $kept ]]; then printf '%s\n' "$kept"; else printf '<!-- %s:begin -->\n<!-- %s:end -->\n' "$name" "$name"; fi
  done
} > "$out/RESULTS.md"
cp "$out/RESULTS.md" "$results"

# BENCH_PARTS picks the scripts run after the web chat tables (all when unset; none when empty).
read -r -a parts <<< "${BENCH_PARTS-ceiling webhooks realtime paging media studio}"
for part in "${parts[@]}"; do
  for s in "${stores[@]}"; do
    echo "== $part ($s)"
    case $part in
      ceiling | realtime | paging) BENCH_STORE=$s BENCH_BUILT=1 HELLO_RPS="$hello_rps" "bench/$part.sh" > /dev/null ;;
      webhooks | media | studio) BENCH_STORE=$s BENCH_BUILT=1 "bench/$part.sh" > /dev/null ;;
      *) echo "BENCH_PARTS: no part $part" >&2; exit 2 ;;
    esac
  done
done
cat "$results"
