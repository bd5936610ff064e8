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
bench_setup reconcile scripts/bench/reconcile/driver.ts
bench_start_odoo

step "First sync, then reconcile and sync --full side by side: ${OPS_BENCH_RECONCILE_RECORDS:-20000} records"
bench_driver run "$OPS_DATA_DIR"
