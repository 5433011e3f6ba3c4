#!/usr/bin/env bash
# Measures, in one run on this machine: pgbench's single-row upsert tps (the durable-write ceiling), durable
# submissions through the grain API at 64 callers, and memory per activated application grain. Results on stdout.
# CALLERS and SECONDS_TO_RUN change the load; EXTRA_CONNECTION appends connection-string settings (e.g. ";No Reset On Close=true").
set -euo pipefail
cd "$(dirname "$0")/../.."
export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
callers="${CALLERS:-64}"
seconds="${SECONDS_TO_RUN:-20}"

started_pg=""
if ! deploy/local/postgres.sh status; then deploy/local/postgres.sh start; started_pg=yes; fi
trap '[ -n "$started_pg" ] && deploy/local/postgres.sh stop' EXIT
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$bin/psql" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

psql -d postgres -c "drop database if exists linghuo_bench with (force)" -c "create database linghuo_bench"
psql -d linghuo_bench -c "create table bench_state (id int primary key, payload bytea not null, version int not null)"
echo "== pgbench: single-row upsert, ${callers} clients, ${seconds} s"
"$bin/pgbench" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -n -c "$callers" -j 2 -T "$seconds" -f deploy/bench/upsert.sql linghuo_bench | grep -E "^(tps|latency)"
psql -d linghuo_bench -c "drop table bench_state"

connection="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=linghuo_bench${EXTRA_CONNECTION:-}"
dotnet build tests/LingHuo.LoadTest -c Release -nologo -v quiet >/dev/null
LingHuo__Storage__ConnectionString="$connection" dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll migrate >/dev/null
echo "== grains: durable submissions, ${callers} callers, ${seconds} s"
dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll grains "$connection" "$callers" "$seconds" 10100
echo "== memory: 10,000 application grains activated in a fresh silo process"
dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll memory "$connection" 10000
