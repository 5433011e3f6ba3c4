#!/usr/bin/env bash
# The platform's figures in one run on this machine (7–9 minutes): pgbench's single-row upsert tps on the same
# PostgreSQL (the durable-write ceiling), then one silo with authentication on, as production runs it, driven over gRPC
# from a separate process: SubmitApplication at its maximum (256 callers) and at 500/s and 100/s offered (open loop),
# GetApplication at its maximum beside a trivial RPC's (the gateway's own ceiling), nine-matter lifecycles through the department feeds, a department feed's catch-up and
# live delivery, the silo's RSS and managed heap; then, with that silo stopped, heap per activated application grain and
# a fresh silo's start with 100,000 open cases whose deadlines fall due a minute later; last, BenchmarkDotNet on the domain hot paths (short job).
# Writes docs/perf.json (flat keys) and the table between the bench markers of docs/perf.md, with each figure's ratio to
# the pgbench ceiling.
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
# The load is the platform's own pipeline: complete submissions accepted at once, no clerk in the loop.
export LingHuo__Cases__Acceptance__Mode=Auto
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
  LingHuo__Management__Port=9399 dotnet src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll >"$log" 2>&1 &
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
step submit-max grpc "$address" submit 256 "$seconds"
step submit-100 grpc "$address" submit 64 "$seconds" 100
step submit-500 grpc "$address" submit 64 "$seconds" 500
step get-max grpc "$address" get 64 "$seconds"
step trivial-max grpc "$address" trivial 64 "$seconds"
step lifecycle lifecycle "$address" 16 "$seconds" || true
step feed feed "$address" "$LingHuo__Storage__ConnectionString" 100000 200

# The silo's own account of its memory after all of that (OpenTelemetry runtime metrics at /metrics).
curl -fsS http://127.0.0.1:9399/metrics | python3 -c '
import sys, json
rss = heap = 0
for line in sys.stdin:
    if line.startswith("dotnet_process_memory_working_set_bytes"): rss = float(line.split()[-1])
    if line.startswith("dotnet_gc_last_collection_heap_size_bytes"): heap += float(line.split()[-1])
print(json.dumps({"server_rss_bytes": rss, "server_heap_bytes": heap}))' > "$results/server.json"
cat "$results/server.json"
kill -TERM "$silo_pid"; wait "$silo_pid" || true; silo_pid=""

cs="$LingHuo__Storage__ConnectionString"
step memory memory "$cs" 5000
step deadlines deadlines "$cs" 100000 || true

echo "== BenchmarkDotNet: domain hot paths (short job)"
dotnet run -c Release --project tests/LingHuo.Benchmarks -- --filter '*' --job short --exporters json --artifacts "$results/bdn" \
  | grep -E '^\| ' || true

python3 - "$results" <<'PY'
import json, sys, pathlib, datetime
results = pathlib.Path(sys.argv[1])
def load(name): return json.loads((results / f"{name}.json").read_text())
figures = {"measured_on": datetime.date.today().isoformat()}
figures.update(load("pgbench"))
submit, at500, get, life = load("submit-max"), load("submit-500"), load("get-max"), load("lifecycle")
at100 = load("submit-100")
figures.update({"submit_per_s_at_100": at100["submit_per_s"], "submit_p50_ms_at_100": at100["submit_p50_ms"], "submit_p99_ms_at_100": at100["submit_p99_ms"]})
figures["trivial_max_per_s"] = load("trivial-max")["trivial_per_s"]
for name in ("feed", "server", "memory", "deadlines"):
    figures.update(load(name))
report = next((results / "bdn" / "results").glob("*-report*.json"), None)
for b in json.loads(report.read_text())["Benchmarks"] if report else []:
    figures[f"bdn_{b['Method']}_ns"] = round(b["Statistics"]["Mean"], 2)
    figures[f"bdn_{b['Method']}_bytes"] = b["Memory"]["BytesAllocatedPerOperation"]
