#!/usr/bin/env bash
# The platform's figures in one run on this machine (≈ 5 minutes): pgbench's single-row upsert tps on the same
# PostgreSQL (the durable-write ceiling), then one silo with authentication and tracing on, driven over gRPC from a
# separate process: SubmitApplication at its maximum (64 callers) and at 500/s offered (open loop), GetApplication at
# its maximum, and nine-matter lifecycles through the department feeds. Writes docs/perf.json (flat keys) and the table
# between the bench markers of docs/perf.md, with each figure's ratio to the pgbench ceiling.
set -euo pipefail
cd "$(dirname "$0")/../.."
export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
seconds="${SECONDS_TO_RUN:-15}"

started_pg=""
silo_pid=""
results=$(mktemp -d)
cleanup() {
  if [ -n "$silo_pid" ]; then kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
  if [ -n "$started_pg" ]; then deploy/local/postgres.sh stop; fi
  rm -rf "$results"
}
trap cleanup EXIT
if ! deploy/local/postgres.sh status; then deploy/local/postgres.sh start; started_pg=yes; fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$bin/psql" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

dotnet build src/LingHuo.Silo -c Release -nologo -v quiet >/dev/null
dotnet build tests/LingHuo.LoadTest -c Release -nologo -v quiet >/dev/null
source deploy/bench/auth.sh
export LingHuo__Applicants__KeySecret="$(head -c 32 /dev/urandom | base64)"
load=(dotnet tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll)

echo "== pgbench: single-row upsert of 1.2 KB, 64 clients, ${seconds} s"
psql -d postgres -c "set client_min_messages = warning" -c "drop database if exists linghuo_bench_run with (force)" -c "create database linghuo_bench_run"
psql -d linghuo_bench_run -c "create table bench_state (id int primary key, payload bytea not null, version int not null)"
tps=$("$bin/pgbench" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -n -c 64 -j 2 -T "$seconds" -f deploy/bench/upsert.sql linghuo_bench_run \
  | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
echo "pgbench: ${tps} tps"
echo "{\"pgbench_tps\": ${tps}}" > "$results/pgbench.json"
psql -d linghuo_bench_run -c "drop table bench_state"

export LingHuo__Storage__ConnectionString="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=linghuo_bench_run"
dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll migrate >/dev/null
log=$(mktemp)
LingHuo__Cluster__ClusterId=bench-run LingHuo__Cluster__SiloPort=21511 LingHuo__Cluster__GatewayPort=31511 LingHuo__Gateway__Port=5399 \
  dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll >"$log" 2>&1 &
silo_pid=$!
for _ in $(seq 1 120); do grep -q '^gRPC:' "$log" && break; sleep 0.5; done
grep -q '^gRPC:' "$log" || { cat "$log"; exit 1; }
address=http://127.0.0.1:5399

step() { # step NAME LOADTEST-ARGS...: runs the load generator, keeps its JSON line
  local name=$1; shift
  echo "== $name"
  "${load[@]}" "$@" --json | tee "$results/$name.out" | grep -v '^{'
  grep '^{' "$results/$name.out" > "$results/$name.json"
}
step submit-max grpc "$address" submit 64 "$seconds"
step submit-500 grpc "$address" submit 64 "$seconds" 500
step get-max grpc "$address" get 64 "$seconds"
step lifecycle lifecycle "$address" 16 "$seconds" || true

python3 - "$results" <<'PY'
import json, sys, pathlib, datetime
results = pathlib.Path(sys.argv[1])
def load(name): return json.loads((results / f"{name}.json").read_text())
figures = {"measured_on": datetime.date.today().isoformat()}
figures.update(load("pgbench"))
submit, at500, get, life = load("submit-max"), load("submit-500"), load("get-max"), load("lifecycle")
figures.update({
    "submit_max_per_s": submit["submit_per_s"], "submit_p99_ms_max": submit["submit_p99_ms"],
    "submit_per_s_at_500": at500["submit_per_s"], "submit_p50_ms_at_500": at500["submit_p50_ms"],
    "submit_p99_ms_at_500": at500["submit_p99_ms"],
    "get_max_per_s": get["get_per_s"], "get_p50_ms": get["get_p50_ms"], "get_p99_ms": get["get_p99_ms"],
    "lifecycle_cases_per_s": life["lifecycle_cases_per_s"], "transitions_per_s": life["transitions_per_s"],
})
pathlib.Path("docs/perf.json").write_text(json.dumps(figures, indent=2) + "\n")
ceiling = figures["pgbench_tps"]
rows = [
    ("pgbench single-row upsert (the ceiling)", f"{ceiling:,.0f} tps", "", "1.00"),
    ("SubmitApplication, max (64 callers)", f"{figures['submit_max_per_s']:,.0f} /s", "≥ 1,000 /s", f"{figures['submit_max_per_s'] / ceiling:.3f}"),
    ("SubmitApplication at 500/s offered: achieved, p99", f"{figures['submit_per_s_at_500']:,.0f} /s, p99 {figures['submit_p99_ms_at_500']:,.0f} ms", "p99 ≤ 50 ms", ""),
    ("GetApplication, max (64 callers), p99", f"{figures['get_max_per_s']:,.0f} /s, p99 {figures['get_p99_ms']:.1f} ms", "≥ 20,000 /s, p99 ≤ 10 ms", ""),
    ("nine-matter lifecycle to closure", f"{figures['lifecycle_cases_per_s']:.1f} cases/s", "≥ 100 cases/s", ""),
    ("durable transitions", f"{figures['transitions_per_s']:,.0f} /s", "≥ 3,000 /s", f"{figures['transitions_per_s'] / ceiling:.3f}"),
]
table = [f"Measured {figures['measured_on']} by `deploy/bench/run.sh` (one silo, authentication and tracing on, PostgreSQL",
         "and the load generator on the same 2 cores); ratio = figure / pgbench tps of the same run.", "",
         "| measure | result | target | ratio to pgbench |", "|---|---:|---|---:|"]
table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
perf = pathlib.Path("docs/perf.md").read_text()
start, end = "<!-- bench:start -->", "<!-- bench:end -->"
block = start + "\n" + "\n".join(table) + "\n" + end
perf = perf[:perf.index(start)] + block + perf[perf.index(end) + len(end):] if start in perf else perf.rstrip() + "\n\n## The latest run of deploy/bench/run.sh\n\n" + block + "\n"
pathlib.Path("docs/perf.md").write_text(perf)
print("\n".join(table))
PY
