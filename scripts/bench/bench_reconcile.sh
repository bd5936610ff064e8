#!/usr/bin/env bash
# npm run bench:reconcile: `ops-bridge reconcile` of OPS_BENCH_RECONCILE_RECORDS (20000) unchanged
# HubSpot companies and contacts, served by a local fixture server, against their first sync and
# against the best alternative for finding drift (a `sync --full` re-read), on a throw-away database
# (ops_harmony_bench_reconcile, a fresh copy of the sync bench's template each run). Goal: a
# reconciliation of unchanged records costs at most 10 % of their first sync.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
TEMPLATE="ops_harmony_bench_sync_template"
BENCH_DB="ops_harmony_bench_reconcile"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench_reconcile"
mkdir -p "$OPS_DATA_DIR"

bench_db "$TEMPLATE"
bench_copy "$TEMPLATE" "$BENCH_DB"

OPS_HTTP_PORT="$(free_port)"
export OPS_HTTP_PORT
provision_db "$BENCH_DB" "$OPS_DATA_DIR/bridge.env"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$OPS_DATA_DIR/driver.cjs" scripts/bench/reconcile/driver.ts

step "Odoo on port $OPS_HTTP_PORT"
odoo_bin_background -d "$BENCH_DB" --db-filter="^${BENCH_DB}\$" --http-interface=127.0.0.1 \
  --http-port="$OPS_HTTP_PORT" --logfile="$OPS_DATA_DIR/odoo.log" --log-level=warn 2>/dev/null
BENCH_ODOO_PID=$ODOO_PID
stop_bench_odoo() { kill "$BENCH_ODOO_PID" 2>/dev/null && wait "$BENCH_ODOO_PID" 2>/dev/null || true; }
trap stop_bench_odoo EXIT
printf '    waiting for the web server'
wait_http "http://127.0.0.1:$OPS_HTTP_PORT/web/login" 120 || die "Odoo did not start" "read $OPS_DATA_DIR/odoo.log"

step "First sync, then reconcile and sync --full side by side: ${OPS_BENCH_RECONCILE_RECORDS:-20000} records"
# the driver calls the bridge in-process: give Node the flags ops-bridge runs with (its #! line)
BRIDGE_NODE_FLAGS="$(sed -n '1s/^#!.*env -S node *//p' "$OPS_ROOT/sync_bridge/bin/ops-bridge.js")"
# shellcheck disable=SC2086 # the flags are words
( set -a; source "$OPS_DATA_DIR/bridge.env"; set +a; cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node $BRIDGE_NODE_FLAGS "$OPS_DATA_DIR/driver.cjs" run "$OPS_DATA_DIR" )
