#!/usr/bin/env bash
# Runs the assistant from source. Without ConnectionStrings__Postgres it starts a private PostgreSQL cluster under
# .data/dev (installing PostgreSQL from Debian's packages when missing) and stops it on exit.
# Arguments go to the assistant: `scripts/run.sh migrate`, `scripts/run.sh serve --urls http://0.0.0.0:5080`.
# With no arguments and no Chatwoot configured it is the quick start: the demo store, then the terminal sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  scripts/postgres.sh ensure
  cluster=.data/dev
  trap 'scripts/postgres.sh stop "$cluster"' EXIT
  ConnectionStrings__Postgres=$(scripts/postgres.sh start "$cluster")
  export ConnectionStrings__Postgres
fi

dotnet build src/Assistant.Host -c Release -v quiet --nologo >/dev/null
assistant=src/Assistant.Host/bin/Release/net10.0/assistant
if [ $# -eq 0 ] && [ -z "${Chatwoot__BaseUrl:-}" ]; then
  "$assistant" seed-demo
  set -- chat --as cus_jane --verified
fi
"$assistant" "$@"
