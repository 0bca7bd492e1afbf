#!/usr/bin/env bash
# Installs Debian's chromium for the live-page browser test of `hackle serve`
# (tests/Hackle.Cli.Tests). Playwright's own browser download does not work on these
# machines, so the test drives /usr/bin/chromium. Safe to run more than once.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
