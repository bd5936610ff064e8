#!/usr/bin/env bash
# npm test: every suite against real parts, then one line "N passed, N failed".
#   lint & types   tsc (strict, one config per product), eslint, flake8, prettier and black, the generated-bundle check
#   set-up         what set-up would install on a fresh machine: every Debian package through
#                  apt-get --simulate, package-lock.json through npm ci --dry-run
#   jest           web_src components (jsdom) and the bridge (node)
#   odoo           odoo-bin --test-tags /addon_ops_harmony on a throw-away database, tours in Chromium
#   e2e            the bridge's CLI against a live Odoo serving that database
# A suite that cannot run counts as failed: nothing is skipped silently.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/provision.sh"
source "$(dirname "$0")/../lib/e2e.sh"
load_config
cd "$OPS_ROOT"

TEST_DIR="$OPS_DATA_DIR/test"
TEST_DB="ops_harmony_test_$$"
mkdir -p "$TEST_DIR"
export OPS_DATA_DIR="$TEST_DIR"   # the throw-away database's filestore and logs live here
TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
START_TIME=$(date +%s)
trap 'echo; echo "interrupted"; finish; exit 130' INT TERM
E2E_PID=""

record() { # record SUITE PASSED FAILED [NOTE]
  TOTAL_PASSED=$((TOTAL_PASSED + $2)); TOTAL_FAILED=$((TOTAL_FAILED + $3))
  local mark="✓"; [ "$3" -gt 0 ] && mark="✗"
  SUMMARY+=("$(printf '%s %-16s %4d passed, %d failed %s' "$mark" "$1" "$2" "$3" "${4:-}")")
  printf '    %s %s: %d passed, %d failed %s\n' "$mark" "$1" "$2" "$3" "${4:-}"
}

check() { # check SUITE COMMAND...: a suite that is one pass/fail check
  local name="$1" log="$TEST_DIR/$1.log"; shift
  step "$name"
  if "$@" > "$log" 2>&1; then record "$name" 1 0
  else tail -n 40 "$log"; record "$name" 0 1 "(log: .data/test/$name.log)"; fi
}

finish() {
  [ -n "$E2E_PID" ] && kill "$E2E_PID" 2>/dev/null && wait "$E2E_PID" 2>/dev/null
  if db_exists "$TEST_DB" 2>/dev/null; then
    PGPASSWORD="$OPS_DB_PASSWORD" dropdb -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" -U "$OPS_DB_USER" --if-exists "$TEST_DB" 2>/dev/null
    rm -rf "$TEST_DIR/filestore/filestore/$TEST_DB"
  fi
  echo
  step "Summary ($(( $(date +%s) - START_TIME ))s)"
  printf '    %s\n' "${SUMMARY[@]}"
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  [ "$TOTAL_FAILED" -eq 0 ] && [ "$TOTAL_PASSED" -gt 0 ]
}

# jest_counts FILE: "passed failed" from a jest --json report; a missing report is one failure.
jest_counts() {
  node -e '
    const fs = require("fs");
    try {
      const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
      const skipped = r.numPendingTests + r.numTodoTests;
      console.log(r.numPassedTests, r.numFailedTests + failedSuites + skipped);
    } catch (e) { console.log(0, 1); }' "$1"
}

step "Set-up"
if ! bash scripts/dev/setup.sh 2>&1 | tee "$TEST_DIR/setup.log"; then
  record "setup" 0 1 "(nothing else can run: see the ✗ line above)"; finish; exit 1
fi
ok "set-up complete"
missing=""
[ -f "$ODOO_SRC/odoo-bin" ] || missing="Odoo source at $ODOO_SRC"
command -v chromium >/dev/null || missing="${missing:+$missing, }Chromium (for the tours)"
pg_isready -q -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" || missing="${missing:+$missing, }PostgreSQL on port $OPS_DB_PORT"
if [ -n "$missing" ]; then
  printf '%s✗ MISSING: %s%s\n  → run npm run setup and read its output; the Odoo suites cannot run without them\n' "$C_RED" "$missing" "$C_OFF"
  record "prerequisites" 0 1 "(missing: $missing)"
fi

# Throw-away databases left by an earlier run that was killed: their runner's PID is gone.
for stale in $(ops_psql -c "SELECT datname FROM pg_database WHERE datname ~ '^ops_harmony_test_[0-9]+$'" 2>/dev/null); do
  kill -0 "${stale##*_}" 2>/dev/null && continue
  PGPASSWORD="$OPS_DB_PASSWORD" dropdb -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" -U "$OPS_DB_USER" --if-exists "$stale" \
    && info "dropped $stale, left by an interrupted run"
done

