#!/usr/bin/env bash
# Restores, builds (warnings are errors) and runs every test of LingHuo.Orleans.
# Ends with one line "Tests: N passed, N failed, N skipped"; under CI a skipped test fails the run.
set -euo pipefail
cd "$(dirname "$0")"

dotnet restore LingHuo.Orleans.sln
dotnet build LingHuo.Orleans.sln --no-restore -c Release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
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
