#!/usr/bin/env bash
# Message page fetch at any depth of a 1,000,000-message conversation (issue 7: p99 < 5 ms, flat
# with depth). Creates one conversation through the REST API, stops Parley, fills the conversation
# with SQL straight into the store (a recursive CTE on SQLite, generate_series on PostgreSQL; the
# messages and the conversation's last_message_index are all REST paging reads), starts Parley
# again and loads GET /v1/Conversations/{sid}/Messages?PageSize=50 with wrk at several depths: the
# first page, the pages PageToken reaches at 10/50/90/100 % and the newest page (Order=desc, what a
# chat window opens). Rewrites the paging section of bench/RESULTS.md for the store. Runs on its
# own or from bench/run.sh. Usage: [BENCH_STORE=postgresql] bench/paging.sh  (about a minute)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out/paging-$store
rm -rf "$out" && mkdir -p "$out"
messages=${BENCH_PAGING_MESSAGES:-1000000}
seconds=${BENCH_PAGING_SECONDS:-5}
connections=${BENCH_PAGING_CONNECTIONS:-4}
size=50
port=$((port_base + 6))
hello_port=$((port_base + 7))
section=paging$section_suffix

need wrk wrk
[[ -n ${BENCH_BUILT:-} ]] || mvn -B -q -DskipTests -Dspotless.check.skip=true package
jar=target/parley.jar
port_free "$port" BENCH_PORT_BASE
(( messages >= 2 * size )) || { echo "BENCH_PAGING_MESSAGES must be at least $((2 * size))" >&2; exit 2; }
hello=$(hello_rps "$hello_port" "$seconds" "$jar")

base="http://127.0.0.1:$port"
store_fresh paging
start_parley() {
  ./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" --account-sid "$account" \
    --auth-token "$token" >> "$out/parley.log" 2>&1 &
  pids+=($!)
  wait_for "$base/"
}
start_parley
conversation=$(curl -sf -u "$account:$token" "$base/v1/Conversations" -d FriendlyName=Paging \
  | sed -n 's/.*"sid": *"\(CH[0-9a-f]\{32\}\)".*/\1/p')
[[ -n $conversation ]] || { echo "could not create a conversation: see $out/parley.log" >&2; exit 1; }
stop_last

echo "== paging ($store): filling $conversation with $messages messages"
# SQL differences between the engines: a 32-hex-digit SID tail, a series 0..n-1.
if [[ $store == sqlite ]]; then
  hex() { echo "printf('%032x', $1)"; }
  series="(WITH RECURSIVE x(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM x WHERE n < $((messages - 1))) SELECT n FROM x) AS s"
else
  hex() { echo "lpad(to_hex($1), 32, '0')"; }
  series="generate_series(0, $((messages - 1))) AS s(n)"
fi
began=$(date +%s%N)
# Seeded SIDs start with zeros, so they cannot meet the time-ordered ones Parley makes.
sql <<SQL
BEGIN;
INSERT INTO messages (sid, account_sid, service_sid, conversation_sid, idx, author, body, attributes,
                      date_created, date_updated)
  SELECT 'IM' || $(hex n), c.account_sid, c.service_sid, c.sid, n, 'bench-author',
         'Message ' || n || ' of the paging benchmark', '{}',
         c.date_created + n, c.date_created + n
  FROM $series CROSS JOIN conversations c WHERE c.sid = '$conversation';
UPDATE conversations SET last_message_index = $((messages - 1)), date_updated = date_created + $messages
  WHERE sid = '$conversation';
COMMIT;
ANALYZE;
SQL
fill_ms=$(( ($(date +%s%N) - began) / 1000000 ))
stored=$(sql "SELECT COUNT(*) FROM messages WHERE conversation_sid = '$conversation'")
[[ $stored == "$messages" ]] || { echo "the store holds $stored messages, not $messages" >&2; exit 1; }
start_parley

auth="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
list="$base/v1/Conversations/$conversation/Messages?PageSize=$size"
# The server's PageToken (http/Paging.java): "P" + unpadded base64url of "A<key>_<tie>", the keyset
# cursor (store/Cursor.java) of the row the page starts after; for messages both are the index.
page_token() { printf 'P%s' "$(printf 'A%d_%d' "$1" "$1" | base64 -w0 | tr '+/' '-_' | tr -d '=')"; }
first_index() { # url → index of the first message on that page, and how many it holds
  curl -sf -u "$account:$token" "$1" > "$out/page.json"
  echo "$(grep -o '"index": *[0-9]*' "$out/page.json" | head -1 | grep -o '[0-9]*$') $(grep -o '"index": *[0-9]*' "$out/page.json" | wc -l)"
}
# The token built here must be the one the server hands out.
curl -sf -u "$account:$token" "$list" > "$out/first.json"
next=$(grep -o '"next_page_url": *"[^"]*"' "$out/first.json" | sed 's/.*PageToken=\([^&"]*\).*/\1/')
[[ $next == "$(page_token $((size - 1)))" ]] \
  || { echo "next_page_url's token $next is not $(page_token $((size - 1))): the token format changed" >&2; exit 1; }

