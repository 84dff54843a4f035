#!/usr/bin/env bash
# Prints the query plans of Parley's hot queries on both stores, for docs/queries.md: makes a
# throw-away store of each engine with ./parley (SQLite in a temp dir, a fresh PostgreSQL database
# on 127.0.0.1:5432, dropped afterwards), fills it with SQL, then runs EXPLAIN on each query as
# the code sends it (literals in place of the bound parameters). Needs sqlite3 and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
db="parley_explain_$$"
pg="postgresql://postgres@127.0.0.1:5432/$db"
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  psql -qX -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# One start makes the schema, the bootstrapped account and its default service, and through the
# API a second service (so the conversations list has other services' rows to skip); then the
# server stops.
account=AC0000000000000000000000000000e001
token=explain-token-00000000000000000001
bootstrap() {
  ./parley serve --port 0 --host 127.0.0.1 --data-dir "$work/$1" --account-sid "$account" \
    --auth-token "$token" "${@:2}" >"$work/$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    grep -q "event=started" "$work/$1.log" && break
    sleep 0.2
  done
  grep -q "event=started" "$work/$1.log" || { cat "$work/$1.log" >&2; exit 1; }
  port=$(grep -o "event=started port=[0-9]*" "$work/$1.log" | grep -o "[0-9]*$")
  curl -sf -u "$account:$token" "http://127.0.0.1:$port/v1/Services" -d FriendlyName=other >/dev/null
  kill "$server"; wait "$server" 2>/dev/null || true
  server=
}

N_CONVERSATIONS=10000
DEFAULT_SERVICE="SELECT sid FROM services ORDER BY seq LIMIT 1"
N_DEEP=200000      # messages of one conversation
N_SPREAD=100000    # 100 messages in each of 1,000 others
N_EVENTS=100000
N_ITEMS=200000     # items of one Sync list

# SQL differences between the engines, for the fill below: a 32-hex-digit SID tail, a series.
engine=
h() {
  if [ "$engine" = sqlite ]; then echo "printf('%032x', $1)"; else echo "lpad(to_hex($1), 32, '0')"; fi
}
series() {
  if [ "$engine" = sqlite ]; then
    echo "(WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < $1) SELECT n FROM x) AS s"
  else
    echo "generate_series(1, $1) AS s(n)"
  fi
}
no() { if [ "$engine" = sqlite ]; then echo 0; else echo false; fi; }

