#!/usr/bin/env bash
# CPU per request by server thread (user + system from /proc/<pid>/task), which hardly depends on
# how much of a shared machine the server gets: a quick check of a change to the write path without
# the full bench/run.sh. BENCH_CPU_PATH picks the request: webchat (POST /v2/WebChats, the
# default), message (POST /v1/Conversations/{sid}/Messages round-robin over 64 web chats'
# conversations) or webhook (the same post with a conversation webhook to a hello-world receiver
# and X-Twilio-Webhook-Enabled: true, so the CPU includes the deliveries). BENCH_STORE picks the
# store (bench/lib.sh); JFR=1 also records a profile (bench/out/webchat-cpu/rec.jfr, without
# Jdbi's per-statement event; JFR_PERIOD=1ms samples stacks every millisecond instead of 10);
# PARLEY_JAVA_OPTS reaches the server (an A/B of JVM options).
# BENCH_CPU_WARMUP and BENCH_CPU_SECONDS set the warm-up and measured seconds (5 and 10);
# BENCH_CPU_ADDRESS=plain starts the web chats on a chat address with no flow (A/B against the
# default address's Webchat Flow). BENCH_CPU_SERVER=ceiling measures the bare ceiling
# (bench/Ceiling.java) the same way instead, web chats only. On PostgreSQL the CPU of the
# database's backends is given too.
# Usage: [BENCH_CPU_PATH=message] bench/webchat-cpu.sh  (about 30 s)
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
# JFR_PERIOD (e.g. 1ms) samples Java stacks more often than profile.jfc's 10 ms: one thread's
# share of a short run is otherwise a hundred samples or so.
[[ -z ${JFR_PERIOD:-} ]] || sed -i "s|\(method-sampling-java-interval\">\)[^<]*|\1$JFR_PERIOD|" "$out/profile.jfc"
store_fresh webchat-cpu
if [[ ${BENCH_CPU_SERVER:-parley} == ceiling ]]; then
  # The bare ceiling (bench/Ceiling.java) on the same store: its CPU per web chat, and its
  # database's, the floor for Parley's.
  if [[ $store == sqlite ]]; then url="jdbc:sqlite:$store_data/parley.db"
  else url="jdbc:postgresql://$pg_host:$pg_port/$store_db?user=postgres&reWriteBatchedInserts=true"; fi
  mkdir -p "$store_data"
  java -cp target/parley.jar bench/Ceiling.java "$port" "$url" > "$out/ceiling.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/"
  server=$(pgrep -f "bench/Ceiling.java $port " | head -1)
  webchat_body="AddressSid=IG00000000000000000000000000000000&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D"
  basic_auth="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
else
  # The webhook path's receiver is on loopback, which webhooks may call only when allowed.
  [[ ${BENCH_CPU_PATH:-} == webhook ]] && export PARLEY_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8
  PARLEY_JAVA_OPTS="${JFR:+-XX:StartFlightRecording=filename=$out/rec.jfr,settings=$out/profile.jfc,dumponexit=true} ${PARLEY_JAVA_OPTS:-}" \
    ./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" --account-sid "$account" \
    --auth-token "$token" > "$out/parley.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/"
  server=$(pgrep -f "parley.jar serve --host 127.0.0.1 --port $port" | head -1)
  webchat_request "$port"
fi
path=${BENCH_CPU_PATH:-webchat}
if [[ ${BENCH_CPU_ADDRESS:-} == plain ]]; then
  # A/B against the default chat address (its Webchat Flow): a chat address with no flow.
  plain=$(curl -sf -H "Authorization: $basic_auth" "http://127.0.0.1:$port/v1/Configuration/Addresses" \
    -d Type=chat -d Address=urn:bench:plain -d AutoCreation.Enabled=true -d AutoCreation.Type=default \
    | sed -n 's/.*"sid": *"\(IG[0-9a-f]\{32\}\)".*/\1/p')
  webchat_body=$(sed "s/AddressSid=IG[0-9a-f]*/AddressSid=$plain/" <<< "$webchat_body")
