#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL and prints "tests: N passed, M failed[, K skipped]".
# With ASSISTANT_TEST_POSTGRES set (a connection string to a superuser), that server is used; otherwise a
# private cluster is started under .data/ (PostgreSQL is installed from Debian's packages when missing) and
# stopped afterwards. Chromium, for the /admin page's browser tests, is installed the same way when missing. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Inbox").
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "${ASSISTANT_TEST_POSTGRES:-}" ]; then
  scripts/postgres.sh ensure || exit 1
  cluster=.data/test-postgres
  trap 'scripts/postgres.sh stop "$cluster"' EXIT
  ASSISTANT_TEST_POSTGRES=$(scripts/postgres.sh start "$cluster") || exit 1
  export ASSISTANT_TEST_POSTGRES
fi

# The /admin page's tests drive Debian's Chromium.
scripts/chromium.sh ensure || exit 1
# The Shopify adapter's queries are checked against Shopify's published schema.
ASSISTANT_SHOPIFY_SCHEMA=$(scripts/shopify-schema.sh ensure) || exit 1
export ASSISTANT_SHOPIFY_SCHEMA

log=$(mktemp)
# Every log line of the run (in-process hosts and service processes) lands here, with the secrets the tests use.
ASSISTANT_TEST_LOG_DIR=$(mktemp -d)
export ASSISTANT_TEST_LOG_DIR
# The console stays quiet; a failed test's message and stack are printed from the TRX report below.
results=$(mktemp -d)
dotnet test Assistant.sln --nologo -v quiet --results-directory "$results" --logger "trx;LogFilePrefix=tests" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  if grep -q 'outcome="Failed"' "$trx"; then
    echo "failures (from $(basename "$trx")):"
    grep -o 'testName="[^"]*" [^>]*outcome="Failed"' "$trx" | sed -E 's/testName="([^"]*)".*/  \1/'
    sed -n '/<ErrorInfo>/,/<\/ErrorInfo>/p' "$trx" | sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' | head -80
  fi
done
rm -rf "$results"

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 42, Skipped: 1, Total: 43, ...".
sum() { grep -Eo "$1: +[0-9]+" "$log" | awk '{ s += $NF } END { print s + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
rm -f "$log"

# The secrets scan over the whole run's logs counts as one more test.
archive=$ASSISTANT_TEST_LOG_DIR/run.log secrets=$ASSISTANT_TEST_LOG_DIR/secrets.txt
if [ -s "$archive" ] && [ -s "$secrets" ]; then
  lines=$(wc -l <"$archive")
  leaks=$(grep -c -F -f "$secrets" "$archive")
  if [ "$leaks" = 0 ]; then
    echo "log scan: $lines log lines from the whole run, no token, secret or pubsub_token value in any"
    passed=$((passed + 1))
  else
    echo "log scan: $leaks of $lines log lines contain a secret value; the first (secrets masked):"
    grep -m 3 -F -f "$secrets" "$archive" | sed -E "s/$(paste -sd'|' "$secrets" | sed 's/[.[\*^$()+?{}]/\\&/g')/***/g" | cut -c1-300
    failed=$((failed + 1))
  fi
elif [ $# = 0 ]; then
  echo "log scan: the run left no log archive to scan"
  failed=$((failed + 1))
fi
rm -rf "$ASSISTANT_TEST_LOG_DIR"
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" = 0 ] && [ "$failed" = 0 ]
