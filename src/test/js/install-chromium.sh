#!/bin/sh
# Installs Debian's chromium for the widget's browser tests (widget.test.mjs drives it through
# playwright-core); `mvn` runs it before the tests. Playwright's own browser download is never
# used: only Debian's package, and only when /usr/bin/chromium is missing.
set -eu
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "parley: the widget's browser tests need Debian's chromium at /usr/bin/chromium;" \
    "install it as root with: apt-get install -y chromium (or skip all tests with -DskipTests)" >&2
  exit 1
fi
echo "parley: installing Debian's chromium for the widget's browser tests (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
exec apt-get install -y -q --no-install-recommends chromium >&2
