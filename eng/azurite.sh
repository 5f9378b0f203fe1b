#!/usr/bin/env bash
# start_azurite DIR: starts the repository's pinned Azurite Table service (npm ci first) on a free loopback port
# with DIR as its data folder (see below for what it sets).
# Sourced by eng/test.sh and eng/run-local.sh.

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# launch_azurite SERVICE DIR LOG: starts Azurite's SERVICE (table or queue) on a free loopback port with DIR as its data
# folder, retrying on another port when it does not answer. Sets launched_pid and launched_port.
launch_azurite() {
  local service="$1" dir="$2" log="$3" bin="${AZURITE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}/node_modules/.bin/azurite-$1"
  [ -x "$bin" ] || { echo "error: Azurite is not installed; run 'npm ci' at the repository root" >&2; return 1; }
  mkdir -p "$dir"
  local attempt i
  for attempt in 1 2 3 4 5; do
    launched_port="$(free_port)"
    "$bin" "--${service}Host" 127.0.0.1 "--${service}Port" "$launched_port" --location "$dir" --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry --silent >"$dir/$log" 2>&1 &
    launched_pid=$!
    for i in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$launched_port") 2>/dev/null; then
        return 0
      fi
      kill -0 "$launched_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill "$launched_pid" 2>/dev/null || true
    echo "Azurite $service service did not start on port $launched_port (attempt $attempt); retrying" >&2
  done
  cat "$dir/$log" >&2 || true
  return 1
}

# Azurite's well-known development account, and a second account in the same Azurite for tenants isolated in their
# own storage account (SiloAccount: the account is named in the URL path). Local emulator keys, not secrets.
azurite_dev_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azurite_silo_account="siloaccount1" azurite_silo_key="c2lsb2FjY291bnQxLWxvY2FsLWRldmVsb3BtZW50LWtleQ=="

# start_azurite DIR: starts the Table service with both accounts. Sets azurite_pid, AZURITE_TABLE_PORT,
# AZURITE_CONNECTION_STRING (the stamp's account), AZURITE_SILO_CONNECTION_STRING and AZURITE_SILO_TABLE_ENDPOINT.
start_azurite() {
  AZURITE_ACCOUNTS="devstoreaccount1:$azurite_dev_key;$azurite_silo_account:$azurite_silo_key" \
    launch_azurite table "$1" azurite.log || return 1
  azurite_pid=$launched_pid
  AZURITE_TABLE_PORT=$launched_port
  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_dev_key;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
  AZURITE_SILO_TABLE_ENDPOINT="http://127.0.0.1:$AZURITE_TABLE_PORT/$azurite_silo_account"
  AZURITE_SILO_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$azurite_silo_account;AccountKey=$azurite_silo_key;TableEndpoint=$AZURITE_SILO_TABLE_ENDPOINT;"
  export AZURITE_TABLE_PORT AZURITE_CONNECTION_STRING AZURITE_SILO_TABLE_ENDPOINT AZURITE_SILO_CONNECTION_STRING
}

# start_azurite_queue DIR: starts Azurite's Queue service (event wake-ups) on a free loopback port with DIR as its data
# folder, after start_azurite. Sets azurite_queue_pid and AZURITE_QUEUE_PORT and appends the QueueEndpoint to
# AZURITE_CONNECTION_STRING.
start_azurite_queue() {
  launch_azurite queue "$1" azurite-queue.log || return 1
  azurite_queue_pid=$launched_pid
  AZURITE_QUEUE_PORT=$launched_port
  AZURITE_CONNECTION_STRING="${AZURITE_CONNECTION_STRING}QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;"
  export AZURITE_QUEUE_PORT AZURITE_CONNECTION_STRING
}
