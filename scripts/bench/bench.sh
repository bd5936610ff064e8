#!/usr/bin/env bash
# npm run bench: the lead pipeline's overhead, measured side by side in one run on a throw-away
# database (see scripts/bench/odoo/bench_pipeline.py). OPS_BENCH_LEADS (5000) and OPS_BENCH_ROUNDS (3).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench"
mkdir -p "$OPS_DATA_DIR"
bench_db "$BENCH_DB"
step "Lead pipeline: batch create of ${OPS_BENCH_LEADS:-5000} leads, pipeline off vs on"
odoo_bin shell -d "$BENCH_DB" --no-http --log-level=warn < "$OPS_ROOT/scripts/bench/odoo/bench_pipeline.py"
