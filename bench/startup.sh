#!/usr/bin/env bash
# Start-up A/B (docs/benchmarks.md, "Start-up"): for each Parley directory given (a checkout with
# its ./parley and a built target/parley.jar; ./parley makes its archive), a first start on a new
# store, then restarts alternated between the directories, timed as bench/run.sh's time_start does
# (launch to the first answered GET /v1/Configuration). Each line: wall ms, the process's CPU ms
# and the main thread's CPU ms when the first request is answered (CPU is the steadier figure on a
# shared machine).
# Usage: [BENCH_STORE=postgresql] BENCH_PORT_BASE=… bench/startup.sh DIR_A DIR_B [rounds, default 5]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out="$root/bench/out/startup"
mkdir -p "$out"
dirs=("$1" "$2")
rounds=${3:-5}
port=$((port_base + 15))
port_free "$port" BENCH_PORT_BASE
tck=$(getconf CLK_TCK)

cpu_ms() { # /proc/<pid>/task/<tid> or /proc/<pid> → its CPU ms (utime + stime)
  local f
  read -r -a f < <(sed 's/.*) //' "$1/stat")
  echo $(( (f[11] + f[12]) * 1000 / tck ))
}
time_start() { # dir → "wall cpu main"
  local begin launcher java_pid main=0 task
  begin=$(date +%s%N)
  (cd "$1" && exec ./parley serve --host 127.0.0.1 --port "$port" ${args[$1]} --account-sid "$account" \
    --auth-token "$token" > "$out/last.log" 2>&1) &
  launcher=$!
  pids+=("$launcher")
  for _ in $(seq 1 6000); do
    curl -s -o /dev/null -u "$account:$token" "http://127.0.0.1:$port/v1/Configuration" && break
    sleep 0.005
  done
  local wall=$(( ($(date +%s%N) - begin) / 1000000 ))
  java_pid=$(pgrep -P "$launcher" java || echo "$launcher")
  for task in /proc/"$java_pid"/task/*; do # the launcher's main thread is the "java" one
    [[ $(cat "$task/comm" 2>/dev/null) == java && ${task##*/} != "$java_pid" ]] && main=$(cpu_ms "$task")
  done
  echo "$wall $(cpu_ms /proc/"$java_pid") $main"
  stop_last
}

declare -A args
for d in "${dirs[@]}"; do
  # A store per directory (store_fresh keeps one database at a time).
  name="startup_$(basename "$d")_$$"
  rm -rf "$out/$name"
  args[$d]="--data-dir $out/$name"
  if [[ $store == postgresql ]]; then
    pg -d postgres -c "CREATE DATABASE $name" > /dev/null
    databases+=("$name")
    args[$d]+=" --database-url postgresql://postgres@$pg_host:$pg_port/$name"
  fi
  (cd "$d" && ./parley --version > /dev/null) # builds its archive, once per build
  echo "$d first: $(time_start "$d")"
done
for _ in $(seq 1 "$rounds"); do
  for d in "${dirs[@]}"; do echo "$d restart: $(time_start "$d")"; done
done
