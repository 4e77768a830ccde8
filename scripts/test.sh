#!/usr/bin/env bash
# Set up the course's test environment from scratch and run the whole test suite, tier by tier.
# Usage: [MEDSOME_TIERS="unit integration ..."] bash scripts/test.sh [pytest arguments for every tier]
set -euo pipefail
cd "$(dirname "$0")/.."

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

# npm_tool FOLDER PACKAGE -- WHAT: install an npm package into a git-ignored tools folder.
npm_tool() {
  local folder=$1 package=$2
  shift 3
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix "$folder" "$package" >/dev/null
  else
    echo "npm not found: $*. Install Node.js and npm to run them."
  fi
}

# What Debian must provide, each installed only if missing (one apt-get for all of them):
# Chromium for the browser tests (Playwright cannot download its own browser here); bubblewrap, without
# which `medsome grade` refuses and the grading tests fail; npm for axe-core and the hub's proxy; and
# PostgreSQL for the hub tests.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 ||
  missing+=(postgresql)
[ "${#missing[@]}" = 0 ] ||
  debian "${missing[@]}" -- browser, grading, accessibility or hub tests will be skipped or fail

# The npm tools download while pip installs (both wait mostly on the network):
# axe-core (accessibility, for the browser and website tests) into the git-ignored .browser-tools/,
# and JupyterHub's proxy (for the hub tests, tests/hub) into the git-ignored .hub-tools/.
npm_pids=()
if [ ! -f .browser-tools/node_modules/axe-core/axe.min.js ]; then
  npm_tool .browser-tools axe-core@4 -- accessibility checks will be skipped &
  npm_pids+=($!)
fi
if [ ! -x .hub-tools/node_modules/.bin/configurable-http-proxy ]; then
  npm_tool .hub-tools configurable-http-proxy@5 -- hub tests will be skipped &
  npm_pids+=($!)
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
# compile the draft analyser's word lists once (medsome.lexicon caches them), so no test or kernel waits
.venv/bin/python -c "from medsome.lexicon import lexicon; lexicon()"
for pid in "${npm_pids[@]}"; do wait "$pid"; done

# The tiers (README.md, "Run the tests"), on both cores with pytest-xdist. With --dist loadgroup the
# tests sharing a slow fixture or cached run go to one worker (tests/conftest.py), so it is built once.
# Each tier but the unit tier collects only the folders holding its tests (each worker collects
# them again; tests/test_tier_folders.py holds the markers to these folders).
declare -A TIER=(
  [unit]="-n 2"
  [integration]="-m integration -n 2 --dist loadgroup --ignore=tests/browser --ignore=tests/website --ignore=tests/hub"
  [browser]="-m browser -n 2 --dist loadgroup tests/browser"
  [site]="-m site -n 2 --dist loadgroup tests/website"
  [hub]="-m hub tests/hub"
)
# The tiers run in lanes side by side, each lane's tiers one after the other: the hub tier waits
# mostly on its own servers, so it runs beside the others; the rest run in turn, so that the grading
# and browser tests' timeouts never compete with a second busy lane on two cores.
LANES=("unit integration browser site" "hub")
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
  echo "$name: $((SECONDS - started)) s (from $started s to $SECONDS s), exit $status" | tee -a "$TIMES" >&3
  return "$status"
}

# run_lane LANE [pytest arguments] -- run the lane's selected tiers in order, each into its own log;
# the lane's exit status is the number of tiers that failed.
run_lane() {
  local lane=$1 failures=0 name
  shift
  for name in $lane; do
    [[ " $TIERS " == *" $name "* ]] || continue
    run_tier "$name" "$@" >"test-artifacts/$name-tier.log" 2>&1 || failures=$((failures + 1))
  done
  return "$failures"
}

rm -f test-artifacts/*-tier.log
echo "=== running the tiers in lanes: $(printf '[%s] ' "${LANES[@]}")(each tier's log is printed when all are done)"
exec 3>&1  # run_tier reports each tier's end here as it happens
SECONDS=0
lane_pids=()
for lane in "${LANES[@]}"; do
  run_lane "$lane" "$@" &
  lane_pids+=($!)
done
failed=0
for pid in "${lane_pids[@]}"; do
  wait "$pid" || failed=1
done

for name in unit integration browser site hub; do
  [ -f "test-artifacts/$name-tier.log" ] && [[ " $TIERS " == *" $name "* ]] || continue
  echo "=== tier: $name (its log: test-artifacts/$name-tier.log)"
  cat "test-artifacts/$name-tier.log"
done
echo "=== time per tier (wall clock since the tiers started; tiers in different lanes overlap)"
cat "$TIMES"
echo "all tiers: ${SECONDS} s"
if [ "$failed" != 0 ]; then
  echo "failed tiers: $(grep -v 'exit 0$' "$TIMES" | cut -d: -f1 | tr '\n' ' ')"
  exit 1
fi
