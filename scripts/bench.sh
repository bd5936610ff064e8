#!/usr/bin/env bash
# npm run bench: the lead pipeline's overhead, measured side by side in one run on a throw-away
# database (see scripts/odoo/bench_pipeline.py). OPS_BENCH_LEADS (5000) and OPS_BENCH_ROUNDS (3).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_config
bash "$OPS_ROOT/scripts/setup.sh" > /dev/null
BENCH_DB="ops_harmony_bench"
export OPS_DATA_DIR="$OPS_DATA_DIR/bench"
mkdir -p "$OPS_DATA_DIR"
step "Bench database '$BENCH_DB'"
if ! addon_installed "$BENCH_DB"; then
  info "installing addon_ops_harmony without demo data (about two minutes)…"
  odoo_bin -d "$BENCH_DB" -i addon_ops_harmony --stop-after-init --no-http 2>&1 \
    | odoo_progress_filter "$OPS_DATA_DIR/install.log" > /dev/null
else
  odoo_bin -d "$BENCH_DB" -u addon_ops_harmony --stop-after-init --no-http > "$OPS_DATA_DIR/install.log" 2>&1
fi
addon_installed "$BENCH_DB" || die "could not install the addon in $BENCH_DB" "read $OPS_DATA_DIR/install.log"
step "Lead pipeline: batch create of ${OPS_BENCH_LEADS:-5000} leads, pipeline off vs on"
odoo_bin shell -d "$BENCH_DB" --no-http --log-level=warn < "$OPS_ROOT/scripts/odoo/bench_pipeline.py"
