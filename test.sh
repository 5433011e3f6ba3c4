#!/usr/bin/env bash
# Lints the protos (buf), restores, builds (warnings are errors) and runs every test of LingHuo.Orleans, including those against a real
# PostgreSQL: it starts the checkout's private cluster (deploy/local/postgres.sh, installing PostgreSQL if missing) and
# stops it again if it was not already running. Then the domain, gateway and tools tests run once more with the clock moved
# 400 days ahead (Debian's faketime, installed if missing; the grain tests also restart silo processes under it).
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

# From the OS packages: faketime (the clock-shift runs below, and silo processes restarted "weeks later"), the CJK
# font documents are set in (fonts-wqy-microhei), pdftoppm to draw their pages (poppler-utils), and the browser the
# console's tests drive (chromium, with fonts-noto-cjk so that Chinese renders; nothing downloads a browser of its own),
# and Node.js for buf and the gRPC-Web client outside .NET (tests/grpc-web-node).
missing=()
command -v faketime >/dev/null || missing+=(faketime)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from the OS packages..." >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Prometheus, which the dashboard test runs against a real silo: the binary only (no node exporter), and no service
# started by the package (policy-rc.d refuses it, as container images do): the test starts its own on loopback.
if ! command -v prometheus >/dev/null; then
  echo "Installing prometheus from the OS packages..." >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d && policy=yes
  fi
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  if [ -n "$policy" ]; then $sudo rm -f /usr/sbin/policy-rc.d; fi
fi

# The public contract before anything is built: buf's standard lint rules (from the npm registry, pinned).
npx --yes @bufbuild/buf@1.75.0 lint protos
echo "buf lint: protos/ clean"

dotnet restore LingHuo.Orleans.sln
dotnet build LingHuo.Orleans.sln --no-restore -c Release

status=0
dotnet test LingHuo.Orleans.sln --no-build -c Release 2>&1 | tee "$log" || status=$?

# The same domain and gateway tests again with this process's clock 400 days ahead (PostgreSQL stays on the real
# clock): a test or a part of the platform that reads the machine's date instead of the injected TimeProvider, or that
# assumes the current year, fails here long before the calendar would find it. The grain tests run on a fake business
# clock already and start real silo processes, so they are left out.
for project in tests/LingHuo.Domain.Tests tests/LingHuo.Documents.Tests tests/LingHuo.Gateway.Tests tests/LingHuo.Tools.Tests; do
  echo "== $project with the clock moved 400 days ahead"
  faketime -f '+400d' dotnet test "$project" --no-build -c Release 2>&1 | tee -a "$log" || status=$?
done

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
