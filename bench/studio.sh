#!/usr/bin/env bash
# Studio flow engine benchmark (issue 17 §4): executions started per second and steps per second
# through the REST trigger (POST /v2/Flows/{FW}/Executions, a new contact each), and the latency a
# flow adds to a visitor's message: a visitor's POST /v1/Conversations/{CH}/Messages in a web chat
# whose flow answers every message (the reply is written in the message's own transaction, so the
# POST returns once the reply is stored and sent to the realtime and webhook queues) against the
# same POST in a web chat with no flow, alternated request by request. Closed-loop clients (bench/StudioLoad.java), a warm-up that
# is not recorded, then the measured seconds. Checks the store: every execution took its steps and
# every visitor message got its reply. Rewrites the store's studio section of bench/RESULTS.md
# (keeping its notes).
# Usage: [BENCH_STORE=postgresql] bench/studio.sh  (about 2.5 minutes)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out/studio-$store
rm -rf "$out" && mkdir -p "$out"
seconds=${BENCH_STUDIO_SECONDS:-10}
latency_seconds=${BENCH_STUDIO_LATENCY_SECONDS:-20}
warmup=${BENCH_STUDIO_WARMUP:-3}
clients=${BENCH_STUDIO_CLIENTS:-16}
chain=${BENCH_STUDIO_CHAIN:-20}
parley_port=${BENCH_STUDIO_PORT:-$((port_base + 13))}
section=studio$section_suffix

[[ -n ${BENCH_BUILT:-} ]] || { mvn -B -q -DskipTests -Dspotless.check.skip=true package; ./parley --version > /dev/null; }
jar=target/parley.jar
port_free "$parley_port" BENCH_STUDIO_PORT
store_fresh studio
./parley serve --host 127.0.0.1 --port "$parley_port" "${store_args[@]}" --account-sid "$account" \
  --auth-token "$token" > "$out/parley.log" 2>&1 &
pid=$!
pids+=("$pid")
base="http://127.0.0.1:$parley_port"
wait_for "$base/" || { echo "Parley did not start: see $out/parley.log" >&2; exit 1; }

api() { curl -sf -u "$account:$token" "$@"; }
field() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p"; }
flow() { # name definition → FW…
  api "$base/v2/Flows" --data-urlencode "FriendlyName=$1" --data-urlencode "Status=published" \
    --data-urlencode "Definition=$2" | field sid
}

# One set-variables step after the trigger: the cost of starting and ending an execution.
short=$(flow "Short" '{"initial_state": "Trigger", "states": [
  {"name": "Trigger", "type": "trigger", "properties": {}, "transitions": [{"event": "incomingRequest", "next": "set"}]},
  {"name": "set", "type": "set-variables", "properties": {"variables": [{"key": "seen", "value": "{{trigger.request.to}}"}]},
   "transitions": [{"event": "next"}]}]}')
# $chain set-variables widgets in a row, each rendering a template: the cost of a step.
states='{"name": "Trigger", "type": "trigger", "properties": {}, "transitions": [{"event": "incomingRequest", "next": "v1"}]}'
for i in $(seq 1 "$chain"); do
  next=$([[ $i -lt $chain ]] && echo ", \"next\": \"v$((i + 1))\"" || true)
  states+=", {\"name\": \"v$i\", \"type\": \"set-variables\", \"properties\": {\"variables\": [{\"key\": \"v$i\", \"value\": \"{{flow.variables.v$((i - 1))}}$i\"}]}, \"transitions\": [{\"event\": \"next\"$next}]}"
done
long=$(flow "Long" "{\"initial_state\": \"Trigger\", \"states\": [$states]}")
# Answers every visitor message and waits for the next (the widget loops on itself).
echo_flow=$(flow "Echo" '{"initial_state": "Trigger", "states": [
  {"name": "Trigger", "type": "trigger", "properties": {}, "transitions": [{"event": "incomingConversationMessage", "next": "ask"}]},
  {"name": "ask", "type": "send-and-wait-for-reply", "properties": {"body": "Got it: {{widgets.ask.inbound.Body | default: trigger.conversation.Body}}", "from": "Bot"},
   "transitions": [{"event": "incomingMessage", "next": "ask"}, {"event": "timeout"}]}]}')
[[ -n $short && -n $long && -n $echo_flow ]] || { echo "a flow was not created: see $out/parley.log" >&2; exit 1; }

