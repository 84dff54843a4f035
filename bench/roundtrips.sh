#!/usr/bin/env bash
# Round trips to PostgreSQL per request, counted where they happen: the `write` calls of Parley's
# group-commit writer threads (parley-postgresql-writer-*) to their connections, under strace,
# for requests sent one at a time (so each is a batch of its own), after a warm-up that lets
# pgjdbc name its statements. A count that does not depend on how busy the machine is: the quick
# check of a change to the write path. Commits, savepoint-free first jobs and lease renewals are
# counted too (a message post's batch also sends its NOTIFY).
# Usage: bench/roundtrips.sh  (about 30 s; PostgreSQL only)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out/roundtrips
rm -rf "$out" && mkdir -p "$out"
BENCH_STORE=postgresql
source bench/lib.sh
port=$((port_base + 14))
port_free "$port" BENCH_PORT_BASE
need strace strace
requests=${BENCH_ROUNDTRIP_REQUESTS:-20}
store_fresh roundtrips
./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" --account-sid "$account" \
  --auth-token "$token" > "$out/parley.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/"
server=$(pgrep -f "parley.jar serve --host 127.0.0.1 --port $port" | head -1)
webchat_request "$port"
base="http://127.0.0.1:$port"
webchat() { curl -sf -H "Authorization: $basic_auth" "$base/v2/WebChats" -d "$webchat_body"; }
post() { curl -sf -o /dev/null -H "Authorization: $basic_auth" "$base/v1/Conversations/$1/Messages" -d "Body=hi&Author=visitor"; }
for _ in $(seq 1 30); do # warm-up: every writer connection runs each statement text 5 times
  conversation=$(webchat | sed -n 's/.*"conversation_sid": *"\(CH[0-9a-f]\{32\}\)".*/\1/p')
  post "$conversation"
done
# Threads named parley-postgresql-writer-N (the kernel keeps 15 characters of a thread's name).
writers=$(grep -l '^parley-postgres' /proc/"$server"/task/*/comm | cut -d/ -f5 | paste -sd'|')
traced() { # name command… → round trips per request of the command, run $requests times
  local name=$1
  shift
  strace -f -e trace=write -o "$out/$name.strace" -p "$server" 2> /dev/null &
  local tracer=$!
  sleep 1
  for _ in $(seq 1 "$requests"); do "$@" > /dev/null; done
  sleep 0.5
  kill "$tracer"
  wait "$tracer" 2> /dev/null || true
  grep -cE "^($writers) +write" "$out/$name.strace" | awk -v n="$requests" '{printf "%.2f", $1 / n}'
}
echo "PostgreSQL round trips per request (writer threads' writes, $requests requests one at a time):"
echo "POST /v2/WebChats: $(traced webchat webchat)"
echo "POST …/Messages:   $(traced message post "$conversation")"
