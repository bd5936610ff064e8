#!/usr/bin/env bash
# npm run bench:bridges: does a second bridge raise throughput? On a throw-away copy of the sync
# bench's freshly installed database, Odoo runs with prefork workers (OPS_BENCH_BRIDGES_WORKERS, 4)
# as in production; a generated HubSpot account (OPS_BENCH_BRIDGES_COMPANIES, 300, with
# OPS_BENCH_BRIDGES_PER_COMPANY contacts each, 10, and OPS_BENCH_BRIDGES_DEALS deals, as many as
# companies; their changes spread over four days) is synced by one `ops-bridge`
# process and, on another account of the same shape, by two at once sharing windows of
# OPS_BENCH_BRIDGES_WINDOW_HOURS (6) through leases in Odoo; OPS_BENCH_BRIDGES_ROUNDS (2) rounds of
# each, alternated. The vendor answers each request in OPS_BENCH_VENDOR_LATENCY_MS (250), as across
# the internet; 0 leaves Odoo alone as the limit. Prints records per second side by side and the ratio.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
bench_setup bridges scripts/bench/bridges/driver.ts
bench_start_odoo --workers="${OPS_BENCH_BRIDGES_WORKERS:-4}" --max-cron-threads=0 --gevent-port="$(free_port)" \
  --limit-time-real=600 --limit-time-cpu=600

step "One bridge, then two at once (${OPS_BENCH_BRIDGES_ROUNDS:-2} rounds each, alternated)"
bench_driver run "$OPS_DATA_DIR"
