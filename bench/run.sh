#!/usr/bin/env bash
# Benchmarks, one command per measure:  bench/run.sh intake | turns | prompt | backlog | all
# Builds the service and the harness in Release, starts a private PostgreSQL under .data/bench-postgres (installing
# it from Debian's packages when missing), runs the measure, and prints a Markdown table for bench/README.md.
# BENCH_RUNS (default 5) sets how many runs each median is taken over.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
measure=${1:-all}
case "$measure" in intake|turns|prompt|backlog|all) ;; *) echo "usage: bench/run.sh intake|turns|prompt|backlog|all" >&2; exit 2 ;; esac

out=.data/bench
dotnet publish src/Assistant.Host -c Release -o "$out/service" --nologo -v quiet >/dev/null
dotnet build bench/Assistant.Bench -c Release -o "$out/harness" --nologo -v quiet >/dev/null

scripts/postgres.sh ensure
cluster=.data/bench-postgres
trap 'scripts/postgres.sh stop "$cluster"' EXIT
BENCH_POSTGRES=$(scripts/postgres.sh start "$cluster")
export BENCH_POSTGRES BENCH_SERVICE_DLL=$PWD/$out/service/assistant.dll BENCH_PROMPTS=$PWD/prompts

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}')"
for m in intake turns prompt backlog; do
  if [ "$measure" = all ] || [ "$measure" = "$m" ]; then
    echo
    dotnet "$out/harness/assistant-bench.dll" "$m"
  fi
done
