#!/usr/bin/env bash
# Set up the course's test environment from scratch and run the whole test suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# compile the draft analyser's word lists once (medsome.lexicon caches them), so no test or kernel waits
.venv/bin/python -c "from medsome.lexicon import lexicon; lexicon()"

# debian PACKAGES... -- WHAT: install Debian packages as root; elsewhere say what will not be tested.
debian() {
  local packages=()
  while [ "$1" != "--" ]; do packages+=("$1"); shift; done
  shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "${packages[*]} not found: $*. Install Debian's '${packages[*]}' to run them."
  fi
}

# npm FOLDER PACKAGE -- WHAT: install an npm package into a git-ignored tools folder.
npm_tool() {
  local folder=$1 package=$2
  shift 3
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix "$folder" "$package" >/dev/null
  else
    echo "npm not found: $*. Install Node.js and npm to run them."
  fi
}

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
command -v chromium >/dev/null 2>&1 || debian chromium -- browser tests will be skipped

# Grading runs every kernel in a bubblewrap sandbox; without it `medsome grade` refuses and the
# grading tests fail.
command -v bwrap >/dev/null 2>&1 || debian bubblewrap -- grading tests will fail

# axe-core (accessibility) and the hub's proxy come from npm; CI machines get Debian's npm.
command -v npm >/dev/null 2>&1 || debian nodejs npm -- accessibility and hub tests will be skipped

# The browser and website tests check accessibility with axe-core, in the git-ignored .browser-tools/.
[ -f .browser-tools/node_modules/axe-core/axe.min.js ] ||
  npm_tool .browser-tools axe-core@4 -- accessibility checks will be skipped

# The hub tests (tests/hub) run JupyterHub's proxy from npm, in the git-ignored .hub-tools/, and
# a throwaway PostgreSQL server from Debian's package.
[ -x .hub-tools/node_modules/.bin/configurable-http-proxy ] ||
  npm_tool .hub-tools configurable-http-proxy@5 -- hub tests will be skipped
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 ||
  debian postgresql -- hub tests will be skipped

exec .venv/bin/python -m pytest "$@"
