#!/usr/bin/env bash
# Webhook delivery benchmark: N conversations in parallel post messages with
# X-Twilio-Webhook-Enabled: true, each conversation with a scoped webhook to a receiver on
# 127.0.0.1 (bench/WebhookLoad.java, in the load generator's JVM); then a receiver outage builds a
# backlog that is timed as it drains. Checks that every event arrived (distinct idempotency tokens
# at the receiver vs. events and delivered rows in the store). Rewrites the store's webhook section
# of bench/RESULTS.md (keeping its notes). Run alone or from bench/run.sh.
# Usage: [BENCH_STORE=postgresql] bench/webhooks.sh  (about 1 min)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out/webhooks-$store
rm -rf "$out" && mkdir -p "$out"
conversations=${BENCH_HOOK_CONVERSATIONS:-256}
live=${BENCH_HOOK_MESSAGES:-40}
backlog=${BENCH_HOOK_BACKLOG:-60}
parley_port=${BENCH_HOOK_PORT:-$((port_base + 5))}
receiver_port=0
section=webhooks$section_suffix

[[ -n ${BENCH_BUILT:-} ]] || mvn -B -q -DskipTests -Dspotless.check.skip=true package
jar=target/parley.jar
port_free "$parley_port" BENCH_HOOK_PORT
store_fresh webhooks

echo "== webhook deliveries ($store): $conversations conversations x $live messages live, x $backlog after an outage"
# Retries capped at 0.5 s so the outage's backlog starts draining within 0.5 s of the receiver's
# return (the default cap, 10 minutes, would time the back-off instead of the engine). The receiver
# is on loopback, which webhooks may call only when allowed (docs/security.md).
./parley serve --host 127.0.0.1 --port "$parley_port" "${store_args[@]}" --account-sid "$account" \
  --auth-token "$token" --webhook-base-delay-ms 100 --webhook-max-delay-ms 500 --webhook-max-attempts 1000 \
  --webhook-allow-networks 127.0.0.0/8 \
  > "$out/parley.log" 2>&1 &
pid=$!
pids+=("$pid")
wait_for "http://127.0.0.1:$parley_port/" || { echo "Parley did not start: see $out/parley.log" >&2; exit 1; }
load_before=$(cut -d' ' -f1 /proc/loadavg)
began=$(date +%s)
read -r posted post_rate live_delivered live_rate lag_p50 lag_p99 lag_max backlog_posted backlog_delivered \
  drain_rate duplicates failed distinct live_cpu drain_cpu < <(
  java -cp "$jar" bench/WebhookLoad.java "http://127.0.0.1:$parley_port" "$account" "$token" "$receiver_port" \
    "$conversations" "$live" "$backlog" "$pid")
seconds=$(( $(date +%s) - began ))
load_after=$(cut -d' ' -f1 /proc/loadavg)
parley_cpu=$(ps -o times= -p "$pid" | tr -d ' ')
stop_last
events=$(sql "SELECT COUNT(*) FROM events WHERE type = 'onMessageAdded'")
delivered=$(sql "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'delivered'")
not_delivered=$(sql "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'delivered'")

# Parley's own CPU per delivery, which a shared machine does not change: what one core would do.
drain_per_core=$(awk -v n="$backlog_delivered" -v ms="$drain_cpu" 'BEGIN { printf "%.0f", (ms > 0) ? n * 1000 / ms : 0 }')
live_per_core=$(awk -v n="$live_delivered" -v ms="$live_cpu" 'BEGIN { printf "%.0f", (ms > 0) ? n * 1000 / ms : 0 }')
drain_cores=$(awk -v ms="$drain_cpu" -v n="$backlog_delivered" -v r="$drain_rate" 'BEGIN { printf "%.2f", (r > 0) ? ms / (n / r * 1000) : 0 }')
needed_cores=$(awk -v p="$drain_per_core" 'BEGIN { printf "%.2f", (p > 0) ? 5000 / p : 0 }')
drain_ok=$(awk -v r="$drain_rate" 'BEGIN { print (r >= 5000) ? "met" : "missed" }')
live_ok=$(awk -v r="$live_rate" 'BEGIN { print (r >= 5000) ? "met" : "missed" }')
# Issue 16 §3: live deliveries keep up with posts: every live message delivered, at 95 % of the
# posting rate or better (the delivery rate runs to the last delivery, so a backlog left behind
# when the posts end lowers it).
keep_up=$(awk -v d="$live_rate" -v p="$post_rate" 'BEGIN { printf "%.0f%%", (p > 0) ? 100 * d / p : 0 }')
keep_up_ok=$(awk -v d="$live_rate" -v p="$post_rate" -v n="$live_delivered" -v m="$posted" \
  'BEGIN { print (n >= m && d >= 0.95 * p) ? "met" : "missed" }')
