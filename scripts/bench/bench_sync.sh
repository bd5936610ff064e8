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
# The bench writes 11,000 partners a run: each run gets a fresh copy of a freshly installed database.
bench_setup sync scripts/bench/sync/driver.ts
bench_start_odoo

step "Bridge and re-sync (${OPS_BENCH_SYNC_ROUNDS:-3} rounds), then the naive loop: ${OPS_BENCH_SYNC_CONTACTS:-10000} contacts with their companies"
bench_driver run "$OPS_DATA_DIR"
bench_stop_odoo

step "In-process: load() and a folded batch create of the records each round synced"
OPS_BENCH_SYNC_DIR="$OPS_DATA_DIR" odoo_bin shell -d "$BENCH_DB" --no-http --log-level=warn \
  < "$OPS_ROOT/scripts/bench/odoo/bench_sync_orm.py"

step "Records per second, side by side"
bench_driver report "$OPS_DATA_DIR"
