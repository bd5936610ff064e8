#!/usr/bin/env bash
# npm run bench:bridges: does a second bridge raise throughput? On a throw-away copy of the sync
# bench's freshly installed database, Odoo runs with prefork workers (OPS_BENCH_BRIDGES_WORKERS, 4)
# as in production; a generated HubSpot account (OPS_BENCH_BRIDGES_COMPANIES, 300, with
# OPS_BENCH_BRIDGES_PER_COMPANY contacts each, 10, and as many deals) is synced by one `ops-bridge`
# process and, on another account of the same shape, by two at once sharing windows of
# OPS_BENCH_BRIDGES_WINDOW_HOURS (6) through leases in Odoo; OPS_BENCH_BRIDGES_ROUNDS (2) rounds of
# each, alternated. Prints records per second side by side and the ratio.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench_bridges"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench_bridges"
mkdir -p "$OPS_DATA_DIR"

bench_db "ops_harmony_bench_sync_template"
bench_copy "ops_harmony_bench_sync_template" "$BENCH_DB"

OPS_HTTP_PORT="$(free_port)"
export OPS_HTTP_PORT
provision_db "$BENCH_DB" "$OPS_DATA_DIR/bridge.env"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$OPS_DATA_DIR/driver.cjs" scripts/bench/bridges/driver.ts
node "$OPS_ROOT/scripts/build/build_bridge.mjs" > /dev/null

step "Odoo on port $OPS_HTTP_PORT with ${OPS_BENCH_BRIDGES_WORKERS:-4} workers"
odoo_bin_background -d "$BENCH_DB" --db-filter="^${BENCH_DB}\$" --http-interface=127.0.0.1 \
  --http-port="$OPS_HTTP_PORT" --workers="${OPS_BENCH_BRIDGES_WORKERS:-4}" --max-cron-threads=0 \
  --gevent-port="$(free_port)" --limit-time-real=600 --limit-time-cpu=600 \
  --logfile="$OPS_DATA_DIR/odoo.log" --log-level=warn 2>/dev/null
BENCH_ODOO_PID=$ODOO_PID
stop_bench_odoo() { kill "$BENCH_ODOO_PID" 2>/dev/null && wait "$BENCH_ODOO_PID" 2>/dev/null || true; }
trap stop_bench_odoo EXIT
printf '    waiting for the web server'
wait_http "http://127.0.0.1:$OPS_HTTP_PORT/web/login" 120 || die "Odoo did not start" "read $OPS_DATA_DIR/odoo.log"

step "One bridge, then two at once (${OPS_BENCH_BRIDGES_ROUNDS:-2} rounds each, alternated)"
( set -a; source "$OPS_DATA_DIR/bridge.env"; set +a; cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node "$OPS_DATA_DIR/driver.cjs" run "$OPS_DATA_DIR" )
