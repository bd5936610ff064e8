#!/usr/bin/env bash
# npm run bench:config: the configurator's rule engine on a generated rule set of 500 rules
# (scripts/bench/config/ruleset_500.ts) and OPS_BENCH_CONFIG_CASES (2000) seeded inputs
# (OPS_BENCH_CONFIG_SEED, printed): our TypeScript engine in headless Chromium side by side with
# json-logic-js on floats in the same page, and our Python engine inside Odoo (odoo-bin shell on
# the bench database) side by side with Odoo's own pricing (a 500-item pricelist on variants with
# price extras). Prints p50/p95 per evaluation, the ratios and the goals (p95 ≤ 2 ms in the
# browser, ≤ 10 ms on the server), and fails when the browser and the server disagree on an input.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench"
BENCH_DIR="$OPS_DATA_DIR/config"
mkdir -p "$BENCH_DIR"
rm -f "$BENCH_DIR"/{browser,server}.json
command -v "${OPS_CHROMIUM:-chromium}" > /dev/null || die "Chromium is missing" "run npm run setup"

driver() { ( cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node "$BENCH_DIR/driver.cjs" "$@" ); }

step "Rule set of 500 rules and ${OPS_BENCH_CONFIG_CASES:-2000} inputs"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$BENCH_DIR/driver.cjs" scripts/bench/config/driver.ts
driver generate "$BENCH_DIR"

step "Browser: our engine and json-logic-js in headless Chromium"
driver browser "$BENCH_DIR"

bench_db "$BENCH_DB"
step "Server: our Python engine and Odoo's pricing, in odoo-bin shell"
OPS_BENCH_CONFIG_DIR="$BENCH_DIR" odoo_bin shell -d "$BENCH_DB" --no-http --log-level=warn \
  < "$OPS_ROOT/scripts/bench/odoo/bench_config.py"
[ -s "$BENCH_DIR/server.json" ] || die "the server side wrote no results" "read the output above"

step "Per evaluation, side by side"
driver report "$BENCH_DIR"
