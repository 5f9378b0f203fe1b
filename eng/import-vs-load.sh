#!/usr/bin/env bash
# Measures, in one run on one fresh Azurite, how fast `scimctl users import` creates users next to the load tool's
# create path (`scimload run --in-process --scenario entra-initial`: the host's own POST /Users over loopback HTTP,
# the userName existence check included, as Entra sends it). Both create USERS (default 2000) users at PARALLELISM
# (default 8) at once, each into its own new tenant. Prints users/s of each and the ratio import ÷ load tool.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
users="${USERS:-2000}" parallelism="${PARALLELISM:-8}"
work="$(mktemp -d)"
source eng/azurite.sh
[ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund --loglevel=error
cleanup() { [ -n "${azurite_pid:-}" ] && kill "$azurite_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
start_azurite "$work"

echo "== building scimload and scimctl" >&2
dotnet build src/ScimFunctions.LoadTool -c Release -o "$work/scimload" -v quiet -clp:ErrorsOnly >&2
dotnet build src/ScimFunctions.Cli -c Release -o "$work/scimctl" -v quiet -clp:ErrorsOnly >&2

echo "== scimload: $users creates through the host, $parallelism at once" >&2
dotnet "$work/scimload/scimload.dll" run --in-process --storage-connection-string "$AZURITE_CONNECTION_STRING" --tenant loadcmp \
  --scenario entra-initial --users "$users" --groups 0 -c "$parallelism" --no-progress --json "$work/load.json" >/dev/null
load_rate="$(node -e 'const r=require(process.argv[1]);console.log((r.users/r.elapsedSeconds).toFixed(1))' "$work/load.json")"

echo "== scimctl: import of the same number of users, $parallelism at once" >&2
{ echo "userName,name.givenName,name.familyName,active"; for i in $(seq 1 "$users"); do echo "import$i@contoso.test,Given$i,Family$i,true"; done; } >"$work/users.csv"
dotnet "$work/scimctl/scimctl.dll" tenant create importcmp --connection-string "$AZURITE_CONNECTION_STRING" --json >/dev/null
start=$(date +%s.%N)
dotnet "$work/scimctl/scimctl.dll" users import importcmp "$work/users.csv" --parallelism "$parallelism" --connection-string "$AZURITE_CONNECTION_STRING" --json >"$work/import.json"
end=$(date +%s.%N)
imported="$(node -e 'console.log(require(process.argv[1]).imported)' "$work/import.json")"
import_rate="$(node -e 'console.log((+process.argv[1]/(+process.argv[3]-+process.argv[2])).toFixed(1))' "$imported" "$start" "$end")"

echo "load tool creates: $load_rate users/s"
echo "scimctl import:    $import_rate users/s ($imported imported; process start included)"
node -e 'console.log("import / load tool: " + (+process.argv[2] / +process.argv[1]).toFixed(2))' "$load_rate" "$import_rate"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