lost_ok=$([ "$events" -eq "$distinct" ] && [ "$delivered" -eq "$events" ] && [ "$not_delivered" -eq 0 ] && echo met || echo missed)

# What a profile showed on the embedded store (hand-written, from a JFR run; PostgreSQL has no
# such analysis yet: its notes block below is the place for one).
why=""
[[ $store != sqlite ]] || why=$(cat <<'WHY'
Why the live rate is far below 5,000/s: a JFR profile of this load (`PARLEY_JAVA_OPTS=-XX:StartFlightRecording=…`)
puts about 40% of Parley's samples on the one SQLite writer thread, mostly in JDBI's per-statement
binding and mapping: a message with a webhook runs about a dozen statements there (the message, the
conversation's index, the event, the webhook lookups and the delivery), and that thread is serial.
The delivery engine costs far less per delivery (the drain's CPU above), so the ≥ 5,000
deliveries/s target is one for the engine: where the drain misses it, compare the cores Parley got
with the cores the target needs at its measured CPU cost. Raising the live rate means a cheaper
write path (batched statements, cached webhook settings), shared with `POST /v2/WebChats` (see
above).
WHY
)
# Before sections had markers this one ran to the end of the file: drop that form.
grep -q '<!-- webhooks:begin -->' "$results" 2>/dev/null || sed -i '/^## Webhook delivery/,$d' "$results" 2>/dev/null || true
cat > "$out/section.md" <<RESULTS
<!-- $section:begin -->
## Webhook delivery, $store_name (\`bench/webhooks.sh\`)

Measured on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, on $store_label; load average $load_before
before and $load_after after (the machine is shared with other engineers' builds; Parley got ${parley_cpu} s of CPU
in the ${seconds} s of the load).
$conversations conversations, each with a conversation-scoped webhook (\`onMessageAdded\`) to a receiver on
127.0.0.1 in the load generator's JVM (\`bench/WebhookLoad.java\`), which answers 200 at once. One client
per conversation posts its messages one after another with \`X-Twilio-Webhook-Enabled: true\`
(first 20 each as warm-up, not recorded).

| metric | value | target | |
|---|---|---|---|
| backlog drain: deliveries/s once the receiver is back after an outage ($backlog_posted queued) | $drain_rate | ≥ 5,000 | $drain_ok |
| live: messages posted/s by $conversations parallel clients, and deliveries/s ($posted messages) | $post_rate / $live_rate | ≥ 5,000 deliveries/s | $live_ok |
| live: deliveries keep up with posts (deliveries/s as a share of posts/s, to the last delivery; $live_delivered of $posted delivered) | $keep_up | ≥ 95 %, all delivered | $keep_up_ok |
| Parley CPU time per phase, drain / live (ms); deliveries (live: messages and their deliveries) per Parley CPU-second | $drain_cpu / $live_cpu; $drain_per_core / $live_per_core | | |
| cores Parley got during the drain (its CPU time / drain time), and cores 5,000/s needs at its rate per CPU-second | $drain_cores / $needed_cores | | |
| live delivery lag, message \`DateCreated\` to arrival, p50 / p99 / max (ms) | $lag_p50 / $lag_p99 / $lag_max | | |
| \`onMessageAdded\` events / distinct idempotency tokens received / deliveries \`delivered\` in the store (all phases) | $events / $distinct / $delivered | none lost | $lost_ok |
| deliveries not \`delivered\` at the end; repeated tokens (at-least-once redeliveries); failed posts | $not_delivered; $duplicates; $failed | 0 | |

Each delivery is signed (HMAC-SHA1), sent over a kept-alive connection (at most 64 in flight per
receiver origin), and its outcome and attempt row are saved in a group commit before its
conversation's next event may go. The drain is the engine alone (read pending rows, sign, call,
save). Where deliveries keep up with the messages (the row above, and the lag), the delivery rate
is the rate at which Parley accepts messages, and its CPU covers both: accepting a message (HTTP,
authentication, the message, event and delivery rows in one durable transaction) costs more than
delivering it. On this shared machine the rates follow the CPU Parley gets (load average above);
deliveries per Parley CPU-second do not.

$why

$(section_notes "$section")
<!-- $section:end -->
RESULTS
section_write "$section" "$out/section.md"
section_print "$section"
