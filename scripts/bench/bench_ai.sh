#!/usr/bin/env bash
# npm run bench:ai: the AI intake on held-out data only. Request classification on the frozen
# held-out requests shipped with the bridge (per-class precision, recall, F1, macro-F1, ECE) for the
# trained classifier next to the keyword rules and the majority class; vendor bills in the corpus's
# held-out layouts as text PDFs (OPS_BENCH_AI_BILLS, 60) and scans (OPS_BENCH_AI_SCANS, 24), and
# the held-out bills rendered by Odoo's own invoice report in every layout Odoo ships, printed in
# the languages training never saw Odoo's report in (en_GB, fr_FR, de_DE, es_ES; training bills print
# in en_US): OPS_BENCH_AI_ODOO_COUNT (24) of them as text PDFs and
# OPS_BENCH_AI_ODOO_SCANS (as many as OPS_BENCH_AI_SCANS) scanned like the corpus's scans. Each set
# is read by the worker's own processJob in a child process (field exact match per field and
# overall, field-confidence ECE, next to a label-free baseline; documents per minute on this machine
# and the worker's peak RSS). Prints the issue's goals, met or not. Seed: OPS_BENCH_AI_SEED (15).
#
# The Odoo-rendered bills are made once and cached in $OPS_DATA_DIR/bench_ai/odoo_bills/, keyed by
# seed, count and a hash of their inputs (the generated data of scripts/ai/export_bill_dataset.mjs
# and scripts/ai/render_odoo_bills.py): on a miss, PostgreSQL is started, a scratch database
# (OPS_BENCH_AI_DB, ops_harmony_bench_ai; `account` with a chart of accounts, installed once and
# reused) is served by Odoo on a free port (OPS_BENCH_AI_ODOO_PORT) for wkhtmltopdf, and the render
# script runs in `odoo-bin shell`. OPS_BENCH_AI_ODOO_BILLS=off leaves them out; set to a folder,
# the bench reads that folder instead. Without Odoo (ODOO_SRC) the bench stops and says what to do.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
load_config
BENCH_DIR="$OPS_DATA_DIR/bench_ai"
mkdir -p "$BENCH_DIR"
SEED="${OPS_BENCH_AI_SEED:-15}"
ODOO_COUNT="${OPS_BENCH_AI_ODOO_COUNT:-24}"
RENDER_SCRIPT="$OPS_ROOT/scripts/ai/render_odoo_bills.py"
# The driver is bundled next to the bridge's CLI (sync_bridge/dist/), where the bridge finds its
# shipped data (the held-out requests, the default classifier) the same way the CLI does.
DRIVER="$OPS_ROOT/sync_bridge/dist/bench_ai.cjs"

# render_odoo_bills INPUT FOLDER KEY: renders the exported bills into FOLDER with Odoo's report.
render_odoo_bills() {
  local input="$1" folder="$2" key="$3" db="${OPS_BENCH_AI_DB:-ops_harmony_bench_ai}" port started chart
  bash "$OPS_ROOT/scripts/dev/postgres.sh" > /dev/null
  port="${OPS_BENCH_AI_ODOO_PORT:-$(free_port)}"
  ! port_in_use "$port" || die "port $port is in use" "set OPS_BENCH_AI_ODOO_PORT to a free port, or leave it unset"
  # Odoo's files (filestore, logs) live with the bench's; the subshell stops the server when it ends.
  (
    export OPS_DATA_DIR="$BENCH_DIR" OPS_HTTP_PORT="$port"
    BENCH_DB="$db"
    step "Scratch database '$db' with a chart of accounts"
    if ! db_exists "$db" || [ "$(db_query "$db" "SELECT state FROM ir_module_module WHERE name = 'account'")" != "installed" ]; then
      info "installing account (about a minute; log: $BENCH_DIR/install.log)…"
      odoo_bin -d "$db" -i account --stop-after-init --no-http 2>&1 | odoo_progress_filter "$BENCH_DIR/install.log" > /dev/null
    fi
    chart="$(db_query "$db" "SELECT chart_template FROM res_company ORDER BY id LIMIT 1")"
    [ -n "$chart" ] || die "database '$db' has no chart of accounts" \
      "drop it (dropdb -h $OPS_DB_HOST -U $OPS_DB_USER $db) or name another with OPS_BENCH_AI_DB, then run again"
    ok "account installed, chart $chart"
    bench_start_odoo
    step "Rendering $((ODOO_COUNT * 2)) bills with Odoo's invoice report (wkhtmltopdf, a few seconds each; once for these inputs)"
    rm -rf "$folder.partial"
    started=$SECONDS
    OPS_AI_BILLS_IN="$input" OPS_AI_BILLS_OUT="$folder.partial" OPS_AI_BILLS_JOURNAL="$key" \
      OPS_AI_REPORT_URL="http://127.0.0.1:$port" \
      odoo_bin shell -d "$db" --no-http --log-level=warn < "$RENDER_SCRIPT" 2> "$BENCH_DIR/render.log" | sed -u 's/^/    /' \
      || { tail -20 "$BENCH_DIR/render.log" >&2; die "rendering the bills failed" "read $BENCH_DIR/render.log and $BENCH_DIR/odoo.log"; }
    bench_stop_odoo
    local rendered
    rendered="$(find "$folder.partial" -name '*.pdf' | wc -l)"
    [ "$rendered" -eq $((ODOO_COUNT * 2)) ] \
      || die "Odoo rendered $rendered bills instead of $((ODOO_COUNT * 2))" "read $BENCH_DIR/render.log"
    touch "$folder.partial/complete"
    rm -rf "$folder"
    mv "$folder.partial" "$folder"
    ok "$rendered bills rendered in $((SECONDS - started)) s, cached in $folder"
  )
}

