#!/usr/bin/env bash
# Set up the course's test environment from scratch and run the whole test suite, tier by tier.
# Usage: [MEDSOME_TIERS="unit integration ..."] bash scripts/test.sh [pytest arguments for every tier]
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

# The tiers (README.md, "Run the tests"), on both cores with pytest-xdist. With --dist loadgroup the
# tests sharing a slow session fixture run in one worker (tests/conftest.py), so it is built once.
# The hub tier runs alongside the others: it waits mostly on its own servers, not on the cores.
declare -A TIER=(
  [unit]="-n 2"
  [integration]="-m integration -n 2 --dist loadgroup"
  [browser]="-m browser -n 2 --dist loadgroup"
  [site]="-m site -n 2 --dist loadgroup"
  [hub]="-m hub"
)
TIERS=${MEDSOME_TIERS:-unit integration browser site hub}
for name in $TIERS; do
  [ -n "${TIER[$name]+set}" ] || { echo "unknown tier '$name' in MEDSOME_TIERS: choose from ${!TIER[*]}" >&2; exit 2; }
done
mkdir -p test-artifacts
TIMES=test-artifacts/tier-times.txt
: >"$TIMES"

# run_tier NAME [pytest arguments] -- run one tier and note its time; a tier with no tests passes.
run_tier() {
  local name=$1 started=$SECONDS status=0
  shift
  eval ".venv/bin/python -m pytest ${TIER[$name]} \"\$@\"" || status=$?
  [ "$status" = 5 ] && status=0
  echo "$name: $((SECONDS - started)) s, exit $status" >>"$TIMES"
  return "$status"
}

failed=()
hub_pid=
if [[ " $TIERS " == *" hub "* ]]; then
  run_tier hub "$@" >test-artifacts/hub-tier.log 2>&1 &
  hub_pid=$!
fi
for name in $TIERS; do
  [ "$name" = hub ] && continue
  echo "=== tier: $name"
  run_tier "$name" "$@" || failed+=("$name")
done
if [ -n "$hub_pid" ]; then
  echo "=== tier: hub (ran alongside; its log: test-artifacts/hub-tier.log)"
  wait "$hub_pid" || failed+=(hub)
  cat test-artifacts/hub-tier.log
fi

echo "=== time per tier (wall clock; the hub tier overlaps the others)"
cat "$TIMES"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed tiers: ${failed[*]}"
  exit 1
fi