# Web chats: $clients on an address running the echo flow, $clients on the default (no flow).
studio_address=$(api "$base/v1/Configuration/Addresses" -d Type=chat -d Address=urn:parley:bench-studio \
  -d AutoCreation.Enabled=true -d AutoCreation.Type=studio -d "AutoCreation.StudioFlowSid=$echo_flow" | field sid)
plain_address=$(api "$base/v1/Configuration/Addresses?Type=chat" | sed -n 's/.*"sid":"\(IG[0-9a-f]\{32\}\)".*/\1/p' | head -1)
chats() { # address file
  : > "$2"
  for _ in $(seq 1 "$clients"); do
    api "$base/v2/WebChats" -d "AddressSid=$1" -d ChatFriendlyName=Bench -d CustomerFriendlyName=Visitor \
      | tr -d ' ' | sed -n 's/.*"conversation_sid":"\([^"]*\)".*"identity":"\([^"]*\)".*/\1 \2/p; s/.*"identity":"\([^"]*\)".*"conversation_sid":"\([^"]*\)".*/\2 \1/p' | awk 1 >> "$2"
  done
  [[ $(wc -l < "$2") -eq $clients ]] || { echo "web chats were not created on $1" >&2; exit 1; }
}
chats "$studio_address" "$out/flow-chats.txt"
chats "$plain_address" "$out/plain-chats.txt"
# Each line a pair: a chat without a flow, then one with; a client alternates between the two.
paste -d' ' "$out/plain-chats.txt" "$out/flow-chats.txt" > "$out/pairs.txt"
head -1 "$out/pairs.txt" > "$out/pair-1.txt"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
began=$(date +%s)
run() { java -cp "$jar" bench/StudioLoad.java "$@"; }
echo "== Studio ($store): executions, $clients clients, ${warmup} s warm-up + ${seconds} s each"
read -r short_ok short_bad short_rate short_p50 short_p99 short_max _ < <(run executions "$base" "$account" "$token" "$short" "$clients" "$warmup" "$seconds")
read -r long_ok long_bad long_rate long_p50 long_p99 long_max _ < <(run executions "$base" "$account" "$token" "$long" "$clients" "$warmup" "$seconds")
echo "== Studio ($store): a visitor's message, alternately without and with a flow, 1 and $clients clients"
# Request by request, alternately without and with the flow: drift of a shared machine weighs on
# both alike.
run paired "$base" "$account" "$token" "$out/pair-1.txt" "$warmup" "$latency_seconds" > "$out/paired-1.txt"
run paired "$base" "$account" "$token" "$out/pairs.txt" "$warmup" "$latency_seconds" > "$out/paired-n.txt"
read -r plain1_ok plain1_bad plain1_rate plain1_p50 plain1_p99 plain1_max _ < <(sed -n 1p "$out/paired-1.txt")
read -r flow1_ok flow1_bad flow1_rate flow1_p50 flow1_p99 flow1_max _ < <(sed -n 2p "$out/paired-1.txt")
read -r plainN_ok plainN_bad plainN_rate plainN_p50 plainN_p99 plainN_max _ < <(sed -n 1p "$out/paired-n.txt")
read -r flowN_ok flowN_bad flowN_rate flowN_p50 flowN_p99 flowN_max _ < <(sed -n 2p "$out/paired-n.txt")
elapsed=$(( $(date +%s) - began ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
parley_cpu=$(ps -o times= -p "$pid" | tr -d ' ')
stop_last

steps_per=$(( chain + 1 ))
# The store after shutdown: executions and steps per flow, visitor messages and flow replies.
read -r short_execs short_steps < <(sql "SELECT COUNT(DISTINCT e.sid), COUNT(s.sid) FROM studio_executions e LEFT JOIN studio_steps s ON s.execution_sid = e.sid WHERE e.flow_sid = '$short'" | tr '|' ' ')
read -r long_execs long_steps < <(sql "SELECT COUNT(DISTINCT e.sid), COUNT(s.sid) FROM studio_executions e LEFT JOIN studio_steps s ON s.execution_sid = e.sid WHERE e.flow_sid = '$long'" | tr '|' ' ')
long_ended=$(sql "SELECT COUNT(*) FROM studio_executions WHERE flow_sid = '$long' AND status = 'ended'")
flow_sids=$(cut -d' ' -f1 "$out/flow-chats.txt" | sed "s/.*/'&'/" | paste -sd,)
visitor_msgs=$(sql "SELECT COUNT(*) FROM messages WHERE conversation_sid IN ($flow_sids) AND author <> 'Bot'")
bot_msgs=$(sql "SELECT COUNT(*) FROM messages WHERE conversation_sid IN ($flow_sids) AND author = 'Bot'")
steps_ok=$([[ $long_steps -eq $((long_execs * steps_per)) && $long_ended -eq $long_execs && $short_steps -eq $((short_execs * 2)) ]] && echo met || echo missed)
replies_ok=$([[ $visitor_msgs -eq $bot_msgs ]] && echo met || echo missed)
step_rate=$(awk -v r="$long_rate" -v n="$steps_per" 'BEGIN { printf "%.0f", r * n }')
short_step_rate=$(awk -v r="$short_rate" 'BEGIN { printf "%.0f", r * 2 }')
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", a - b }'; }

cat > "$out/section.md" <<RESULTS
<!-- $section:begin -->
## Studio flows, $store_name (\`bench/studio.sh\`)

Measured on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, on $store_label; load average
(1, 5, 15 min) $load_before before and $load_after after: the machine is shared with other
engineers' builds, so rates move with the CPU Parley gets (${parley_cpu} s of CPU in the ${elapsed} s of load).
Closed-loop clients on 127.0.0.1 (\`bench/StudioLoad.java\`, java.net.http, one thread each),
${warmup} s of warm-up not recorded, then ${seconds} s measured per executions row and ${latency_seconds} s per
message row. In the message rows each client alternates request by request between a web chat
without a flow and one whose flow answers every message, so both meet the same machine.

| metric | value | |
|---|---|---|
| executions started/s, REST trigger (\`POST /v2/Flows/{FW}/Executions\`, a new \`To\` each), flow of 2 steps (trigger, set-variables), $clients clients; p50 / p99 / max (ms) | $short_rate ($short_step_rate steps/s); $short_p50 / $short_p99 / $short_max | |
| executions/s and **steps/s**, flow of $steps_per steps (trigger, $chain set-variables each rendering a template), $clients clients; p50 / p99 / max (ms) | $long_rate and **$step_rate steps/s**; $long_p50 / $long_p99 / $long_max | |
| a visitor's message, 1 client (a pair of chats): no flow / a flow that answers it, p50 (ms) | $plain1_p50 / $flow1_p50 (added $(added "$flow1_p50" "$plain1_p50")) | |
| the same, p99 (ms); messages/s | $plain1_p99 / $flow1_p99 (added $(added "$flow1_p99" "$plain1_p99")); $plain1_rate / $flow1_rate | |
| a visitor's message, $clients clients ($clients pairs): no flow / with the flow, p50 (ms) | $plainN_p50 / $flowN_p50 (added $(added "$flowN_p50" "$plainN_p50")) | |
| the same, p99 (ms); messages/s | $plainN_p99 / $flowN_p99 (added $(added "$flowN_p99" "$plainN_p99")); $plainN_rate / $flowN_rate | |
| store after shutdown: executions / steps of the 2-step flow; of the $steps_per-step flow (ended) | $short_execs / $short_steps; $long_execs / $long_steps ($long_ended) | $steps_ok |
| visitor messages / flow replies in the flow's chats (all phases, warm-up included) | $visitor_msgs / $bot_msgs | $replies_ok |
| failed or non-2xx answers (executions short, long; messages 1 client plain, flow; $clients clients plain, flow) | $short_bad, $long_bad; $plain1_bad, $flow1_bad; $plainN_bad, $flowN_bad | |

A flow's reply is written in the visitor's message's own transaction (docs/studio.md,
"Durability"): when the POST returns, the reply is stored and queued for the realtime clients and
webhooks like any message, so the POST's latency with the flow, minus the same POST without one,
is the latency the flow adds before the visitor's widget can be told of the reply. Both chats are
web chats of the same account; the flow's chats also carry a studio webhook, and each message
runs the engine (claim the wait, one step, render and post the reply, wait again).

$(section_notes "$section")
<!-- $section:end -->
RESULTS
section_write "$section" "$out/section.md"
section_print "$section"
