#!/usr/bin/env bash
# Measures what a fresh process pays before it is warm, with and without ReadyToRun: publishes the local host (the same
# HTTP layer, composition and Kestrel the Function App's worker runs; the Functions host itself is not available
# locally) twice for linux-x64, framework-dependent, once as IL only and once ReadyToRun (as eng/publish.sh publishes
# the Function App); for each: prepares a tenant, a token and a user in a first process, then starts a fresh process and
# reports time to the first /health and first SCIM answer, the process's CPU for its first N requests, and for the
# next windows of N, and cold ÷ warm, where warm is the last window (tiering takes tens of thousands of requests to
# settle, so use several windows). Requests: GET user, userName eq filter, GET page of 10, in turn, one connection (curl).
# Variants: il (IL only), r2r (ReadyToRun, the default tiering, as the Function App runs), r2r-nopgo (ReadyToRun with
# DOTNET_TieredPGO=0: hot methods are recompiled once, not twice), r2r-nodelay (ReadyToRun with
# DOTNET_TC_CallCountingDelayMs=0: call counting from the first call); COLD_START_VARIANTS="il r2r" picks some.
# Usage: eng/cold-start.sh [requests per window, default 1000] [windows, default 2]. Needs dotnet, node, curl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
n="${1:-1000}"
windows="${2:-2}"
variants="${COLD_START_VARIANTS:-il r2r r2r-nopgo r2r-nodelay}"
# The environment of each variant's process (beyond the storage and operator settings).
variant_env() {
  case "$1" in
    r2r-nopgo) echo "DOTNET_TieredPGO=0" ;;
    r2r-nodelay) echo "DOTNET_TC_CallCountingDelayMs=0" ;;
  esac
}
variant_dir() { case "$1" in il) echo il ;; *) echo r2r ;; esac; }
work="$(mktemp -d)"
azurite_pid="" host_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for variant in il r2r; do
  extra=()
  [ "$variant" = r2r ] && extra=(-p:PublishReadyToRun=true)
  dotnet publish src/ScimFunctions.LocalHost -c Release -r linux-x64 --self-contained false -o "$work/$variant" "${extra[@]}" --nologo -v quiet -clp:ErrorsOnly >&2
done

# shellcheck source=eng/azurite.sh
source "$root/eng/azurite.sh"
mkdir -p "$work/azurite"
start_azurite "$work/azurite"
operator_key="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
operator_hash="$(printf %s "$operator_key" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(require("crypto").createHash("sha256").update(s).digest("hex")))')"
port="$(free_port)"
base="http://127.0.0.1:$port"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ms() { awk '{ print ($14 + $15) * 10 }' "/proc/$1/stat"; } # clock ticks of 10 ms
start_host() {
  # shellcheck disable=SC2046
  env $(variant_env "$1") Scim__Storage__ConnectionString="$AZURITE_CONNECTION_STRING" Scim__Admin__KeySha256="$operator_hash" Logging__LogLevel__Default=Warning \
    dotnet "$work/$(variant_dir "$1")/ScimFunctions.LocalHost.dll" --urls "$base" --contentRoot "$root" >"$work/$1.log" 2>&1 &
  host_pid=$!
}
stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""; }
wait_health() { until curl -fsS -o /dev/null "$base/health" 2>/dev/null; do sleep 0.01; done; }

# Setup in a first process: tenant, token, one user.
start_host il
wait_health
operator() { curl -sS -H "Authorization: Bearer $operator_key" -H "Content-Type: application/json" "$@"; }
operator -o /dev/null -X POST "$base/operator/tenants" -d '{"id":"cold","displayName":"cold start"}'
token="$(operator -X POST "$base/operator/tenants/cold/tokens/rotate" -d '{"overlapHours":0}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')"
user_id="$(curl -sS -H "Authorization: Bearer $token" -H "Content-Type: application/scim+json" -X POST "$base/scim/v2/cold/Users" \
  -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"cold.start@example.com"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))')"
stop_host

urls="$work/urls"
: >"$urls"
for i in $(seq 1 "$n"); do
  case $((i % 3)) in
    0) echo "url = \"$base/scim/v2/cold/Users/$user_id\"" ;;
    1) echo "url = \"$base/scim/v2/cold/Users?filter=userName%20eq%20%22cold.start%40example.com%22\"" ;;
    2) echo "url = \"$base/scim/v2/cold/Users?count=10\"" ;;
  esac >>"$urls"
  echo 'output = "/dev/null"' >>"$urls"
done
window() { curl -sS -H "Authorization: Bearer $token" -K "$urls"; }

printf '%-12s %16s %14s %23s %15s' variant "first /health ms" "first SCIM ms" "CPU ms at first answer" "first $n CPU ms"
for w in $(seq 2 "$windows"); do printf ' %12s' "window $w ms"; done
printf ' %11s\n' "cold ÷ warm"
for variant in $variants; do
  started="$(now_ms)"
  start_host "$variant"
  wait_health
  health="$(( $(now_ms) - started ))"
  curl -sS -o /dev/null -H "Authorization: Bearer $token" "$base/scim/v2/cold/Users/$user_id"
  first="$(( $(now_ms) - started ))"
  at_first="$(cpu_ms "$host_pid")"
  window
  cold="$(( $(cpu_ms "$host_pid") - at_first ))"
  line="$(printf '%-12s %16s %14s %23s %15s' "$variant" "$health" "$first" "$at_first" "$cold")"
  warm="$cold"
  for w in $(seq 2 "$windows"); do
    before="$(cpu_ms "$host_pid")"
    window
    warm="$(( $(cpu_ms "$host_pid") - before ))"
    line="$line$(printf ' %12s' "$warm")"
  done
  stop_host
  ratio="$(node -e "console.log(($cold / Math.max($warm, 1)).toFixed(2))")"
  printf '%s %11s\n' "$line" "$ratio"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