db_query() {
  PGPASSWORD="$OPS_DB_PASSWORD" psql -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" -U "$OPS_DB_USER" -d "$1" -tAX -c "$2" 2> /dev/null || true
}

# odoo_bills: exports OPS_BENCH_AI_ODOO_BILLS for the driver: the cached folder (rendered first when
# missing), the folder the caller named, or off.
odoo_bills() {
  case "${OPS_BENCH_AI_ODOO_BILLS:-}" in
    off)
      step "Bills rendered by Odoo's own report: left out (OPS_BENCH_AI_ODOO_BILLS=off)"
      return ;;
    "") ;;
    *)
      [ -d "$OPS_BENCH_AI_ODOO_BILLS" ] || die "OPS_BENCH_AI_ODOO_BILLS='$OPS_BENCH_AI_ODOO_BILLS' is not a folder" \
        "unset it (the bench renders and caches them), point it at a folder of scripts/ai/render_odoo_bills.py, or set it to off"
      step "Bills rendered by Odoo's own report: read from $OPS_BENCH_AI_ODOO_BILLS"
      return ;;
  esac
  [[ "$ODOO_COUNT" =~ ^[1-9][0-9]*$ ]] || die "OPS_BENCH_AI_ODOO_COUNT='$ODOO_COUNT' is not a positive number" "e.g. OPS_BENCH_AI_ODOO_COUNT=24"
  [ -f "$ODOO_SRC/odoo-bin" ] || die "no Odoo at ODOO_SRC=$ODOO_SRC: the held-out bills rendered by Odoo's own report cannot be made" \
    "run npm run setup (it fetches Odoo 19.0), set ODOO_SRC in .env to your Odoo 19.0 tree, or run with OPS_BENCH_AI_ODOO_BILLS=off to leave them out"
  step "Bills rendered by Odoo's own report: the generated data of $ODOO_COUNT train and $ODOO_COUNT held-out bills (seed $SEED)"
  local input="$BENCH_DIR/odoo_bills_input.json" key folder
  node "$OPS_ROOT/scripts/ai/export_bill_dataset.mjs" --seed "$SEED" --count "$ODOO_COUNT" > "$input" \
    || die "could not export the generated bills" "run npm run -s typecheck and fix what it reports"
  key="$(cat "$input" "$RENDER_SCRIPT" | sha256sum | cut -c1-12)"
  folder="$BENCH_DIR/odoo_bills/seed$SEED-n$ODOO_COUNT-$key"
  mkdir -p "$BENCH_DIR/odoo_bills"
  if [ -f "$folder/complete" ]; then
    ok "cached: $(find "$folder" -name '*.pdf' | wc -l) bills in $folder (inputs $key)"
  else
    info "not cached for inputs $key: rendering them"
    render_odoo_bills "$input" "$folder" "$key"
  fi
  export OPS_BENCH_AI_ODOO_BILLS="$folder"
}

step "Bundling the AI bench's driver"
node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$DRIVER" scripts/bench/ai/driver.ts \
  || die "could not bundle scripts/bench/ai/driver.ts" "run npm run -s typecheck and fix what it reports"

odoo_bills

step "Held-out evaluation (${OPS_BENCH_AI_BILLS:-60} text PDFs, ${OPS_BENCH_AI_SCANS:-24} scans; scans take ~5–15 s each)"
( cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node "$DRIVER" run "$BENCH_DIR" )
