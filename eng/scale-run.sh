#!/usr/bin/env bash
# Scale run for docs/performance.md: tenants of growing size on a private Azurite, filter latency and whole-tenant
# paging against size (`scimload scale`), with the store's consistency check per tenant.
#
#   eng/scale-run.sh [SIZE ...]          default: 1000 10000 100000
#
# Sizes of at least SCIM_SCALE_SHARD_MIN users (default 10000) are seeded with `scimload seed` into shard tables
# through the store, which eng/azurite-merge-tables.js merges into the resource table while Azurite is stopped:
# Azurite scans a partition to find an entity, so filling one 100,000-user partition one create at a time takes hours.
# Smaller sizes are seeded by `scimload scale` itself through POST /Users.
# SCIM_SCALE_ARGS adds options to `scimload scale` (default: --scan-samples 3).
# SCIM_SCALE_DATA=<folder> keeps Azurite's data there (a later run reuses seeded tenants); the report goes to
# artifacts/scale/scale.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=eng/azurite.sh
source eng/azurite.sh

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
shard_min="${SCIM_SCALE_SHARD_MIN:-10000}"
data="${SCIM_SCALE_DATA:-$(mktemp -d)}"
mkdir -p "$data" artifacts/scale

[ -x node_modules/.bin/azurite-table ] || npm ci --no-audit --no-fund
dotnet build src/ScimFunctions.LoadTool -c Release -v quiet -clp:ErrorsOnly
scimload=(dotnet "$root/src/ScimFunctions.LoadTool/bin/Release/net10.0/scimload.dll")

stop_azurite() {
  kill -INT "$azurite_pid" 2>/dev/null || true
  wait "$azurite_pid" 2>/dev/null || true
}
trap stop_azurite EXIT

start_azurite "$data"
shards=()
for size in "${sizes[@]}"; do
  if [ "$size" -ge "$shard_min" ] && [ ! -e "$data/seeded-$size" ]; then
    "${scimload[@]}" seed --storage-connection-string "$AZURITE_CONNECTION_STRING" --users "$size" --tables-file "$data/shards-$size.txt"
    mapfile -t -O "${#shards[@]}" shards < "$data/shards-$size.txt"
  fi
done

if [ ${#shards[@]} -gt 0 ]; then
  stop_azurite
  # Every tenant's seeding uses the same shard tables (each under its own partition key): merge each table once.
  mapfile -t shards < <(printf '%s\n' "${shards[@]}" | sort -u)
  node eng/azurite-merge-tables.js "$data" scim "${shards[@]}"
  for size in "${sizes[@]}"; do
    [ ! -e "$data/shards-$size.txt" ] || { mv "$data/shards-$size.txt" "$data/seeded-$size"; }
  done
  start_azurite "$data"
fi

# shellcheck disable=SC2086 # word splitting of the extra options is intended
"${scimload[@]}" scale --storage-connection-string "$AZURITE_CONNECTION_STRING" --sizes "${sizes[@]}" --json artifacts/scale/scale.json ${SCIM_SCALE_ARGS:---scan-samples 3}
