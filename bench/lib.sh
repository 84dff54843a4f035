# Shared by the bench/*.sh scripts (sourced, not run): processes they start, the store they run
# on, wrk's figures, and their sections of bench/RESULTS.md.
#
# BENCH_STORE=sqlite (default) or postgresql picks the store. PostgreSQL is the server at
# BENCH_PG_HOST:BENCH_PG_PORT (127.0.0.1:5432, user postgres, trust auth): every store_fresh makes
# a new database, dropped when the script exits.

account=AC0000000000000000000000000000b001
token=bench-token-00000000000000000001
pg_host=${BENCH_PG_HOST:-127.0.0.1}
pg_port=${BENCH_PG_PORT:-5432}
pg() { psql -qXAt -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres "$@"; }
need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }

# Picks the store the next store_fresh makes: sets store, store_name (heads a store's section),
# store_label (says what it is in the text) and section_suffix (of its RESULTS.md sections).
use_store() { # sqlite | postgresql
  store=$1
  case $store in
    sqlite)
      need sqlite3 sqlite3
      store_name=SQLite section_suffix=""
      store_label="the embedded store (SQLite, WAL, synchronous=FULL)" ;;
    postgresql)
      need psql postgresql-client
      pg -d postgres -c 'SELECT 1' >/dev/null || { echo "no PostgreSQL at $pg_host:$pg_port" >&2; exit 1; }
      store_name=PostgreSQL section_suffix="-postgresql"
      store_label="PostgreSQL $(pg -d postgres -c 'SHOW server_version' | cut -d' ' -f1) on $pg_host:$pg_port (a fresh database; synchronous_commit=$(pg -d postgres -c 'SHOW synchronous_commit'), fsync=$(pg -d postgres -c 'SHOW fsync'))" ;;
    *) echo "BENCH_STORE must be sqlite or postgresql, not $store" >&2; exit 2 ;;
  esac
}
use_store "${BENCH_STORE:-sqlite}"
# Ports: BENCH_PORT_BASE and the next few (run.sh +0/+1, realtime.sh +2..+4, webhooks.sh +5,
# paging.sh +6/+7, webchat-cpu.sh +8, rest-cpu.sh +9, ceiling.sh +10..+12, studio.sh +13, roundtrips.sh +14, startup.sh +15); each script refuses a port already taken.
port_base=${BENCH_PORT_BASE:-18200}

# The machine is shared: never load someone else's server by mistake.
port_free() { # port [knob]
  if ss -ltn "sport = :$1" | grep -q LISTEN; then
    echo "port $1 is taken${2:+; set $2}" >&2
    exit 1
  fi
}

pids=()
databases=()
bench_cleanup() {
  local pid db
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${databases[@]}"; do
    pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
}
trap bench_cleanup EXIT
stop_last() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

# Waits (bounded, 30 s) until nothing listens on port $1: a server just stopped may still hold it,
# and one started meanwhile would fail while wait_for heard the old one.
wait_port_free() { # port
  for _ in $(seq 1 600); do ss -ltn "sport = :$1" | grep -q LISTEN || return 0; sleep 0.05; done
  echo "port $1 is still taken" >&2; return 1
}
wait_for() { # url; bounded (30 s)
  for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "no answer from $1" >&2; return 1
}

# A new, empty store named $1 (a data dir under $out; on PostgreSQL also a new database). Sets
# store_args (for ./parley serve) and store_data; sql then queries this store.
store_db=
store_fresh() { # name
  store_data="$out/$1-data"
  rm -rf "$store_data"
  store_args=(--data-dir "$store_data")
  if [[ $store == postgresql ]]; then
    [[ -z $store_db ]] || drop_database "$store_db"
    store_db="parley_bench_${1//-/_}_$$"
    pg -d postgres -c "CREATE DATABASE $store_db" >/dev/null
    databases+=("$store_db")
    store_args+=(--database-url "postgresql://postgres@$pg_host:$pg_port/$store_db")
  fi
}
drop_database() { # name
  pg -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  local kept=() db
  for db in "${databases[@]}"; do [[ $db == "$1" ]] || kept+=("$db"); done
  databases=("${kept[@]}")
}

