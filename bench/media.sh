#!/usr/bin/env bash
# Media benchmark: uploads and downloads of 1 MiB and 16 MiB files through the Media Content
# Service (docs/media.md), several at a time, with the server's heap and RSS sampled throughout.
# The server's heap is capped below what the files in flight would need if one were ever whole on
# the heap (BENCH_MEDIA_PARALLEL x 16 MiB > BENCH_MEDIA_HEAP), so a buffered file would fail the
# run; the figures show whether memory grows with file size. Rewrites the store's media section
# of bench/RESULTS.md (keeping its notes).
# Usage: [BENCH_STORE=postgresql] bench/media.sh  (a few minutes)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source bench/lib.sh
out=bench/out/media-$store
rm -rf "$out" && mkdir -p "$out"
parallel=${BENCH_MEDIA_PARALLEL:-8}
small_count=${BENCH_MEDIA_SMALL:-64}
large_count=${BENCH_MEDIA_LARGE:-16}
heap=${BENCH_MEDIA_HEAP:-96m}
port=${BENCH_MEDIA_PORT:-$((port_base + 10))}
section=media$section_suffix

need jstat openjdk-17-jdk-headless # jstat and jcmd read the server's heap
[[ -n ${BENCH_BUILT:-} ]] || mvn -B -q -DskipTests -Dspotless.check.skip=true package
port_free "$port" BENCH_MEDIA_PORT
store_fresh media

base="http://127.0.0.1:$port"
echo "== media ($store): $small_count x 1 MiB and $large_count x 16 MiB, $parallel at a time, heap -Xmx$heap"
load_before=$(cut -d' ' -f1 /proc/loadavg)
PARLEY_JAVA_OPTS="-Xmx$heap" ./parley serve --host 127.0.0.1 --port "$port" "${store_args[@]}" \
  --account-sid "$account" --auth-token "$token" > "$out/parley.log" 2>&1 &
pid=$!
pids+=("$pid")
wait_for "$base/" || { echo "Parley did not start: see $out/parley.log" >&2; exit 1; }
service=$(curl -s -u "$account:$token" "$base/v1/Configuration" \
  | sed -n 's/.*"default_chat_service_sid":"\(IS[0-9a-f]\{32\}\)".*/\1/p')
media="$base/v1/Services/$service/Media"

# Files of random bytes, so nothing along the way can compress them.
head -c $((1 << 20)) /dev/urandom > "$out/1.bin"
head -c $((16 << 20)) /dev/urandom > "$out/16.bin"

