#!/usr/bin/env bash
# Benchmarks, one command per measure:  bench/run.sh intake | turns | prompt | backlog | catalog | store-calls | all
# Builds the service and the harness in Release, starts a private PostgreSQL under .data/bench-postgres (installing
# it from Debian's packages when missing), runs the measure, and prints a Markdown table for bench/README.md.
# BENCH_RUNS (default 5) sets how many runs each median is taken over.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
measure=${1:-all}
case "$measure" in intake|turns|prompt|backlog|catalog|store-calls|all) ;; *) echo "usage: bench/run.sh intake|turns|prompt|backlog|catalog|store-calls|all" >&2; exit 2 ;; esac

out=.data/bench
# Quiet unless a build fails: then its errors, which dotnet writes to standard output.
build_log=$(dotnet publish src/Assistant.Host -c Release -o "$out/service" --nologo -v quiet 2>&1) || { echo "$build_log" >&2; exit 1; }
build_log=$(dotnet build bench/Assistant.Bench -c Release -o "$out/harness" --nologo -v quiet 2>&1) || { echo "$build_log" >&2; exit 1; }

scripts/postgres.sh ensure
cluster=.data/bench-postgres
trap 'scripts/postgres.sh stop "$cluster"' EXIT
# pg_stat_statements lets the turn and backlog measures count the statements a turn or an event runs.
BENCH_POSTGRES=$(POSTGRES_OPTIONS="-c shared_preload_libraries=pg_stat_statements" scripts/postgres.sh start "$cluster")
export BENCH_POSTGRES BENCH_SERVICE_DLL=$PWD/$out/service/assistant.dll BENCH_PROMPTS=$PWD/prompts

echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version), PostgreSQL $(psql --version | awk '{print $3}')"
for m in intake turns prompt backlog catalog; do
  if [ "$measure" = all ] || [ "$measure" = "$m" ]; then
    echo
    if [ "$m" = catalog ]; then
      # The searches run inside the harness: with the runtime settings the service ships with (Assistant.Host.csproj),
      # not the harness's, whose background JIT measured half the search's CPU.
      DOTNET_TieredCompilation=0 DOTNET_GCgen0MaxBudget=0x2000000 dotnet "$out/harness/assistant-bench.dll" "$m"
    else
      dotnet "$out/harness/assistant-bench.dll" "$m"
    fi
  fi
done

if [ "$measure" = all ] || [ "$measure" = store-calls ]; then
  # The shipped evals against each platform's fake store (tests/Assistant.Tests/Evals/StoreEvalTests.cs): API calls per scenario.
  echo
  results=$(mktemp -d)
  ASSISTANT_TEST_POSTGRES=$BENCH_POSTGRES dotnet test tests/Assistant.Tests --nologo -v quiet --filter "FullyQualifiedName~StoreEvalTests" \
    --results-directory "$results" --logger "trx;LogFileName=store-calls.trx" >/dev/null
  grep -ho $'store-calls\t[^<]*' "$results/store-calls.trx" | awk -F'\t' '
    { calls[$3, $2] = $5; turns[$3] = $4; names[$3] = 1 }
    END { for (s in names) printf "%s\t%d\t%d\t%d\n", s, turns[s], calls[s, "shopify"], calls[s, "woocommerce"] }' | sort | awk -F'\t' '
    BEGIN { print "| scenario | turns | Shopify calls | WooCommerce calls |"; print "|---|---|---|---|" }
    { printf "| %s | %d | %d | %d |\n", $1, $2, $3, $4; shopify += $3; woo += $4; n++ }
    END { printf "| **mean per scenario** | | %.2f | %.2f |\n", shopify / n, woo / n }'
  rm -rf "$results"
fi
