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
bench_setup webhooks scripts/bench/webhooks/driver.ts
bench_start_odoo --workers=2 --max-cron-threads=1

step "Signed webhooks: ops-bridge serve, then the n8n-style receiver"
bench_driver run "$OPS_DATA_DIR" "$@"
