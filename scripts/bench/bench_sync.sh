#!/usr/bin/env bash
# npm run bench:sync: the bridge's throughput, measured side by side in one run on a throw-away
# database (ops_harmony_bench_sync, a fresh copy of ops_harmony_bench_sync_template each run):
# OPS_BENCH_SYNC_CONTACTS (10000) HubSpot contacts with their companies
# (OPS_BENCH_SYNC_PER_COMPANY, 10) served by a local fixture server, synced by the bridge in
# ingest calls of OPS_BENCH_SYNC_BATCH records (1000), then re-synced unchanged, in
# OPS_BENCH_SYNC_ROUNDS rounds (3) whose medians are compared; a naive
# loop of one XML-RPC create per record (OPS_BENCH_SYNC_NAIVE records, 2000: its rate does not
# depend on the count); and, through `odoo-bin shell` on the records each round synced, the best
# in-process paths: Odoo's `load()` and a batch `create` with the bridge's folded contact values
# and tracking off (scripts/bench/odoo/bench_sync_orm.py).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench_sync"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench_sync"
mkdir -p "$OPS_DATA_DIR"

# The bench writes 11,000 partners a run: each run gets a fresh copy of a freshly installed database.
bench_db "${BENCH_DB}_template"
bench_copy "${BENCH_DB}_template" "$BENCH_DB"

OPS_HTTP_PORT="$(free_port)"
export OPS_HTTP_PORT
provision_db "$BENCH_DB" "$OPS_DATA_DIR/bridge.env"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$OPS_DATA_DIR/driver.cjs"

step "Odoo on port $OPS_HTTP_PORT"
odoo_bin_background -d "$BENCH_DB" --db-filter="^${BENCH_DB}\$" --http-interface=127.0.0.1 \
  --http-port="$OPS_HTTP_PORT" --logfile="$OPS_DATA_DIR/odoo.log" --log-level=warn 2>/dev/null
BENCH_ODOO_PID=$ODOO_PID
stop_bench_odoo() { kill "$BENCH_ODOO_PID" 2>/dev/null && wait "$BENCH_ODOO_PID" 2>/dev/null || true; }
trap stop_bench_odoo EXIT
printf '    waiting for the web server'
wait_http "http://127.0.0.1:$OPS_HTTP_PORT/web/login" 120 || die "Odoo did not start" "read $OPS_DATA_DIR/odoo.log"

step "Bridge and re-sync (${OPS_BENCH_SYNC_ROUNDS:-3} rounds), then the naive loop: ${OPS_BENCH_SYNC_CONTACTS:-10000} contacts with their companies"
# the driver calls the bridge in-process: give Node the flags ops-bridge runs with (its #! line)
BRIDGE_NODE_FLAGS="$(sed -n '1s/^#!.*env -S node *//p' "$OPS_ROOT/sync_bridge/bin/ops-bridge.js")"
# shellcheck disable=SC2086 # the flags are words
( set -a; source "$OPS_DATA_DIR/bridge.env"; set +a; cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node $BRIDGE_NODE_FLAGS "$OPS_DATA_DIR/driver.cjs" run "$OPS_DATA_DIR" )
stop_bench_odoo

step "In-process: load() and a folded batch create of the records each round synced"
OPS_BENCH_SYNC_DIR="$OPS_DATA_DIR" odoo_bin shell -d "$BENCH_DB" --no-http --log-level=warn \
  < "$OPS_ROOT/scripts/bench/odoo/bench_sync_orm.py"

step "Records per second, side by side"
NODE_PATH="$OPS_ROOT/node_modules" node "$OPS_DATA_DIR/driver.cjs" report "$OPS_DATA_DIR"
