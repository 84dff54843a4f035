#!/bin/sh
# Fetches Twilio's OpenAPI specs (twilio-oai) for the tests' schema check (testing/OpenApi.java):
# the npm package that ships them, alone (npm pack: no install, none of its dependencies), checked
# against the pinned sha512, and only its spec/json/*.json extracted. `mvn` runs it before the tests.
# Usage: fetch.sh <package@version> <sha512-integrity> <target directory>
# Skips all work when <target>/twilio-oai/spec/json already holds that package's specs.
set -eu
package=$1
integrity=$2
target=$3
specs="$target/twilio-oai/spec/json"
stamp="$specs/.integrity"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$integrity" ]; then
  exit 0
fi
for tool in node npm tar; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "parley: fetching Twilio's OpenAPI specs for the tests needs $tool on the PATH" \
      "(on Debian: apt-get install nodejs npm; or skip all tests with -DskipTests)" >&2
    exit 1
  fi
done

mkdir -p "$target"
# npm pack writes <scope>-<name>-<version>.tgz and prints that file name last.
tarball="$target/$(npm pack "$package" --pack-destination "$target" --prefer-offline \
  --silent --no-fund --no-audit | tail -n 1)"
actual=$(node -e '
  const data = require("fs").readFileSync(process.argv[1]);
  process.stdout.write("sha512-" + require("crypto").createHash("sha512").update(data).digest("base64"));
' "$tarball")
if [ "$actual" != "$integrity" ]; then
  echo "parley: $tarball is not the pinned $package: sha512 $actual, expected $integrity" >&2
  rm -f "$tarball"
  exit 1
fi

unpacked="$target/twilio-oai.tmp"
rm -rf "$unpacked" "$target/twilio-oai"
mkdir -p "$unpacked" "$specs"
tar -xzf "$tarball" -C "$unpacked" package/twilio-oai/spec/json
mv "$unpacked"/package/twilio-oai/spec/json/*.json "$specs"/
rm -rf "$unpacked"
echo "$integrity" >"$stamp"
echo "parley: Twilio's OpenAPI specs from $package into $specs"
