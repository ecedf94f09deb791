#!/usr/bin/env bash
# Debian's Chromium for the browser tests of the /admin page (driven by Playwright .NET; Playwright's own browser
# download is never used).
#   chromium.sh ensure   install chromium with apt when /usr/bin/chromium (or $ASSISTANT_CHROMIUM) is missing
set -euo pipefail

ensure() {
  local executable=${ASSISTANT_CHROMIUM:-/usr/bin/chromium}
  if [ -x "$executable" ]; then return 0; fi
  echo "chromium.sh: installing Chromium from Debian's packages..." >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  [ -x "$executable" ] || { echo "chromium.sh: $executable still missing after install" >&2; exit 1; }
}

case "${1:-}" in
  ensure) ensure ;;
  *) echo "usage: chromium.sh ensure" >&2; exit 2 ;;
esac
