#!/usr/bin/env bash
# Lints the protos (buf), restores, builds (warnings are errors) and runs every test of LingHuo.Orleans, including those against a real
# PostgreSQL: it starts the checkout's private cluster (deploy/local/postgres.sh, installing PostgreSQL if missing) and
# stops it again if it was not already running.
# Ends with one line "Tests: N passed, N failed, N skipped"; under CI a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")"

export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
started_pg=""
if ! deploy/local/postgres.sh status; then
  deploy/local/postgres.sh start
  started_pg=yes
fi
log=$(mktemp)
cleanup() {
  rm -f "$log"
  if [ -n "$started_pg" ]; then deploy/local/postgres.sh stop; fi
}
trap cleanup EXIT
export LINGHUO_TEST_POSTGRES="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=postgres"

# The public contract first: buf's standard lint rules (from the npm registry, pinned).
npx --yes @bufbuild/buf@1.75.0 lint protos
echo "buf lint: protos/ clean"

dotnet restore LingHuo.Orleans.sln
dotnet build LingHuo.Orleans.sln --no-restore -c Release

status=0
dotnet test LingHuo.Orleans.sln --no-build -c Release 2>&1 | tee "$log" || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 347, Skipped: 0, ...").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) }
      if ($i == "Passed:")  { p += $(i+1) }
      if ($i == "Skipped:") { s += $(i+1) }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")

echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
if [ -n "${CI:-}" ] && [ "$skipped" -ne 0 ]; then
  echo "A skipped test fails the run in CI." >&2
  exit 1
fi