check typecheck npm run -s typecheck
check eslint npx eslint --max-warnings 0 .
check flake8 flake8 addon_ops_harmony scripts
# formatting: prettier (TypeScript, JavaScript, JSON, XML, Markdown, YAML) and black (Python)
check format-prettier npx prettier --check .
check format-black black --check --quiet addon_ops_harmony scripts
check generated-bundle node scripts/build/build_web.mjs --check
check setup-debs bash scripts/dev/check_setup.sh debs
check setup-npm-lock bash scripts/dev/check_setup.sh lock

step "jest (web_src, sync_bridge, repository)"
rm -f "$TEST_DIR/jest.json"
npx jest --ci --json --outputFile="$TEST_DIR/jest.json" > "$TEST_DIR/jest.log" 2>&1 || tail -n 80 "$TEST_DIR/jest.log"
read -r passed failed <<< "$(jest_counts "$TEST_DIR/jest.json")"
record "jest" "$passed" "$failed"

step "Odoo tests: --test-tags /addon_ops_harmony on a fresh database '$TEST_DB'"
ODOO_LOG="$TEST_DIR/odoo-tests.log"
: > "$ODOO_LOG"
odoo_bin -d "$TEST_DB" -i addon_ops_harmony,hr --test-enable \
  --test-tags /addon_ops_harmony --stop-after-init --http-interface=127.0.0.1 --http-port="$(free_port)" \
  2>&1 | odoo_progress_filter "$ODOO_LOG"
report=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$ODOO_LOG" | tail -1)
if [ -z "$report" ]; then
  tail -n 40 "$ODOO_LOG"; record "odoo" 0 1 "(no test report: see .data/test/odoo-tests.log)"
else
  read -r o_failed o_errors o_total <<< "$(echo "$report" | sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')"
  o_skipped=$(grep -cE ' (INFO|WARNING) [^ ]+ [^ ]+: skipped ' "$ODOO_LOG")
  o_logged_errors=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$ODOO_LOG")
  o_bad=$((o_failed + o_errors + o_skipped))
  [ "$o_total" -eq 0 ] && o_bad=$((o_bad + 1))
  [ "$o_bad" -eq 0 ] && [ "$o_logged_errors" -gt 0 ] && o_bad=1
  o_passed=$((o_total - o_failed - o_errors - o_skipped)); [ "$o_passed" -lt 0 ] && o_passed=0
  [ "$o_bad" -gt 0 ] && grep -E ' (ERROR|CRITICAL) |: skipped |^(FAIL|ERROR):' "$ODOO_LOG" | head -n 40
  record "odoo" "$o_passed" "$o_bad" "($o_total tests, $o_skipped skipped, $o_logged_errors error lines)"
fi

step "End-to-end: the bridge against a live Odoo"
if addon_installed "$TEST_DB"; then
  E2E_PORT=$(free_port)
  # In a subshell, so a failure is counted below instead of ending the run.
  ( provision_db "$TEST_DB" "$TEST_DIR/bridge.env" > /dev/null ) || rm -f "$TEST_DIR/bridge.env"
  e2e_fixtures "$TEST_DB" "$TEST_DIR"
  e2e_start_odoo "$TEST_DB" "$E2E_PORT" "$TEST_DIR/e2e-odoo.log"
  E2E_PID=$ODOO_PID
  printf '    waiting for Odoo on port %s' "$E2E_PORT"
  if [ ! -s "$TEST_DIR/bridge.env" ]; then
    record "e2e" 0 1 "(could not give the bridge an API key: see .data/test/provision.log)"
  elif wait_http "http://127.0.0.1:$E2E_PORT/web/login" 120; then
    rm -f "$TEST_DIR/e2e.json"
    OPS_E2E_URL="http://127.0.0.1:$E2E_PORT" OPS_E2E_DB="$TEST_DB" OPS_E2E_LOGIN=ops_bridge \
      OPS_E2E_APPROVAL_FIXTURE="$TEST_DIR/approval_race.json" OPS_E2E_FIXTURE_DIR="$TEST_DIR" \
      OPS_E2E_ODOO_PID="$E2E_PID" OPS_E2E_ODOO_LOG="$TEST_DIR/e2e-odoo.log" \
      OPS_E2E_API_KEY="$(sed -n 's/^ODOO_API_KEY=//p' "$TEST_DIR/bridge.env")" \
      npx jest -c jest.e2e.config.cjs --ci --json --outputFile="$TEST_DIR/e2e.json" > "$TEST_DIR/e2e.log" 2>&1 \
      || tail -n 80 "$TEST_DIR/e2e.log"
    read -r passed failed <<< "$(jest_counts "$TEST_DIR/e2e.json")"
    record "e2e" "$passed" "$failed"
  else
    record "e2e" 0 1 "(Odoo did not start: see .data/test/e2e-odoo.log)"
  fi
else
  record "e2e" 0 1 "(the test database has no addon_ops_harmony: the Odoo install failed)"
fi

finish
