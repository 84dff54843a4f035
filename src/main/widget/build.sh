#!/bin/sh
# Builds widget.js into $1 (Maven passes target/classes/widget), and the agent console's
# console.js into $1/../console, with the machine's node and npm (required: without them the build
# fails). Lint and format checks are `npm run lint`, which mvn verify runs.
# Both steps are skipped when nothing changed, so `./parley serve` stays fast: npm ci only when
# node_modules is older than the lock file, the bundle only when an input is newer than it.
set -eu
out=${1:?usage: build.sh OUTPUT_DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")"
# Without node the build fails: a jar without the widget and console must never ship.
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "parley: no $tool on the PATH: building the visitor widget and the agent console needs" \
      "Node 20 or newer with npm (https://nodejs.org; on Debian 13 or Ubuntu 24.04:" \
      "apt-get install nodejs npm)" >&2
    exit 1
  fi
done
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "parley: building the visitor widget needs Node 20 or newer, found $(node --version)" >&2
  exit 1
fi
# npm writes node_modules/.package-lock.json last, once an install has completed. No package
# needs its install script (esbuild finds its binary in @esbuild/<platform>), so none runs.
if ! [ node_modules/.package-lock.json -nt package-lock.json ] \
  || ! [ node_modules/.package-lock.json -nt package.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi
bundle="$out/widget.js"
console_bundle="$out/../console/console.js"
if [ -f "$bundle" ] && [ -f "$console_bundle" ] && [ -z "$(find src console build.mjs tsconfig.json \
  package-lock.json node_modules/.package-lock.json -newer "$bundle" -print -quit)" ]; then
  exit 0
fi
exec node build.mjs "$out"