figures.update({
    "submit_max_per_s": submit["submit_per_s"], "submit_p99_ms_max": submit["submit_p99_ms"],
    "submit_per_s_at_500": at500["submit_per_s"], "submit_p50_ms_at_500": at500["submit_p50_ms"],
    "submit_p99_ms_at_500": at500["submit_p99_ms"],
    "get_max_per_s": get["get_per_s"], "get_p50_ms": get["get_p50_ms"], "get_p99_ms": get["get_p99_ms"],
    "lifecycle_cases_per_s": life["lifecycle_cases_per_s"], "transitions_per_s": life["transitions_per_s"],
})
pathlib.Path("docs/perf.json").write_text(json.dumps(figures, indent=2) + "\n")
ceiling = figures["pgbench_tps"]
def bdn(method): return figures.get(f"bdn_{method}_ns"), figures.get(f"bdn_{method}_bytes")
def mb(value): return f"{value / 1048576:,.0f} MB"
precheck, parse = bdn("FullPrecheck"), bdn("IdentityParse")
deadline, days = bdn("StatutoryDeadline"), bdn("CalendarDays")
rows = [
    ("pgbench single-row upsert (the ceiling)", f"{ceiling:,.0f} tps", "", "1.00"),
    ("SubmitApplication, max (256 callers)", f"{figures['submit_max_per_s']:,.0f} /s", "≥ 0.25 × pgbench; ≥ 1,000 /s", f"{figures['submit_max_per_s'] / ceiling:.3f}"),
    ("SubmitApplication at 100/s offered: achieved, p50, p99", f"{figures['submit_per_s_at_100']:,.0f} /s, p50 {figures['submit_p50_ms_at_100']:,.0f} ms, p99 {figures['submit_p99_ms_at_100']:,.0f} ms", "", ""),
    ("SubmitApplication at 500/s offered: achieved, p99", f"{figures['submit_per_s_at_500']:,.0f} /s, p99 {figures['submit_p99_ms_at_500']:,.0f} ms", "p99 ≤ 50 ms", ""),
    ("a trivial RPC, max (64 callers): the gateway's ceiling", f"{figures['trivial_max_per_s']:,.0f} /s", "", f"{figures['trivial_max_per_s'] / ceiling:.2f}"),
    ("GetApplication, max (64 callers), p99 (ratio to the trivial RPC)", f"{figures['get_max_per_s']:,.0f} /s, p99 {figures['get_p99_ms']:.1f} ms", "≥ 0.5 × trivial", f"{figures['get_max_per_s'] / figures['trivial_max_per_s']:.2f} × trivial"),
    ("nine-matter lifecycle to closure", f"{figures['lifecycle_cases_per_s']:.1f} cases/s", "≥ 100 cases/s", ""),
    ("durable transitions", f"{figures['transitions_per_s']:,.0f} /s", "≥ 3,000 /s", f"{figures['transitions_per_s'] / ceiling:.3f}"),
    ("feed: catch-up to one subscriber", f"{figures['feed_events_per_s']:,.0f} events/s; 100,000 in {figures['feed_catchup_100k_s']:.1f} s", "≥ 10,000 /s; ≤ 10 s", f"{figures['feed_events_per_s'] / ceiling:.2f}"),
    ("feed: acknowledgement to live delivery (a fresh subscriber caught up, then 200 submissions at 100/s)", f"p50 {figures['feed_live_p50_ms']:.0f} ms, p99 {figures['feed_live_p99_ms']:.0f} ms", "p99 ≤ 100 ms", ""),
    ("managed heap per active application grain", f"{figures['heap_bytes_per_grain']:,.0f} B (RSS {figures['rss_bytes_per_grain']:,.0f} B)", "≤ 4 KB", ""),
    ("100,000 open cases with deadlines: start to serving (deadlines are rows: nothing to load)", f"{figures['deadlines_100k_ready_s']:.1f} s", "≤ 30 s", ""),
    (f"… acted on: grain woken, row written (the first due {figures['deadlines_first_due_s']:.0f} s after start, the last a minute later); the latest after its due time", f"{figures['deadlines_swept']:,} of {figures['deadlines_due']:,}; {figures['deadlines_max_late_s']:.1f} s", "≤ 10 s", ""),
    ("silo after the gRPC scenarios: RSS, managed heap", f"{mb(figures['server_rss_bytes'])}, {mb(figures['server_heap_bytes'])}", "", ""),
]
if precheck[0] and parse[0]:
    rows.append(("BenchmarkDotNet: nine-matter pre-check (ratio to parsing the identity number alone)", f"{precheck[0]:,.0f} ns, {precheck[1]:,} B", "≤ 5 µs, ≤ 2 KB", f"{precheck[0] / parse[0]:.1f} × parse"))
if deadline[0] and days[0]:
    rows.append(("BenchmarkDotNet: 19-working-day deadline (ratio to calendar-day arithmetic)", f"{deadline[0]:,.1f} ns, {deadline[1]:,} B", "≤ 200 ns, 0 B", f"{deadline[0] / days[0]:.1f} × AddDays"))
table = [f"Measured {figures['measured_on']} by `deploy/bench/run.sh` (one silo, authentication on, traces off as without",
         "an OTLP endpoint, PostgreSQL and the load generator on the same 2 cores); ratio = figure / pgbench tps of the same",
         "run unless it says otherwise.", "",
         "| measure | result | target | ratio |", "|---|---:|---|---:|"]
table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
perf = pathlib.Path("docs/perf.md").read_text()
start, end = "<!-- bench:start -->", "<!-- bench:end -->"
block = start + "\n" + "\n".join(table) + "\n" + end
perf = perf[:perf.index(start)] + block + perf[perf.index(end) + len(end):] if start in perf else perf.rstrip() + "\n\n## The latest run of deploy/bench/run.sh\n\n" + block + "\n"
pathlib.Path("docs/perf.md").write_text(perf)
print("\n".join(table))
PY
