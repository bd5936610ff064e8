#!/usr/bin/env bash
# npm run bench:webhooks [-- --seconds N]: `ops-bridge serve` under a steady stream of signed
# HubSpot webhooks (OPS_BENCH_WEBHOOK_RATE, 50 a second, for N seconds, default 120; one in 25 a
# redelivery), against a live Odoo with --workers 2 on a throw-away database
# (ops_harmony_bench_webhooks, a fresh copy of its template each run), side by side with the best
# alternative handler (an n8n/Zapier-style receiver: one JSON-2 create per item, no journal).
# Prints receipt-to-record latency p50/p95, lost and duplicated records, and the ratios.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench_webhooks"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench_webhooks"
mkdir -p "$OPS_DATA_DIR"

bench_db "${BENCH_DB}_template"
bench_copy "${BENCH_DB}_template" "$BENCH_DB"

OPS_HTTP_PORT="$(free_port)"
export OPS_HTTP_PORT
provision_db "$BENCH_DB" "$OPS_DATA_DIR/bridge.env"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$OPS_DATA_DIR/driver.cjs" scripts/bench/webhooks/driver.ts
node "$OPS_ROOT/scripts/build/build_bridge.mjs" > /dev/null

step "Odoo on port $OPS_HTTP_PORT with --workers 2"
odoo_bin_background -d "$BENCH_DB" --db-filter="^${BENCH_DB}\$" --http-interface=127.0.0.1 \
  --http-port="$OPS_HTTP_PORT" --workers=2 --max-cron-threads=1 \
  --logfile="$OPS_DATA_DIR/odoo.log" --log-level=warn 2>/dev/null
BENCH_ODOO_PID=$ODOO_PID
stop_bench_odoo() { kill "$BENCH_ODOO_PID" 2>/dev/null && wait "$BENCH_ODOO_PID" 2>/dev/null || true; }
trap stop_bench_odoo EXIT
printf '    waiting for the web server'
wait_http "http://127.0.0.1:$OPS_HTTP_PORT/web/login" 120 || die "Odoo did not start" "read $OPS_DATA_DIR/odoo.log"

step "Signed webhooks: ops-bridge serve, then the n8n-style receiver"
( set -a; source "$OPS_DATA_DIR/bridge.env"; set +a; cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node "$OPS_DATA_DIR/driver.cjs" run "$OPS_DATA_DIR" "$@" )
