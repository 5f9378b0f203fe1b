#!/usr/bin/env bash
# The README run command. On a fresh machine: installs Azurite (npm ci), starts it with its data in .azurite/ (port
# 10002 when free, else a free one), builds and starts the local host on http://localhost:7071 (SCIM_PORT to change),
# creates the demo tenant "demo" (SCIM_DEMO_TENANT to change) with a fresh token, and prints the SCIM base URL, the
# token, the operator key it configured (for /operator and the change feed), the export lines for scimctl and a curl
# line that works. The host logs human-readable lines here (JSON is the default elsewhere). Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "error: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is required: https://dot.net"
command -v node >/dev/null || fail "node (Node.js 20+) is required to run the Azurite storage emulator"
command -v npm >/dev/null || fail "npm is required to install the Azurite storage emulator"
command -v curl >/dev/null || fail "curl is required"

port="${SCIM_PORT:-7071}"
tenant="${SCIM_DEMO_TENANT:-demo}"
base="http://localhost:$port"

port_free() { node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close(()=>process.exit(0)));' "$1"; }
port_free "$port" || fail "port $port is in use; stop what uses it or run with SCIM_PORT=<port>"

if [ ! -x node_modules/.bin/azurite-table ]; then
  echo "== npm ci (Azurite)"
  npm ci --no-audit --no-fund --loglevel=error
fi

azurite_pid="" azurite_queue_pid="" host_pid=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_queue_pid" ]; then kill "$azurite_queue_pid" 2>/dev/null || true; wait "$azurite_queue_pid" 2>/dev/null || true; fi
  echo "stopped."
}
trap stop INT TERM EXIT

echo "== Azurite (data in .azurite/)"
mkdir -p .azurite
# shellcheck source=eng/azurite.sh
source "$root/eng/azurite.sh"
if port_free 10002; then free_port() { echo 10002; }; fi
start_azurite "$root/.azurite"
echo "Azurite Table service on port $AZURITE_TABLE_PORT"
unset -f free_port; source "$root/eng/azurite.sh" # the queue service on a free port (event wake-ups, docs/events.md)
start_azurite_queue "$root/.azurite/queue"
echo "Azurite Queue service on port $AZURITE_QUEUE_PORT"

echo "== build"
dotnet build src/ScimFunctions.LocalHost -c Release --nologo -v quiet -clp:ErrorsOnly

operator_key="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
operator_hash="$(printf %s "$operator_key" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(require("crypto").createHash("sha256").update(s).digest("hex")))')"

echo "== local host on $base"
Scim__Storage__ConnectionString="$AZURITE_CONNECTION_STRING" Scim__Storage__SiloAccounts__0="$AZURITE_SILO_CONNECTION_STRING" Scim__Admin__KeySha256="$operator_hash" Logging__Console__FormatterName=simple \
  dotnet "src/ScimFunctions.LocalHost/bin/Release/net10.0/ScimFunctions.LocalHost.dll" --urls "$base" --contentRoot "$root" &
host_pid=$!
for _ in $(seq 1 150); do
  curl -fsS "$base/health" >/dev/null 2>&1 && break
  kill -0 "$host_pid" 2>/dev/null || fail "the local host stopped during startup (see its output above)"
  sleep 0.2
done
curl -fsS "$base/health" >/dev/null || fail "the local host did not answer $base/health"

operator() { curl -sS -H "Authorization: Bearer $operator_key" -H "Content-Type: application/json" "$@"; }
status="$(operator -o /dev/null -w '%{http_code}' -X POST "$base/operator/tenants" -d "{\"id\":\"$tenant\",\"displayName\":\"Demo tenant\"}")"
case "$status" in 201|409) ;; *) fail "creating the demo tenant answered HTTP $status" ;; esac
# Rotating with no overlap leaves exactly one live token, however often this script runs.
token="$(operator -X POST "$base/operator/tenants/$tenant/tokens/rotate" -d '{"overlapHours":0}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).token;if(!t)process.exit(1);console.log(t)})')" \
  || fail "issuing the demo token failed"

cat <<INFO

================================================================================
SCIM base URL : $base/scim/v2/$tenant
Bearer token  : $token
Operator key  : $operator_key   (this run only; /operator API and change feed)

Try it:
  curl -s -H "Authorization: Bearer $token" "$base/scim/v2/$tenant/Users?count=5"
  curl -s -H "Authorization: Bearer $operator_key" "$base/operator/tenants/$tenant"

For scimctl (eng/scimctl) in another shell:
  export Scim__Storage__ConnectionString='$AZURITE_CONNECTION_STRING'
  export SCIM_BASE_URL=$base SCIM_OPERATOR_KEY=$operator_key
  export Scim__Storage__SiloAccounts__0='$AZURITE_SILO_CONNECTION_STRING'
  eng/scimctl tenant show $tenant

A second storage account for tenants in their own account (SiloAccount), in the same Azurite:
  eng/scimctl tenant create big --isolation SiloAccount --table-name big --storage-endpoint $AZURITE_SILO_TABLE_ENDPOINT
================================================================================

Ctrl-C stops the host and Azurite.
INFO
wait "$host_pid"
