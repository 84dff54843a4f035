#!/usr/bin/env bash
# The writer's CPU per message post without HTTP (bench/writer/WriterBench.java; SQLite, or with
# BENCH_STORE=postgresql PostgreSQL's writers and the database's backends): Parley in one JVM
# with target/parley.jar, 64 threads posting through MessageService; prints posts/s, the writer's,
# the posting threads' and the whole process's CPU per post, and the bytes written per post (the
# log pages a post dirties: with full batches, a figure the machine's load hardly moves).
# For an A/B of a change to the write path on a loaded machine (the batches stay full, so the
# writer's CPU per post moves less than bench/webchat-cpu.sh's): copy each jar to
# target/parley.jar in turn, alternated.
# BENCH_WRITER_WARMUP and BENCH_WRITER_SECONDS: warm-up and measured seconds (12 and 12);
# BENCH_WRITER_DROP: statements run on the store first, separated by ';' (an A/B of an index).
# Usage: bench/writer-cpu.sh  (about 40 s)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=bench/out/writer-cpu
rm -rf "$out" && mkdir -p "$out/classes"
javac -d "$out/classes" -cp target/parley.jar bench/writer/WriterBench.java
# BENCH_STORE=postgresql: a fresh database on BENCH_PG_HOST:BENCH_PG_PORT (bench/lib.sh), whose
# backends' CPU per post and posts per transaction are given too (the backend that reads them
# counts its own few milliseconds).
database=()
if [[ ${BENCH_STORE:-sqlite} == postgresql ]]; then
  source bench/lib.sh
  store_fresh writer-cpu
  database=(-Ddatabase="postgresql://postgres@$pg_host:$pg_port/$store_db"
    -Djdbc="jdbc:postgresql://$pg_host:$pg_port/$store_db?user=postgres")
fi
java -XX:MaxTenuringThreshold=1 -Ddrop="${BENCH_WRITER_DROP:-}" "${database[@]}" \
  -cp "$out/classes:target/parley.jar" \
  dev.parley.app.WriterBench "${BENCH_WRITER_WARMUP:-12}" "${BENCH_WRITER_SECONDS:-12}" \
  > "$out/run.log" 2>&1
grep -E '^(posts|postgres)' "$out/run.log"
