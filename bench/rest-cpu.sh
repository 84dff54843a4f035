#!/usr/bin/env bash
# CPU per REST read, Parley's and (on PostgreSQL) the database's: `GET /v1/Conversations/{CH}/
# Participants` of a web chat under wrk -t1 -c16 for 10 s, with user + system time of the server
# process and of every postgres process from /proc. The quick check for a change to the read path,
# as bench/webchat-cpu.sh is for the write path. BENCH_STORE picks the store (bench/lib.sh).
# Usage: bench/rest-cpu.sh  (about 30 s)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out/rest-cpu
rm -rf "$out" && mkdir -p "$out"
source bench/lib.sh
port=$((port_base + 9))
port_free "$port" BENCH_PORT_BASE
need wrk wrk
store_fresh rest-cpu
./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" --account-sid "$account" \
  --auth-token "$token" > "$out/parley.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/"
server=$(pgrep -f "parley.jar serve --host 127.0.0.1 --port $port" | head -1)
webchat_request "$port"
conversation=$(curl -s -u "$account:$token" -d "$webchat_body" "http://127.0.0.1:$port/v2/WebChats" \
  | sed -n 's/.*"conversation_sid":"\(CH[0-9a-f]\{32\}\)".*/\1/p')
url="http://127.0.0.1:$port/v1/Conversations/$conversation/Participants"
export BENCH_AUTH=$basic_auth
wrk -t1 -c16 -d5s -s bench/get.lua "$url" > /dev/null # warm-up
ticks() { # → clock ticks of CPU of the server, and of all postgres processes (0 on SQLite)
  local pg=0 p
  if [[ $store == postgresql ]]; then
    for p in $(pgrep -u postgres postgres); do
      pg=$((pg + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
    done
  fi
  echo "$(awk '{print $14 + $15}' "/proc/$server/stat") $pg"
}
read -r server_before pg_before < <(ticks)
wrk -t1 -c16 -d10s -s bench/get.lua --latency "$url" > "$out/wrk.txt"
read -r server_after pg_after < <(ticks)
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
echo "$store_name:"
grep -E "Requests/sec|99%" "$out/wrk.txt"
awk -v n="$requests" -v hz="$(getconf CLK_TCK)" -v s0="$server_before" -v s1="$server_after" \
  -v p0="$pg_before" -v p1="$pg_after" 'BEGIN {
    printf "parley %.3f ms, postgres %.3f ms of CPU per request (%d requests)\n",
      (s1 - s0) * 1000 / hz / n, (p1 - p0) * 1000 / hz / n, n }'
