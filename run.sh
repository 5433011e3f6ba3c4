#!/usr/bin/env bash
# Runs LingHuo.Orleans on this machine. At this stage it shows the domain's view of a sample nine-matter application
# (pre-check and SLA deadlines); the silo and gateway come with the next issues.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run --project src/LingHuo.Cli -c Release -- sample "$@"
