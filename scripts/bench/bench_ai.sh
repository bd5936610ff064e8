#!/usr/bin/env bash
# npm run bench:ai: the AI intake on held-out data only, no Odoo needed. Request classification on
# the frozen held-out requests shipped with the bridge (per-class precision, recall, F1, macro-F1,
# ECE) for the trained classifier next to the keyword rules and the majority class; vendor bills in
# the corpus's held-out layouts as text PDFs (OPS_BENCH_AI_BILLS, 60) and scans (OPS_BENCH_AI_SCANS,
# 12), read by the worker's own processJob in a child process (field exact match per field and
# overall, field-confidence ECE, next to a label-free baseline; documents per minute on this
# machine and the worker's peak RSS). Prints the issue's goals, met or not. Seed:
# OPS_BENCH_AI_SEED (15).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
load_config
BENCH_DIR="$OPS_DATA_DIR/bench_ai"
mkdir -p "$BENCH_DIR"
# The driver is bundled next to the bridge's CLI (sync_bridge/dist/), where the bridge finds its
# shipped data (the held-out requests, the default classifier) the same way the CLI does.
DRIVER="$OPS_ROOT/sync_bridge/dist/bench_ai.cjs"

step "Bundling the AI bench's driver"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$DRIVER" scripts/bench/ai/driver.ts \
  || die "could not bundle scripts/bench/ai/driver.ts" "run npm run -s typecheck and fix what it reports"

step "Held-out evaluation (${OPS_BENCH_AI_BILLS:-60} text PDFs, ${OPS_BENCH_AI_SCANS:-12} scans; scans take ~15 s each)"
( cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node "$DRIVER" run "$BENCH_DIR" )