# sql "<query>": runs SQL on the current store (from stdin when no argument), prints rows as
# values separated by |, without headers. Stops the script on an error.
sql() {
  if [[ $store == sqlite ]]; then
    if (($#)); then sqlite3 -bail "$store_data/parley.db" "$1"; else sqlite3 -bail "$store_data/parley.db"; fi
  else
    if (($#)); then pg -d "$store_db" -c "$1"; else pg -d "$store_db"; fi
  fi
}

# The POST /v2/WebChats that bench/post.lua sends to the Parley on port $1: sets webchat_body (on the
# default chat address) and basic_auth.
webchat_request() { # port
  local address
  address=$(curl -s -u "$account:$token" "http://127.0.0.1:$1/v1/Configuration/Addresses?Type=chat" \
    | sed -n 's/.*"sid":"\(IG[0-9a-f]\{32\}\)".*/\1/p')
  webchat_body="AddressSid=$address&ChatFriendlyName=Bench&CustomerFriendlyName=Visitor&PreEngagementData=%7B%22friendlyName%22%3A%22Ann%22%7D"
  basic_auth="Basic $(printf '%s:%s' "$account" "$token" | base64 -w0)"
}

# Writes $1/profile.jfc: the JDK's profile settings without Jdbi's own JFR event, which describes
# every statement's bound values for the recording and cost the writer thread a fifth of its time,
# and without the thread dump JFR takes every 60 s: a safepoint that stops every thread (101 ms on
# a loaded machine, in a measured phase's window or not, by chance).
profile_jfc() { # dir
  local java_home
  java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.home = //p')
  sed -e 's|</configuration>|  <event name="jdbi.statement"><setting name="enabled">false</setting></event>\n</configuration>|' \
    -e '/<event name="jdk.ThreadDump">/,/<\/event>/s|<setting name="enabled" control="thread-dump-enabled">true|<setting name="enabled" control="thread-dump-enabled">false|' \
    "$java_home/lib/jfr/profile.jfc" > "$1/profile.jfc"
}

# wrk's output file → "req/s p50 p99 non2xx total"
wrk_field() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
       /requests in/ {total=$1} END {printf "%s %s %s %s %s\n", rps, (p50==""?"-":p50), (p99==""?"-":p99), (bad==""?0:bad), total}' "$1"
}
to_ms() { # wrk latency like 1.23ms / 850.00us / 1.02s → ms
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v+0 } else { sub(/s$/, "", v); print v*1000 } }'
}

# The hello-world baseline's req/s (wrk -t1 -c64), unless HELLO_RPS already holds one from run.sh.
hello_rps() { # port seconds jar
  if [[ -n ${HELLO_RPS:-} ]]; then echo "$HELLO_RPS"; return; fi
  port_free "$1" BENCH_PORT_BASE
  java -cp "$3" bench/HelloWorld.java "$1" > "$out/hello.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/" >&2
  wrk -t1 -c64 -d3s "http://127.0.0.1:$1/" > /dev/null
  wrk -t1 -c64 -d"$2s" "http://127.0.0.1:$1/" > "$out/hello.txt"
  stop_last
  awk '/Requests\/sec/ {print $2}' "$out/hello.txt"
}

# bench/RESULTS.md is made of sections between <!-- name:begin --> and <!-- name:end --> lines;
# each script rewrites its own and keeps the hand-written notes inside it (a nested
# <!-- name-notes:begin/end --> pair). A section not yet in the file is appended.
results=bench/RESULTS.md
section_notes() { # name → the notes block of the section (empty markers when there is none)
  local notes
  notes=$(sed -n "/<!-- $1-notes:begin -->/,/<!-- $1-notes:end -->/p" "$results" 2>/dev/null || true)
  [[ -n $notes ]] || notes=$'<!-- '"$1"$'-notes:begin -->\n<!-- '"$1"$'-notes:end -->'
  printf '%s\n' "$notes"
}
section_write() { # name file (the section's lines, markers included)
  if grep -q "<!-- $1:begin -->" "$results" 2>/dev/null; then
    awk -v section="$2" -v name="$1" '
      $0 == "<!-- " name ":begin -->" { while ((getline line < section) > 0) print line; skip = 1 }
      !skip { print }
      $0 == "<!-- " name ":end -->" { skip = 0 }' "$results" > "$results.new"
    mv "$results.new" "$results"
  else
    { [[ -s $results ]] && echo; cat "$2"; } >> "$results"
  fi
}
section_print() { sed -n "/<!-- $1:begin -->/,/<!-- $1:end -->/p" "$results"; }
