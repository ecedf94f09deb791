#!/usr/bin/env bash
# Shopify's published Admin GraphQL schema and graphql-js, to check the Shopify adapter's queries against the API
# version they are written for (the schema ships in Shopify's own @shopify/dev-mcp package, from the npm registry).
#   shopify-schema.sh ensure   fetch them once into a cache folder (Node.js from apt when missing); prints the folder
set -euo pipefail

MCP_VERSION=1.16.0
GRAPHQL_VERSION=16.11.0
API_VERSION=2026-10

ensure() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "shopify-schema.sh: installing Node.js from Debian's packages..." >&2
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >&2
  fi

  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/assistant/shopify-schema-$MCP_VERSION-$GRAPHQL_VERSION"
  if [ ! -s "$dir/admin_$API_VERSION.json.gz" ] || [ ! -d "$dir/node_modules/graphql" ]; then
    local work
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "@shopify/dev-mcp@$MCP_VERSION" >/dev/null \
      && tar xzf shopify-dev-mcp-*.tgz "package/dist/data/admin_$API_VERSION.json.gz") >&2
    mkdir -p "$dir"
    npm install --silent --no-save --no-audit --no-fund --prefix "$dir" "graphql@$GRAPHQL_VERSION" >&2
    mv "$work/package/dist/data/admin_$API_VERSION.json.gz" "$dir/"
    rm -rf "$work"
  fi
  echo "$dir"
}

case "${1:-}" in
  ensure) ensure ;;
  *) echo "usage: shopify-schema.sh ensure" >&2; exit 2 ;;
esac
