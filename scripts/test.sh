#!/usr/bin/env bash
# Set up the course's test environment from scratch and run the whole test suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium not found: browser tests will be skipped. Install Debian's 'chromium' package to run them."
  fi
fi

# axe-core (accessibility) and the hub's proxy come from npm; CI machines get Debian's npm.
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# The browser and website tests check accessibility with axe-core, in the git-ignored .browser-tools/.
if [ ! -f .browser-tools/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix .browser-tools axe-core@4 >/dev/null
  else
    echo "npm not found: accessibility checks will be skipped. Install Node.js and npm to run them."
  fi
fi

# Grading runs every kernel in a bubblewrap sandbox (Debian's package); without it `medsome grade`
# refuses and the grading tests fail.
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends bubblewrap >/dev/null
  else
    echo "bubblewrap not found: grading tests will fail. Install Debian's 'bubblewrap' package."
  fi
fi

# The hub tests (tests/hub) run JupyterHub's proxy from npm, in the git-ignored .hub-tools/, and
# a throwaway PostgreSQL server from Debian's package.
if [ ! -x .hub-tools/node_modules/.bin/configurable-http-proxy ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix .hub-tools configurable-http-proxy@5 >/dev/null
  else
    echo "npm not found: hub tests will be skipped. Install Node.js and npm to run them."
  fi
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "PostgreSQL not found: hub tests will be skipped. Install Debian's 'postgresql' package to run them."
  fi
fi

exec .venv/bin/python -m pytest "$@"
