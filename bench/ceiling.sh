#!/usr/bin/env bash
# Parley against the bare ceiling of its store (issue 16 §1), measured alternately in one run: a
# minimal server writing the same rows with group commit and the same durability
# (bench/Ceiling.java), then Parley, then Parley, then the ceiling… (the order flips each round so
# drift of a shared machine weighs on both alike), each on a fresh store, with the same wrk load on
# each path: POST /v2/WebChats, POST /v1/Conversations/{sid}/Messages (round-robin over
# BENCH_CEILING_CONVERSATIONS conversations) and the same post with a conversation webhook and
# X-Twilio-Webhook-Enabled: true (Parley delivers to a hello-world receiver on 127.0.0.1; the
# ceiling writes the delivery row). Reports the median req/s of the rounds per path and server,
# Parley's share of the ceiling and of hello-world, and rewrites the ceiling section of
# bench/RESULTS.md for the store. Runs on its own or from bench/run.sh.
# Usage: [BENCH_STORE=postgresql] bench/ceiling.sh  (rounds × 2 × paths × (warm-up + seconds):
# about 8 minutes per store with the defaults)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out/ceiling-$store
rm -rf "$out" && mkdir -p "$out"
rounds=${BENCH_CEILING_ROUNDS:-3}
seconds=${BENCH_CEILING_SECONDS:-8}
# Parley restarts each round: on two cores its JIT (C2) takes 15-20 s of load to settle, and a
# shorter warm-up measures the compiler, not the server (the ceiling, a few classes, settles at once).
warmup=${BENCH_CEILING_WARMUP:-15}
connections=${BENCH_CEILING_CONNECTIONS:-64}
conversations=${BENCH_CEILING_CONVERSATIONS:-64}
read -r -a paths <<< "${BENCH_CEILING_PATHS:-webchat message webhook}"
ceiling_port=$((port_base + 10))
parley_port=$((port_base + 11))
hello_port=$((port_base + 12))
section=ceiling$section_suffix

need wrk wrk
[[ -n ${BENCH_BUILT:-} ]] || { mvn -B -q -DskipTests -Dspotless.check.skip=true package; ./parley --version > /dev/null; }
jar=target/parley.jar
port_free "$ceiling_port" BENCH_PORT_BASE
port_free "$parley_port" BENCH_PORT_BASE
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hello=$(hello_rps "$hello_port" "$seconds" "$jar")
# The webhook receiver: the hello-world server answers 200 to every delivery at once.
port_free "$hello_port" BENCH_PORT_BASE
java -cp "$jar" bench/HelloWorld.java "$hello_port" > "$out/receiver.log" 2>&1 &
pids+=($!)
receiver_pid=$!
wait_for "http://127.0.0.1:$hello_port/"
hook="http://127.0.0.1:$hello_port/hook"
basic_auth="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
message_body="Body=Hello+from+the+bench&Author=visitor"

start() { # server (ceiling | parley) → starts it on a fresh store; sets base
  store_fresh "ceiling-$1"
  wait_port_free "$ceiling_port"
  wait_port_free "$parley_port"
  if [[ $1 == ceiling ]]; then
    local url
    mkdir -p "$store_data"
    if [[ $store == sqlite ]]; then url="jdbc:sqlite:$store_data/parley.db"
    else url="jdbc:postgresql://$pg_host:$pg_port/$store_db?user=postgres&reWriteBatchedInserts=true"; fi
    java -cp "$jar" bench/Ceiling.java "$ceiling_port" "$url" >> "$out/ceiling.log" 2>&1 &
    base="http://127.0.0.1:$ceiling_port"
  else
    # The webhook receiver is on loopback, which webhooks may call only when allowed
    # (docs/security.md): refused, the webhook path's conversations would have no webhook.
    ./parley serve --host 127.0.0.1 --port "$parley_port" "${store_args[@]}" --account-sid "$account" \
      --auth-token "$token" --webhook-allow-networks 127.0.0.0/8 >> "$out/parley.log" 2>&1 &
    base="http://127.0.0.1:$parley_port"
  fi
  pids+=($!)
  wait_for "$base/"
  # The answer was this server's, not another's on the port: it is still running.
  sleep 0.5
  kill -0 "${pids[-1]}" 2> /dev/null || { echo "$1 did not start: see $out/$1.log" >&2; exit 1; }
}

