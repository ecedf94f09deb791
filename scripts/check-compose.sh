#!/usr/bin/env bash
# Checks docker-compose.yml with Debian's docker-compose (installed when missing): the file parses, every variable
# it uses is defined in .env.example, no secret has a placeholder value there, .env is kept out of git and images,
# and the Chatwoot containers never receive the assistant's secrets.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-compose >/dev/null
fi
fail() { echo "check-compose: $*" >&2; exit 1; }

secrets="CHATWOOT_SECRET_KEY_BASE CHATWOOT_DB_PASSWORD ASSISTANT_DB_PASSWORD CHATWOOT_BOT_TOKEN CHATWOOT_WEBHOOK_SECRET CHATWOOT_USER_TOKEN LLM_API_KEY ZENDESK_API_TOKEN ZENDESK_WEBHOOK_SECRET ADMIN_TOKEN STORE_IDENTITY_SECRET"
for name in $secrets; do
  grep -q "^$name=$" .env.example || fail ".env.example must leave $name empty (a placeholder secret would start a public instance)"
done
grep -qx '.env' .gitignore || fail ".gitignore must list .env"
grep -qx '.env' .dockerignore || fail ".dockerignore must list .env"

missing=$(grep -o '\${[A-Z_]*' docker-compose.yml | tr -d '${' | sort -u | while read -r name; do grep -q "^$name=" .env.example || echo "$name"; done)
[ -z "$missing" ] || fail ".env.example lacks: $missing"

# Checked in a scratch copy, with .env.example standing in for the operator's .env and each secret set to a marker.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp docker-compose.yml "$scratch/"
cp .env.example "$scratch/.env"
for name in $secrets; do sed -i "s/^$name=$/$name=marker-$name/" "$scratch/.env"; done
rendered=$(cd "$scratch" && docker-compose -f docker-compose.yml config)
for service in chatwoot chatwoot-worker; do
  block=$(printf '%s\n' "$rendered" | awk -v s="  $service:" '$0 == s { on = 1; next } on && /^  [a-z]/ { on = 0 } on')
  [ -n "$block" ] || fail "service $service not found"
  for name in CHATWOOT_BOT_TOKEN CHATWOOT_WEBHOOK_SECRET CHATWOOT_USER_TOKEN LLM_API_KEY ZENDESK_API_TOKEN ZENDESK_WEBHOOK_SECRET ASSISTANT_DB_PASSWORD ADMIN_TOKEN STORE_IDENTITY_SECRET; do
    if printf '%s\n' "$block" | grep -q "marker-$name"; then fail "$service receives $name"; fi
  done
done
# The telemetry profile's UIs ask nobody to sign in: they must listen on this machine only.
telemetry=$(cd "$scratch" && docker-compose -f docker-compose.yml --profile telemetry config)
for port in 16686 8889; do
  printf '%s\n' "$telemetry" | grep -Eq -- "- 127\.0\.0\.1:$port:$port(/tcp)?$" || fail "port $port must be published on 127.0.0.1 only"
done
# With a required secret empty, compose must refuse to start.
sed -i 's/^CHATWOOT_SECRET_KEY_BASE=.*/CHATWOOT_SECRET_KEY_BASE=/' "$scratch/.env"
if (cd "$scratch" && docker-compose -f docker-compose.yml config -q 2>/dev/null); then fail "compose starts without CHATWOOT_SECRET_KEY_BASE"; fi
echo "docker-compose.yml is valid; Chatwoot gets none of the assistant's secrets; telemetry UIs listen on localhost only."
