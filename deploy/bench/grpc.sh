#!/usr/bin/env bash
# Measures unary gRPC over real HTTP/2 from a separate client process, in one run: a trivial in-memory RPC (the
# ceiling), GetApplication on existing cases, and durable SubmitApplication; then the department feeds (catch-up of a
# 100,000-event backlog, and acknowledgement-to-delivery latency). One silo with the co-hosted gateway on a
# fresh linghuo_bench_grpc database. Results on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
callers="${CALLERS:-64}"
seconds="${SECONDS_TO_RUN:-15}"
port="${GRPC_PORT:-5099}"

started_pg=""
silo_pid=""
cleanup() {
  if [ -n "$silo_pid" ]; then kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
  if [ -n "$started_pg" ]; then deploy/local/postgres.sh stop; fi
}
trap cleanup EXIT
if ! deploy/local/postgres.sh status; then deploy/local/postgres.sh start; started_pg=yes; fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"$bin/psql" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -q -d postgres \
  -c "set client_min_messages = warning" -c "drop database if exists linghuo_bench_grpc with (force)" -c "create database linghuo_bench_grpc"

dotnet build src/LingHuo.Silo -c Release -nologo -v quiet >/dev/null
dotnet build tests/LingHuo.LoadTest -c Release -nologo -v quiet >/dev/null
source deploy/bench/auth.sh
export LingHuo__Storage__ConnectionString="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=linghuo_bench_grpc"
export LingHuo__Storage__MigrateOnStart=true
export LingHuo__Cluster__ClusterId="bench-grpc" LingHuo__Cluster__SiloPort=21211 LingHuo__Cluster__GatewayPort=31211
export LingHuo__Gateway__Port="$port"
export LingHuo__Applicants__KeySecret="$(head -c 32 /dev/urandom | base64)"
log=$(mktemp)
dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll >"$log" 2>&1 &
silo_pid=$!
for _ in $(seq 1 120); do grep -q '^gRPC:' "$log" && break; sleep 0.5; done
grep -q '^gRPC:' "$log" || { cat "$log"; exit 1; }

for scenario in trivial get submit; do
  dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll grpc "http://127.0.0.1:${port}" "$scenario" "$callers" "$seconds"
done

# Department feeds: catch-up of a 100,000-event backlog, then acknowledgement-to-delivery latency of live work.
dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll feed "http://127.0.0.1:${port}" "$LingHuo__Storage__ConnectionString" "${BACKLOG:-100000}" 200