fi
export BENCH_AUTH=$basic_auth
if [[ $path == webchat ]]; then
  export BENCH_BODY=$webchat_body
  url="http://127.0.0.1:$port/v2/WebChats" script=bench/post.lua
else
  # The receiver of the webhook path: answers 200 to every delivery at once.
  receiver=$((port_base + 9))
  port_free "$receiver" BENCH_PORT_BASE
  java -cp target/parley.jar bench/HelloWorld.java "$receiver" > "$out/receiver.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$receiver/"
  list=()
  for ((i = 0; i < 64; i++)); do
    sid=$(curl -sf -H "Authorization: $basic_auth" -H "Ui-Version: bench" "http://127.0.0.1:$port/v2/WebChats" \
      -d "$webchat_body" | sed -n 's/.*"conversation_sid": *"\(CH[0-9a-f]\{32\}\)".*/\1/p')
    if [[ $path == webhook ]]; then
      curl -sf -o /dev/null -H "Authorization: $basic_auth" "http://127.0.0.1:$port/v1/Conversations/$sid/Webhooks" \
        --data-urlencode Target=webhook --data-urlencode Configuration.Method=POST \
        --data-urlencode Configuration.Filters=onMessageAdded \
        --data-urlencode "Configuration.Url=http://127.0.0.1:$receiver/hook"
    fi
    list+=("/v1/Conversations/$sid/Messages")
  done
  export BENCH_BODY="Body=Hello+from+the+bench&Author=visitor" BENCH_PATHS="${list[*]}"
  [[ $path == webhook ]] && export BENCH_WEBHOOK=true
  url="http://127.0.0.1:$port/" script=bench/messages.lua
fi
wrk -t1 -c64 -d"${BENCH_CPU_WARMUP:-5}s" -s "$script" "$url" > /dev/null # warm-up
ticks() { # → thread name and clock ticks of CPU, summed over the threads of that name
  # Fields counted after the name's closing parenthesis: a name may hold spaces ("C2 CompilerThre",
  # "VM Thread"), which shift awk's fields of the whole line; the name's spaces become "_".
  for t in /proc/"$server"/task/*; do
    printf '%s\t%s\n' "$(tr ' ' _ < "$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done | awk -F '\t' '{a[$1] += $2} END {for (k in a) print k "\t" a[k]}' | sort
}
# On PostgreSQL, the CPU of the backends serving this run's database too (the database's own share
# of the work per request: parse, plan, executor, index and WAL inserts; the shared WAL writer and
# checkpointer, which other databases on the server use too, are left out).
# A backend counts when it serves the database before and after the run (join keeps those).
backends() { # → "postgres-backend:PID" and its clock ticks, per backend of this database
  [[ $store == postgresql ]] || return 0
  local p
  for p in $(pg -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$store_db'"); do
    printf 'postgres-backend:%s\t%s\n' "$p" "$(awk '{print $14 + $15}' "/proc/$p/stat" 2> /dev/null || echo 0)"
  done
}
{ ticks; backends; } | sort > "$out/before"
wrk -t1 -c64 -d"${BENCH_CPU_SECONDS:-10}s" -s "$script" --latency "$url" > "$out/wrk.txt"
{ ticks; backends; } | sort > "$out/after"
creates=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
hz=$(getconf CLK_TCK)
echo "$store_name, $path:"
grep -E "Requests/sec|99%" "$out/wrk.txt"
join -t $'\t' "$out/before" "$out/after" | awk -F '\t' -v n="$creates" -v hz="$hz" '
  $1 ~ /^postgres-backend:/ { pg += ($3 - $2) * 1000 / hz / n; next }
  { ms = ($3 - $2) * 1000 / hz / n; total += ms; if (ms > 0.005) printf "%s %.3f ms/request\n", $1, ms }
  END { printf "total %.3f ms of server CPU per request (%d requests)\n", total, n
    if (pg != "") printf "postgres backends of the run'"'"'s database %.3f ms of CPU per request\n", pg }'
