#!/usr/bin/env bash
# start_azurite DIR: starts the repository's pinned Azurite Table service (npm ci first) on a free loopback port
# with DIR as its data folder. Sets azurite_pid, AZURITE_TABLE_PORT and AZURITE_CONNECTION_STRING.
# Sourced by eng/test.sh and eng/run-local.sh.

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

start_azurite() {
  local dir="$1" bin="${AZURITE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}/node_modules/.bin/azurite-table"
  [ -x "$bin" ] || { echo "error: Azurite is not installed; run 'npm ci' at the repository root" >&2; return 1; }
  local attempt
  for attempt in 1 2 3 4 5; do
    AZURITE_TABLE_PORT="$(free_port)"
    "$bin" --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" --location "$dir" --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry --silent >"$dir/azurite.log" 2>&1 &
    azurite_pid=$!
    local i
    for i in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_TABLE_PORT") 2>/dev/null; then
        AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
        export AZURITE_TABLE_PORT AZURITE_CONNECTION_STRING
        return 0
      fi
      kill -0 "$azurite_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$azurite_pid" 2>/dev/null || true
    echo "Azurite did not start on port $AZURITE_TABLE_PORT (attempt $attempt); retrying" >&2
  done
  cat "$dir/azurite.log" >&2 || true
  return 1
}

# start_azurite_queue DIR: starts Azurite's Queue service (event wake-ups) on a free loopback port with DIR as its data
# folder, after start_azurite. Sets azurite_queue_pid and AZURITE_QUEUE_PORT and appends the QueueEndpoint to
# AZURITE_CONNECTION_STRING.
start_azurite_queue() {
  local dir="$1" bin="${AZURITE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}/node_modules/.bin/azurite-queue"
  [ -x "$bin" ] || { echo "error: Azurite is not installed; run 'npm ci' at the repository root" >&2; return 1; }
  mkdir -p "$dir"
  local attempt i
  for attempt in 1 2 3 4 5; do
    AZURITE_QUEUE_PORT="$(free_port)"
    "$bin" --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" --location "$dir" --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry --silent >"$dir/azurite-queue.log" 2>&1 &
    azurite_queue_pid=$!
    for i in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_QUEUE_PORT") 2>/dev/null; then
        AZURITE_CONNECTION_STRING="${AZURITE_CONNECTION_STRING}QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;"
        export AZURITE_QUEUE_PORT AZURITE_CONNECTION_STRING
        return 0
      fi
      kill -0 "$azurite_queue_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$azurite_queue_pid" 2>/dev/null || true
    echo "Azurite Queue service did not start on port $AZURITE_QUEUE_PORT (attempt $attempt); retrying" >&2
  done
  cat "$dir/azurite-queue.log" >&2 || true
  return 1
}
