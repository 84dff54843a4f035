#!/bin/sh
# Installs the npm packages of the JavaScript client tests; `mvn` runs it before the tests.
# npm ci runs only when node_modules is older than the lock file, so repeated builds stay fast.
set -eu
cd "$(dirname "$0")"
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "parley: the JavaScript client tests need $tool (Node 20 or newer) on the PATH;" \
      "on Debian: apt-get install nodejs npm (or skip all tests with -DskipTests)" >&2
    exit 1
  fi
done
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "parley: the JavaScript client tests need Node 20 or newer, found $(node --version)" >&2
  exit 1
fi
# npm writes node_modules/.package-lock.json last, once an install has completed.
if [ node_modules/.package-lock.json -nt package-lock.json ] \
  && [ node_modules/.package-lock.json -nt package.json ]; then
  exit 0
fi
# No package needs its install script (core-js only prints a banner), so none runs.
exec npm ci --no-audit --no-fund --ignore-scripts
