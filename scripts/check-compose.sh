#!/usr/bin/env bash
# Checks docker-compose.yml with Debian's docker-compose (installed when missing): the file parses and every
# variable it uses is defined in .env.example.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-compose >/dev/null
fi
# Checked in a scratch copy, with .env.example standing in for the operator's .env (which env_file requires).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp docker-compose.yml "$scratch/" && cp .env.example "$scratch/.env"
(cd "$scratch" && docker-compose -f docker-compose.yml config -q)
missing=$(grep -o '\${[A-Z_]*}' docker-compose.yml | tr -d '${}' | sort -u | while read -r name; do grep -q "^$name=" .env.example || echo "$name"; done)
if [ -n "$missing" ]; then echo "check-compose: .env.example lacks: $missing" >&2; exit 1; fi
echo "docker-compose.yml is valid."