fill_sql() {
  cat <<SQL
-- 1,000 conversations in the default service, the other 9,000 in the second one.
INSERT INTO conversations (sid, account_sid, service_sid, state, date_created, date_updated)
  SELECT 'CH' || $(h n), (SELECT account_sid FROM services LIMIT 1),
         CASE WHEN n <= 1000 THEN ($DEFAULT_SERVICE) ELSE (SELECT sid FROM services WHERE friendly_name = 'other') END,
         'active', 1700000000000 + n, 1700000000000 + n FROM $(series $N_CONVERSATIONS);
INSERT INTO participants (sid, account_sid, service_sid, conversation_sid, identity, date_created, date_updated)
  SELECT 'MB' || $(h n), c.account_sid, c.service_sid, c.sid, 'user' || n, 1700000000000, 1700000000000
  FROM $(series $((3 * N_CONVERSATIONS)))
  JOIN conversations c ON c.seq = (SELECT MIN(seq) FROM conversations) + (n % $N_CONVERSATIONS);
INSERT INTO messages (sid, account_sid, service_sid, conversation_sid, idx, author, body, date_created, date_updated)
  SELECT 'IM' || $(h n), c.account_sid, c.service_sid, c.sid, n - 1, 'agent', 'hello', 1700000000000 + n, 1700000000000 + n
  FROM $(series $N_DEEP) JOIN conversations c ON c.seq = (SELECT MIN(seq) FROM conversations);
INSERT INTO messages (sid, account_sid, service_sid, conversation_sid, idx, author, body, date_created, date_updated)
  SELECT 'IM' || $(h "n + $N_DEEP"), c.account_sid, c.service_sid, c.sid, (n - 1) % 100, 'agent', 'hello', 1700000000000 + n, 1700000000000 + n
  FROM $(series $N_SPREAD) JOIN conversations c ON c.seq = (SELECT MIN(seq) FROM conversations) + 1 + ((n - 1) / 100);
INSERT INTO events (account_sid, service_sid, conversation_sid, type, source, params, date_created)
  SELECT c.account_sid, c.service_sid, c.sid, 'onMessageAdded', 'API', '{}', 1700000000000 + n
  FROM $(series $N_EVENTS) JOIN conversations c ON c.seq = (SELECT MIN(seq) FROM conversations) + (n % 1000);
-- Every delivery done but the newest 1,000 (the outbox's tail), over 100 lanes.
INSERT INTO webhook_deliveries (sid, account_sid, event_seq, lane, kind, url, method, status, date_created, date_updated)
  SELECT 'WD' || $(h e.seq), e.account_sid, e.seq, 'conversation:WH1:' || (e.seq % 100), 'conversation',
         'http://127.0.0.1:9/hook', 'POST',
         CASE WHEN e.seq > (SELECT MAX(seq) FROM events) - 1000 THEN 'pending' ELSE 'delivered' END,
         e.date_created, e.date_created
  FROM events e;
-- 10,000 leased webhook lanes over three nodes, 100 of them expired (their node died).
INSERT INTO webhook_lanes (lane, leased_by, lease_until)
  SELECT 'conversation:WH1:' || n, 'node' || (n % 3),
         CASE WHEN n % 100 = 0 THEN 1700000000000 ELSE 1800000000000 END
  FROM $(series 10000);
INSERT INTO sync_objects (sid, account_sid, service_sid, unique_name, kind, last_event_id, date_created, date_updated)
  SELECT 'ES' || $(h 1), account_sid, sid, 'messages-list', 'list', $N_ITEMS, 1700000000000, 1700000000000
  FROM services LIMIT 1;
INSERT INTO sync_items (object_sid, item_key, item_index, data, created_event_id, last_event_id, removed, date_created, date_updated)
  SELECT (SELECT sid FROM sync_objects WHERE unique_name = 'messages-list'), CAST(n - 1 AS TEXT), n - 1, '{}', n, n,
         $(no), 1700000000000, 1700000000000
  FROM $(series $N_ITEMS);
ANALYZE;
SQL
}

# The queries as the store code builds them (SqlMessages, SqlConversations, SqlParticipants,
# SqlDeliveries, SqlSync through Keyset), page size 50 (+1 to see whether there is more). $3 ends
# the lease claims' subqueries (FOR UPDATE SKIP LOCKED on PostgreSQL, nothing on SQLite).
queries() {
  local false=$1 service=$2 lock=$3
  cat <<SQL
message page, oldest first, deep in a 200,000-message conversation (Keyset on idx)|SELECT *, idx AS "index" FROM messages WHERE conversation_sid = 'CH00000000000000000000000000000001' AND idx > 150000 ORDER BY idx ASC LIMIT 51
message page, newest first (Order=desc, or the previous page)|SELECT *, idx AS "index" FROM messages WHERE conversation_sid = 'CH00000000000000000000000000000001' AND idx < 150000 ORDER BY idx DESC LIMIT 51
conversations list page of a service, 1,000 of 10,000 conversations (Keyset on seq)|SELECT * FROM conversations WHERE service_sid = '$service' AND seq > 500 ORDER BY seq ASC LIMIT 51
participants of a conversation (Keyset on seq)|SELECT * FROM participants WHERE conversation_sid = 'CH00000000000000000000000000000008' ORDER BY seq ASC LIMIT 51
webhook engine: resume point after a start|SELECT COALESCE((SELECT MIN(seq) - 1 FROM webhook_deliveries WHERE status = 'pending'), (SELECT MAX(seq) FROM webhook_deliveries), 0)
webhook engine: seqs after the read position (a hole is a commit still to come)|SELECT seq FROM webhook_deliveries WHERE seq > 99000 ORDER BY seq LIMIT 1000
webhook engine: pending deliveries read forward, up to the hole-free horizon|SELECT * FROM webhook_deliveries WHERE seq > 99000 AND seq <= 100000 AND status = 'pending' ORDER BY seq LIMIT 1000
webhook leases: claim the lanes of a read batch (after inserting the never-leased ones)|UPDATE webhook_lanes SET leased_by = 'node1', lease_until = 1800000030000 WHERE lane IN (SELECT lane FROM webhook_lanes WHERE lane IN ('conversation:WH1:7', 'conversation:WH1:8', 'conversation:WH1:100') AND (leased_by = 'node1' OR lease_until <= 1750000000000)$lock) RETURNING lane
webhook leases: take over lanes whose lease ran out (each tick)|UPDATE webhook_lanes SET leased_by = 'node1', lease_until = 1800000030000 WHERE lane IN (SELECT lane FROM webhook_lanes WHERE lease_until <= 1750000000000 ORDER BY lease_until LIMIT 1000$lock) RETURNING lane
webhook leases: renew one node's leases (each tick)|UPDATE webhook_lanes SET lease_until = 1800000030000 WHERE leased_by = 'node1' RETURNING lane
webhook leases: an outcome, saved only while the lane is held|UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, date_updated = 1750000000000 WHERE seq = 99500 AND EXISTS (SELECT 1 FROM webhook_lanes WHERE lane = 'conversation:WH1:7' AND leased_by = 'node1')
webhook engine: one lane's pending deliveries (lane pick)|SELECT * FROM webhook_deliveries WHERE lane = 'conversation:WH1:7' AND status = 'pending' AND seq <= 100000 ORDER BY seq LIMIT 32
Sync list page from an index (sync_items by object_sid, item_index)|SELECT * FROM sync_items WHERE object_sid = 'ES00000000000000000000000000000001' AND removed = $false AND item_index >= 150000 ORDER BY item_index ASC LIMIT 51
Sync list page, newest first from an index|SELECT * FROM sync_items WHERE object_sid = 'ES00000000000000000000000000000001' AND removed = $false AND item_index <= 150000 ORDER BY item_index DESC LIMIT 51
Sync list first page (no From), newest first: the SDK opening a conversation|SELECT * FROM sync_items WHERE object_sid = 'ES00000000000000000000000000000001' AND removed = $false AND item_index IS NOT NULL ORDER BY item_index DESC LIMIT 51
Sync changes since an event id (catch-up)|SELECT * FROM sync_items WHERE object_sid = 'ES00000000000000000000000000000001' AND last_event_id > 199000 ORDER BY last_event_id LIMIT 100
SQL
}

engine=sqlite
echo "## SQLite $(sqlite3 --version | cut -d' ' -f1)"
bootstrap sqlite
lite="$work/sqlite/parley.db"
fill_sql | sqlite3 -bail "$lite"
queries "$(no)" "$(sqlite3 "$lite" "$DEFAULT_SERVICE")" "" | while IFS='|' read -r title sql; do
  echo
  echo "### $title"
  echo '```sql'
  echo "$sql"
  echo '```'
  echo '```'
  sqlite3 "$lite" "EXPLAIN QUERY PLAN $sql"
  echo '```'
done

engine=postgresql
echo
echo "## PostgreSQL $(psql -XAt -h 127.0.0.1 -U postgres -d postgres -c 'SHOW server_version')"
psql -qX -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
bootstrap postgresql --database-url "$pg"
fill_sql | psql -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$db" >/dev/null
queries "$(no)" "$(psql -XAt -h 127.0.0.1 -U postgres -d "$db" -c "$DEFAULT_SERVICE")" " FOR UPDATE SKIP LOCKED" | while IFS='|' read -r title sql; do
  echo
  echo "### $title"
  echo '```'
  psql -XAt -h 127.0.0.1 -U postgres -d "$db" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $sql"
  echo '```'
done