heap_after_gc_kib() {
  jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p'
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# Samples the used heap (jstat -gc) and RSS every 200 ms into $out/$1.jstat and $out/$1.rss
# until stop_sampling; heap_peak reads the jstat file (survivor, eden and old used, KiB).
start_sampling() { # phase
  jstat -gc "$pid" 200 > "$out/$1.jstat" &
  sampler_jstat=$!
  # jstat takes a moment to attach: the load starts once it samples (waiting at most 10 s).
  for _ in $(seq 1 100); do [[ $(wc -l < "$out/$1.jstat") -ge 2 ]] && break; sleep 0.1; done
  (while :; do rss_kib; sleep 0.2; done) > "$out/$1.rss" &
  sampler_rss=$!
}
stop_sampling() {
  kill "$sampler_jstat" "$sampler_rss" 2>/dev/null || true
  wait "$sampler_jstat" "$sampler_rss" 2>/dev/null || true
}
heap_samples() { # phase → $out/$phase.heap, one used-heap figure (KiB) a line
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { print $3 + $4 + $6 + $8 }' "$out/$1.jstat" > "$out/$1.heap"
}
max_of() { sort -n "$1" | tail -n 1 | awk '{printf "%.0f", $1 / 1024} END { if (NR == 0) printf "-" }'; } # KiB → MiB

upload_one() { # file → one line: "http_code bytes seconds sid"
  local answer="$out/upload.$BASHPID.json" line
  line=$(curl -s -o "$answer" -w '%{http_code} %{size_upload} %{time_total}' \
    -u "$account:$token" -H 'Content-Type: application/octet-stream' -H 'Expect:' \
    -X POST -T "$1" "$media?Filename=bench.bin")
  # One write per line, so that parallel uploads' lines never interleave.
  printf '%s %s\n' "$line" "$(sed -n 's/^{"sid":"\(ME[0-9a-f]\{32\}\)".*/\1/p' "$answer")"
  rm -f "$answer"
}
download_one() { # sid → "http_code bytes seconds"
  curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' \
    -u "$account:$token" "$media/$1/Content"
}
export -f upload_one download_one
export account token media out

# One phase: runs $count of "what" $parallel at a time; prints "MiB/s p50_s p99_s failures
# heap_peak_MiB rss_peak_MiB heap_after_gc_MiB cpu_s".
phase() { # name count size_mib what
  local name=$1 count=$2 size=$3 what=$4 began ended ticks
  start_sampling "$name"
  ticks=$(cpu_ticks)
  began=$(date +%s.%N)
  if [[ $what == upload ]]; then
    seq "$count" | xargs -P "$parallel" -I{} bash -c "upload_one $out/$size.bin" > "$out/$name.txt"
  else
    xargs -P "$parallel" -I{} bash -c 'download_one {}' < "$out/$size.sids" > "$out/$name.txt"
  fi
  ended=$(date +%s.%N)
  stop_sampling
  heap_samples "$name"
  [[ $what != upload ]] || awk '$1 == 201 {print $4}' "$out/$name.txt" > "$out/$size.sids"
  local expected=$((size << 20)) failures
  failures=$(awk -v e="$expected" -v w="$what" '!(($1 == (w == "upload" ? 201 : 200)) && $2 == e)' "$out/$name.txt" | wc -l)
  local p50 p99
  read -r p50 p99 < <(awk '{print $3}' "$out/$name.txt" | sort -n \
    | awk '{ t[NR] = $1 } END { i = int(NR * 0.5 + 0.5); j = int(NR * 0.99 + 0.5); printf "%.3f %.3f\n", t[i < 1 ? 1 : i], t[j < 1 ? 1 : j] }')
  awk -v b="$began" -v e="$ended" -v n="$count" -v mib="$size" -v f="$failures" \
    -v hp="$(max_of "$out/$name.heap")" -v rp="$(max_of "$out/$name.rss")" \
    -v gc="$(($(heap_after_gc_kib) / 1024))" -v cpu="$(($(cpu_ticks) - ticks))" -v hz="$(getconf CLK_TCK)" \
    -v p50="$p50" -v p99="$p99" \
    'BEGIN { printf "%.1f %s %s %d %s %s %s %.1f\n", (n - f) * mib / (e - b), p50, p99, f, hp, rp, gc, cpu / hz }'
}

idle_heap=$(($(heap_after_gc_kib) / 1024))
idle_rss=$(($(rss_kib) / 1024))
# A warm-up round of each, not recorded: the first uploads pay for class loading and the JIT.
phase warmup-upload 8 1 upload > /dev/null
phase warmup-download 8 1 download > /dev/null
read -r up1_rate up1_p50 up1_p99 up1_fail up1_heap up1_rss up1_gc up1_cpu < <(phase upload-1 "$small_count" 1 upload)
read -r down1_rate down1_p50 down1_p99 down1_fail down1_heap down1_rss down1_gc down1_cpu < <(phase download-1 "$small_count" 1 download)
read -r up16_rate up16_p50 up16_p99 up16_fail up16_heap up16_rss up16_gc up16_cpu < <(phase upload-16 "$large_count" 16 upload)
read -r down16_rate down16_p50 down16_p99 down16_fail down16_heap down16_rss down16_gc down16_cpu < <(phase download-16 "$large_count" 16 download)
load_after=$(cut -d' ' -f1 /proc/loadavg)
stored=$(sql "SELECT count(*) FROM media")
oom=$(grep -c OutOfMemoryError "$out/parley.log" || true)

cat > "$out/section.md" <<RESULTS
<!-- $section:begin -->
## Media uploads and downloads, $store_name (\`bench/media.sh\`)

Measured on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, on $store_label; load average $load_before
before and $load_after after (the machine is shared with other engineers' builds). The server runs
with a **$heap heap** (\`-Xmx$heap\`); $parallel clients (\`curl\`, Basic auth, raw bodies of random bytes, no
\`Expect: 100-continue\`) upload, then download, each file size at a time over \`/v1/Services/{IS}/Media\`
and \`…/Content\`. $parallel files of 16 MiB in flight are $((parallel * 16)) MiB: more than the whole heap,
so a file held whole on the heap would fail the run. Heap is the used heap sampled every 200 ms
(\`jstat -gc\`, garbage included) and after a full GC at the end of each phase (\`jcmd GC.run\`); RSS
every 200 ms from \`/proc\`. A warm-up of 8 uploads and downloads of 1 MiB comes first, not recorded.

| phase | files | MiB/s | per file p50 / p99 (s) | failed | heap peak (MiB) | RSS peak (MiB) | heap after GC (MiB) | Parley CPU (s) |
|---|---|---|---|---|---|---|---|---|
| idle, before | | | | | | $idle_rss | $idle_heap | |
| upload 1 MiB | $small_count | $up1_rate | $up1_p50 / $up1_p99 | $up1_fail | $up1_heap | $up1_rss | $up1_gc | $up1_cpu |
| download 1 MiB | $small_count | $down1_rate | $down1_p50 / $down1_p99 | $down1_fail | $down1_heap | $down1_rss | $down1_gc | $down1_cpu |
| upload 16 MiB | $large_count | $up16_rate | $up16_p50 / $up16_p99 | $up16_fail | $up16_heap | $up16_rss | $up16_gc | $up16_cpu |
| download 16 MiB | $large_count | $down16_rate | $down16_p50 / $down16_p99 | $down16_fail | $down16_heap | $down16_rss | $down16_gc | $down16_cpu |

Media rows at the end: $stored (with the warm-up's); \`OutOfMemoryError\` in the server log: $oom.
An upload is spooled to disk as it arrives (the sender paused while the disk is behind) and a
download goes out 256 KiB at a time, the next piece read once the client took the last
(docs/media.md, "Storage"): the heap peaks should not grow with the file size, only with the
number of files in flight. Throughput on this shared machine follows the CPU Parley gets.

$(section_notes "$section")
<!-- $section:end -->
RESULTS
section_write "$section" "$out/section.md"
section_print "$section"