# The web chat create body: Parley's default chat address (the ceiling ignores it).
webchat_body_for() { # server
  if [[ $1 == parley ]]; then webchat_request "$parley_port"; else
    webchat_body="AddressSid=IG00000000000000000000000000000000&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D"
  fi
}

conversation_paths() { # server webhook(true|false) → the Messages paths of new conversations
  local i sid list=()
  for ((i = 0; i < conversations; i++)); do
    sid=$(curl -sf -H "Authorization: $basic_auth" -H "Ui-Version: bench" "$base/v2/WebChats" -d "$webchat_body" \
      | sed -n 's/.*"conversation_sid": *"\(CH[0-9a-f]\{32\}\)".*/\1/p')
    [[ -n $sid ]] || { echo "could not create a web chat on $1: see $out/$1.log" >&2; exit 1; }
    if [[ $2 == true && $1 == parley ]]; then
      curl -sf -o /dev/null -H "Authorization: $basic_auth" "$base/v1/Conversations/$sid/Webhooks" \
        --data-urlencode Target=webhook --data-urlencode Configuration.Method=POST \
        --data-urlencode Configuration.Filters=onMessageAdded --data-urlencode "Configuration.Url=$hook" \
        || { echo "could not add a webhook on $1: see $out/$1.log" >&2; exit 1; }
    fi
    list+=("/v1/Conversations/$sid/Messages")
  done
  echo "${list[*]}"
}

acknowledged=0
load() { # server path round → wrk's req/s into $out/<server>-<path>-<round>.txt
  local url script body webhook=false list=""
  case $2 in
    webchat) url="$base/v2/WebChats" script=bench/post.lua body=$webchat_body ;;
    message | webhook)
      [[ $2 == webhook ]] && webhook=true
      list=$(conversation_paths "$1" "$webhook")
      [[ -n $list ]] || exit 1
      url="$base/" script=bench/messages.lua body=$message_body ;;
  esac
  BENCH_BODY="$body" BENCH_AUTH="$basic_auth" BENCH_PATHS="$list" BENCH_WEBHOOK=$webhook \
    wrk -t1 -c"$connections" -d"${warmup}s" -s "$script" "$url" > "$out/$1-$2-$3-warmup.txt"
  BENCH_BODY="$body" BENCH_AUTH="$basic_auth" BENCH_PATHS="$list" BENCH_WEBHOOK=$webhook \
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$script" "$url" > "$out/$1-$2-$3.txt"
  local f bad total
  for f in "$out/$1-$2-$3-warmup.txt" "$out/$1-$2-$3.txt"; do
    read -r _ _ _ bad total < <(wrk_field "$f")
    acknowledged=$((acknowledged + total - bad))
    failures[$1]=$((${failures[$1]:-0} + bad))
  done
}

declare -A rps failures stored acked
run_server() { # server round
  echo "== ceiling ($store): $1, round $2"
  start "$1"
  webchat_body_for "$1"
  acknowledged=0
  local path
  for path in "${paths[@]}"; do
    load "$1" "$path" "$2"
    rps[$1-$path]+="$(awk '/Requests\/sec/ {print $2}' "$out/$1-$path-$2.txt") "
  done
  stop_last
  # After shutdown: every acknowledged write (web chats and messages) is in the store.
  stored[$1]=$(( ${stored[$1]:-0} + $(sql "SELECT (SELECT COUNT(*) FROM conversations) + (SELECT COUNT(*) FROM messages)") ))
  acked[$1]=$(( ${acked[$1]:-0} + acknowledged ))
}
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then order=(ceiling parley); else order=(parley ceiling); fi
  for server in "${order[@]}"; do run_server "$server" "$round"; done
