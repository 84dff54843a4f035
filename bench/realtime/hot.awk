# Summarises `jfr print --events jdk.ExecutionSample` output: samples by thread (numbered pool
# threads folded together), by top frame, and by the innermost dev.parley frame on the stack.
/sampledThread = / {
  thread = $0
  sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); gsub(/[0-9]+/, "N", thread)
  threads[thread]++; total++
}
/stackTrace = \[/ { depth = 0; parley = ""; next }
/^[ \t]+[A-Za-z_$][A-Za-z0-9_$.]*\(.*\)/ && depth >= 0 {
  frame = $0; sub(/^[ \t]+/, "", frame); sub(/ +line:.*/, "", frame)
  if (depth == 0) top[frame]++
  if (parley == "" && frame ~ /^dev\.parley\./) { parley = frame; own[frame]++ }
  depth++
}
/^[ \t]*\]/ { if (parley == "" && depth > 0) own["(no Parley frame)"]++; depth = -1 }
function show(title, counts,    k, n, i, j, keys, tmp) {
  printf "%s (of %d samples)\n", title, total
  n = 0; for (k in counts) keys[++n] = k
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (counts[keys[j]] > counts[keys[i]]) { tmp = keys[i]; keys[i] = keys[j]; keys[j] = tmp }
  for (i = 1; i <= n && i <= 12; i++) printf "  %5.1f%%  %s\n", 100 * counts[keys[i]] / total, keys[i]
}
END { show("by thread", threads); show("by innermost Parley method", own); show("by top frame", top) }
