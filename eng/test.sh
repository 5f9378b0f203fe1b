#!/usr/bin/env bash
# The one test command (README "Test"): installs what it needs, starts a private Azurite on a free port with a
# temporary folder, builds everything (the Function App included), compiles and lints the Bicep templates,
# publishes the Function App's zip package, runs every test project, and
# prints "N passed, N failed". Exits non-zero when anything fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "error: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is required: https://dot.net"
command -v node >/dev/null || fail "node is required to run the Azurite storage emulator (Node.js 20+)"
command -v npm >/dev/null || fail "npm is required to install the Azurite storage emulator"

echo "== npm ci (Azurite)"
npm ci --no-audit --no-fund --loglevel=error

results="$(mktemp -d)"
azurite_dir="$(mktemp -d)"
azurite_pid=""
cleanup() {
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  rm -rf "$azurite_dir" "$results"
}
trap cleanup EXIT

echo "== Azurite"
# shellcheck source=eng/azurite.sh
source "$root/eng/azurite.sh"
start_azurite "$azurite_dir"
export SCIM_TEST_STORAGE_CONNECTION_STRING="$AZURITE_CONNECTION_STRING"
echo "Azurite Table service on port $AZURITE_TABLE_PORT (pid $azurite_pid, data in $azurite_dir)"

echo "== dotnet build"
dotnet build eng/ScimFunctions.Buildable.slnf -c Release --nologo -v quiet -clp:ErrorsOnly
metadata="src/ScimFunctions.FunctionApp/bin/Release/net10.0/functions.metadata"
[ -f "$metadata" ] || fail "the Function App build wrote no $metadata"
echo "Function App built: $(grep -c '"scriptFile"' "$metadata") functions in $metadata"

if [ -x "$root/eng/bicep.sh" ]; then
  echo "== Bicep"
  "$root/eng/bicep.sh"
fi

echo "== Function App package"
# The deployable zip (DeploymentPackageTests checks its contents).
"$root/eng/publish.sh"

echo "== dotnet test"
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  echo "-- $name"
  if ! dotnet test "$project" -c Release --no-build --nologo -v quiet \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" --logger "console;verbosity=minimal"; then
    status=1
  fi
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "error: no test ran" >&2; status=1; fi
if [ "$failed" -ne 0 ]; then status=1; fi
exit $status