done
kill "$receiver_pid" 2>/dev/null || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rows=""
for path in "${paths[@]}"; do
  c=$(median <<< "${rps[ceiling-$path]}")
  p=$(median <<< "${rps[parley-$path]}")
  share=$(awk -v a="$p" -v b="$c" 'BEGIN { printf "%.1f", 100*a/b }')
  hello_share=$(awk -v a="$p" -v b="$hello" 'BEGIN { printf "%.1f%%", 100*a/b }')
  ceiling_hello=$(awk -v a="$c" -v b="$hello" 'BEGIN { printf "%.1f%%", 100*a/b }')
  case $path in
    webchat) name='`POST /v2/WebChats`'
      if [[ $store == postgresql ]]; then target=50; else target=""; fi ;;
    message) name='`POST …/Messages`'; target=70 ;;
    webhook) name='`POST …/Messages` with a webhook'; target=70 ;;
  esac
  if [[ -n $target ]]; then
    met=$(awk -v s="$share" -v t="$target" 'BEGIN { print (s >= t) ? "met" : "missed" }')
    target_text="≥ $target %"
  else
    met="" target_text="none (≥ 5 % of hello-world, above)"
  fi
  rows+="| $name | $c (${rps[ceiling-$path]% }) | $p (${rps[parley-$path]% }) | **$share %** | $target_text | $met | $hello_share / $ceiling_hello |"$'\n'
done
durable=$([[ ${stored[ceiling]} -ge ${acked[ceiling]} && ${stored[parley]} -ge ${acked[parley]} ]] && echo met || echo missed)

cat > "$out/section.md" <<SECTION
<!-- $section:begin -->
## Against the bare ceiling, $store_name (\`bench/ceiling.sh\`)

Measured on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $load_before before and $load_after
after (the machine is shared: the shares, measured in one run, are the figures to compare), on $store_label.
The ceiling (\`bench/Ceiling.java\`) writes the rows Parley writes, with the same durability and
nothing else: per web chat a user, a conversation, a participant, an event and the studio webhook of
the default chat address's Webchat Flow; per message the
message, the conversation's last index and an event (and a webhook delivery row with the webhook),
group-committed by one writer thread (all waiting requests in one transaction, one batch per table,
one commit and fsync; ${store_name}: $([[ $store == sqlite ]] && echo 'WAL, `synchronous=FULL`' || echo '`synchronous_commit=on`, batched inserts')), answering after the commit.
$rounds rounds, the order of the two servers flipped each round, each on a fresh store; per path
wrk -t1 -c$connections, ${warmup} s warm-up then ${seconds} s measured; messages round-robin over
$conversations conversations made for the path. Figures: median req/s of the rounds (each round's in
brackets); share = Parley / ceiling.

| path | ceiling req/s | Parley req/s | share of ceiling | target | | Parley / ceiling as share of hello-world ($hello req/s) |
|---|---|---|---|---|---|---|
${rows%$'\n'}

Acknowledged writes (2xx web chats and messages, warm-ups included) against conversations + messages
in the store after shutdown, all rounds: ceiling ${acked[ceiling]} / ${stored[ceiling]}, Parley ${acked[parley]} / ${stored[parley]} (none lost: $durable).
Non-2xx answers: ceiling ${failures[ceiling]:-0}, Parley ${failures[parley]:-0}. With the webhook, Parley also
delivers each event to the receiver and saves the outcome (further commits); the ceiling writes only
the pending delivery row, the part a post must commit before its answer.

$(section_notes "$section")
<!-- $section:end -->
SECTION
section_write "$section" "$out/section.md"
section_print "$section"
