#!/usr/bin/env bash
# A/B of the working tree against an earlier revision on this machine, in alternating rounds so that both see the same
# noise: per round and side a fresh database, one silo, SubmitApplication at its maximum (256 callers) and a department
# feed's catch-up of a 100,000-event backlog. Prints each round and the medians with the ratio candidate / base.
#   deploy/bench/compare.sh BASE_REVISION [ROUNDS=3]
# EXTRA_PARTITIONS=N first adds N empty past months to case_events and access_audit on the candidate's database (where
# the table is partitioned), as years of service would leave them.
set -euo pipefail
cd "$(dirname "$0")/../.."
base_rev=${1:?usage: deploy/bench/compare.sh BASE_REVISION [ROUNDS]}
rounds=${2:-3}
export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
seconds="${SECONDS_TO_RUN:-15}"

started_pg="" silo_pid=""
base=$(mktemp -d)
results=$(mktemp -d)
cleanup() {
  if [ -n "$silo_pid" ]; then kill -TERM "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
  git worktree remove --force "$base" 2>/dev/null || true
  if [ -n "$started_pg" ]; then deploy/local/postgres.sh stop; fi
  rm -rf "$results"
}
trap cleanup EXIT
if ! deploy/local/postgres.sh status >/dev/null; then deploy/local/postgres.sh start; started_pg=yes; fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
psql() { "$bin/psql" -h 127.0.0.1 -p "$LINGHUO_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

git worktree add --detach "$base" "$base_rev" >/dev/null
for tree in . "$base"; do
  dotnet build "$tree/src/LingHuo.Silo" -c Release -nologo -v quiet >/dev/null
  dotnet build "$tree/tests/LingHuo.LoadTest" -c Release -nologo -v quiet >/dev/null
done
source deploy/bench/auth.sh
export LingHuo__Applicants__KeySecret="$(head -c 32 /dev/urandom | base64)"
export LingHuo__Cases__Acceptance__Mode=Auto

side() { # side NAME TREE ROUND: one measurement of one side
  local name=$1 tree=$2 round=$3 db="linghuo_compare_$1"
  psql -d postgres -c "set client_min_messages = warning" -c "drop database if exists $db with (force)" -c "create database $db"
  local cs="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=$db"
  LingHuo__Storage__ConnectionString="$cs" dotnet "$tree/src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll" migrate >/dev/null
  if [ "$name" = candidate ] && [ "${EXTRA_PARTITIONS:-0}" -gt 0 ]; then
    psql -d "$db" -c "select count(*) from generate_series(1, ${EXTRA_PARTITIONS}) m,
      lateral (select linghuo_create_month('case_events', 'submitted_at', linghuo_month_start(now(), -m)),
                      linghuo_create_month('access_audit', 'at', linghuo_month_start(now(), -m))) x" >/dev/null
  fi
  local log="$results/$name-$round.log"
  LingHuo__Storage__ConnectionString="$cs" LingHuo__Cluster__ClusterId="compare-$name-$round" LingHuo__Cluster__SiloPort=21521 \
    LingHuo__Cluster__GatewayPort=31521 LingHuo__Gateway__Port=5398 LingHuo__Management__Port=9398 \
    dotnet "$tree/src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll" >"$log" 2>&1 &
  silo_pid=$!
  for _ in $(seq 1 120); do grep -q 'gRPC:' "$log" && break; sleep 0.5; done
  local load=(dotnet "$tree/tests/LingHuo.LoadTest/bin/Release/net10.0/LingHuo.LoadTest.dll")
  local submit feed
  submit=$("${load[@]}" grpc http://127.0.0.1:5398 submit 256 "$seconds" --json | grep '^{')
  feed=$("${load[@]}" feed http://127.0.0.1:5398 "$cs" 100000 200 --json | grep '^{')
  kill -TERM "$silo_pid"; wait "$silo_pid" || true; silo_pid=""
  psql -d postgres -c "drop database $db with (force)"
  python3 -c 'import json,sys; s=json.loads(sys.argv[1]); f=json.loads(sys.argv[2]); print(json.dumps({"submit_per_s": s["submit_per_s"], "submit_p99_ms": s["submit_p99_ms"], "feed_events_per_s": f["feed_events_per_s"], "feed_live_p99_ms": f["feed_live_p99_ms"]}))' \
    "$submit" "$feed" | tee -a "$results/$name.jsonl" | sed "s/^/round $round $name: /"
}

# Base first in odd rounds, candidate first in even ones: the second of a pair runs on a server just busy with the first.
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 1 ]; then side base "$base" "$round"; side candidate . "$round"
  else side candidate . "$round"; side base "$base" "$round"; fi
done

python3 - "$results" "$base_rev" <<'PY'
import json, sys, pathlib, statistics
results, rev = pathlib.Path(sys.argv[1]), sys.argv[2]
rows = {side: [json.loads(l) for l in (results / f"{side}.jsonl").read_text().splitlines()] for side in ("base", "candidate")}
print(f"medians over {len(rows['base'])} rounds; ratio = working tree / {rev}")
for key in rows["base"][0]:
    b, c = (statistics.median(r[key] for r in rows[s]) for s in ("base", "candidate"))
    print(f"  {key}: {b:,.1f} -> {c:,.1f}  ({c / b:.2f})")
PY