# name|url|the index its first message must have
depths=("first page|$list|0")
for pct in 10 50 90; do
  at=$(( messages * pct / 100 ))
  depths+=("$pct % deep (index $at)|$list&Page=1&PageToken=$(page_token $((at - 1)))|$at")
done
depths+=("last page, 100 % (index $((messages - size)))|$list&Page=1&PageToken=$(page_token $((messages - size - 1)))|$((messages - size))")
depths+=("newest page, \`Order=desc\` (index $((messages - 1)))|$list&Order=desc|$((messages - 1))")

echo "== paging ($store): warm-up, then ${seconds} s per depth (wrk -t1 -c$connections)"
BENCH_AUTH="$auth" wrk -t1 -c"$connections" -d"${seconds}s" -s bench/get.lua "$list" > "$out/warmup.txt"
rows=""
first_p99=
worst_p99=0
all_ok=1
n=0
for entry in "${depths[@]}"; do
  IFS='|' read -r name url want <<< "$entry"
  read -r got count < <(first_index "$url")
  [[ $got == "$want" && $count == "$size" ]] \
    || { echo "$name: page starts at index $got with $count messages, not $want with $size" >&2; exit 1; }
  n=$((n + 1))
  BENCH_AUTH="$auth" wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/get.lua "$url" > "$out/depth-$n.txt"
  read -r rps p50 p99 bad total < <(wrk_field "$out/depth-$n.txt")
  p50_ms=$(to_ms "$p50"); p99_ms=$(to_ms "$p99")
  [[ -n $first_p99 ]] || first_p99=$p99_ms
  worst_p99=$(awk -v a="$worst_p99" -v b="$p99_ms" 'BEGIN { print (b > a) ? b : a }')
  ok=$(awk -v p="$p99_ms" 'BEGIN { print (p < 5) ? "met" : "missed" }')
  [[ $ok == met && $bad == 0 ]] || all_ok=0
  ratio=$(awk -v a="$rps" -v b="$hello" 'BEGIN { printf "%.1f%%", 100*a/b }')
  rows+="| $name | $rps | $ratio | $p50_ms / $p99_ms | $bad of $total | $ok |"$'\n'
done
# Flat: no depth's p99 above 1.5 × the first page's (or 1 ms above it, whichever is more: at
# sub-millisecond latencies 1.5 × is scheduler noise on a shared machine).
flat=$(awk -v f="$first_p99" -v w="$worst_p99" 'BEGIN { lim = (1.5 * f > f + 1) ? 1.5 * f : f + 1; print (w <= lim) ? "met" : "missed" }')
target=$([[ $all_ok == 1 ]] && echo met || echo missed)
load_now=$(cut -d' ' -f1-3 /proc/loadavg)

cat > "$out/section.md" <<SECTION
<!-- $section:begin -->
## Message page at depth, $store_name (\`bench/paging.sh\`)

Measured on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores (load average $load_now at the end), on $store_label. One conversation
of $messages messages (created through the API, then filled with SQL in ${fill_ms} ms), then
\`GET /v1/Conversations/{sid}/Messages?PageSize=$size\` with Basic auth at each depth: wrk -t1
-c$connections for ${seconds} s (after one ${seconds} s warm-up on the first page), so the latency is a page's
service time with $connections requests in flight rather than a queue. Deep pages are reached with the
\`PageToken\` the server issues (a keyset cursor on the message index: one index seek whatever the
depth; \`docs/queries.md\` has the plans). Ratio: req/s against the hello-world baseline ($hello req/s,
wrk -t1 -c64).

| depth | req/s | ratio | p50 / p99 (ms) | non-2xx | p99 < 5 ms |
|---|---|---|---|---|---|
${rows%$'\n'}
| flat with depth: worst p99 / first page's p99 (ms), limit 1.5 × (or +1 ms) | $worst_p99 / $first_p99 | | | | $flat |
| every depth p99 < 5 ms, all answers 2xx | | | | | $target |

$(section_notes "$section")
<!-- $section:end -->
SECTION
section_write "$section" "$out/section.md"
section_print "$section"
