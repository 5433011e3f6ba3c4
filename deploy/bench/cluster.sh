#!/usr/bin/env bash
# Throughput with 1, 2 and 3 silos, and the cost of tracing, in one run on this machine: for each configuration a fresh
# database, N silos each co-hosting the gateway, and the load generator spreading its callers over every gateway
# (durable SubmitApplication, then GetApplication). Results on stdout; docs/perf.md has them.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
callers="${CALLERS:-64}"
seconds="${SECONDS_TO_RUN:-15}"

started_pg=""
silo_pids=()
stop_silos() {
  for pid in "${silo_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${silo_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  silo_pids=()
}
cleanup() {
  stop_silos
  if [ -n "$started_pg" ]; then deploy/local/postgres.sh stop; fi
}
trap cleanup EXIT
if ! deploy/local/postgres.sh status; then deploy/local/postgres.sh start; started_pg=yes; fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dotnet build src/LingHuo.Silo -c Release -nologo -v quiet >/dev/null
dotnet build tests/LingHuo.LoadTest -c Release -nologo -v quiet >/dev/null
source deploy/bench/auth.sh
export LingHuo__Applicants__KeySecret="$(head -c 32 /dev/urandom | base64)"

run() { # run <label> <silos> <tracing>
  local label=$1 silos=$2 tracing=$3 addresses=() logs=()
  "$bin/psql" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -q -d postgres \
    -c "set client_min_messages = warning" -c "drop database if exists linghuo_bench_cluster with (force)" -c "create database linghuo_bench_cluster"
  local connection="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=linghuo_bench_cluster"
  LingHuo__Storage__ConnectionString="$connection" dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll migrate >/dev/null
  for ((i = 0; i < silos; i++)); do
    local log; log=$(mktemp); logs+=("$log")
    LingHuo__Storage__ConnectionString="$connection" LingHuo__Cluster__ClusterId="bench-cluster" \
      LingHuo__Cluster__SiloPort=$((21311 + i)) LingHuo__Cluster__GatewayPort=$((31311 + i)) \
      LingHuo__Gateway__Port=$((5199 + i)) LingHuo__Telemetry__Tracing="$tracing" \
      dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll >"$log" 2>&1 &
    silo_pids+=($!)
    addresses+=("http://127.0.0.1:$((5199 + i))")
  done
  for log in "${logs[@]}"; do
    for _ in $(seq 1 120); do grep -q '^gRPC:' "$log" && break; sleep 0.5; done
    grep -q '^gRPC:' "$log" || { cat "$log"; exit 1; }
  done
  local all; all=$(IFS=,; echo "${addresses[*]}")
  for scenario in submit get; do
    printf '%s: ' "$label"
    dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll grpc "$all" "$scenario" "$callers" "$seconds"
  done
  stop_silos
  rm -f "${logs[@]}"
}

run "1 silo, tracing off" 1 false
run "1 silo, tracing on" 1 true
run "2 silos, tracing on" 2 true
run "3 silos, tracing on" 3 true
