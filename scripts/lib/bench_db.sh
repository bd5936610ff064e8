# bench_db DB: installs addon_ops_harmony (no demo data) in the bench database DB, or updates it,
# logging to $OPS_DATA_DIR/install.log. The benches run on their own throw-away databases.
bench_db() {
  local db="$1"
  step "Bench database '$db'"
  if ! addon_installed "$db"; then
    info "installing addon_ops_harmony without demo data (about two minutes)…"
    odoo_bin -d "$db" -i addon_ops_harmony --stop-after-init --no-http 2>&1 \
      | odoo_progress_filter "$OPS_DATA_DIR/install.log" > /dev/null
  else
    odoo_bin -d "$db" -u addon_ops_harmony --stop-after-init --no-http > "$OPS_DATA_DIR/install.log" 2>&1
  fi
  addon_installed "$db" || die "could not install the addon in $db" "read $OPS_DATA_DIR/install.log"
}

# bench_copy TEMPLATE DB: replaces DB with a fresh copy of TEMPLATE (and of its filestore), so that
# a bench that writes starts every run from the same database, not from what earlier runs left.
bench_copy() {
  local template="$1" db="$2" filestore="$OPS_DATA_DIR/filestore/filestore"
  step "Fresh copy '$db' of '$template'"
  ops_psql -c "DROP DATABASE IF EXISTS \"$db\"" > /dev/null
  ops_psql -c "CREATE DATABASE \"$db\" TEMPLATE \"$template\"" > /dev/null \
    || die "could not copy $template to $db" "stop whatever is connected to $template and run again"
  rm -rf "${filestore:?}/$db"
  if [ -d "$filestore/$template" ]; then cp -r "$filestore/$template" "$filestore/$db"; fi
}

# bench_setup NAME DRIVER: the start the benches against a live Odoo share. Runs set-up, keeps the
# bench's files in $OPS_DATA_DIR/bench_NAME, makes BENCH_DB (ops_harmony_bench_NAME) a fresh copy of
# the sync bench's template (installed or updated first), writes the bridge's key to bridge.env,
# bundles the driver DRIVER (a .ts file) into driver.cjs and builds the CLI. Sets OPS_HTTP_PORT to a
# free port. Source provision.sh first.
bench_setup() {
  local name="$1" driver="$2" template="ops_harmony_bench_sync_template"
  bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
  BENCH_DB="ops_harmony_bench_$name"
  export OPS_DATA_DIR="$OPS_DATA_DIR/bench_$name"
  mkdir -p "$OPS_DATA_DIR"
  bench_db "$template"
  bench_copy "$template" "$BENCH_DB"
  OPS_HTTP_PORT="$(free_port)"
  export OPS_HTTP_PORT
  provision_db "$BENCH_DB" "$OPS_DATA_DIR/bridge.env"
  node "$OPS_ROOT/scripts/bench/sync/build.mjs" "$OPS_DATA_DIR/driver.cjs" "$driver"
  node "$OPS_ROOT/scripts/build/build_bridge.mjs" > /dev/null
}

# bench_start_odoo [odoo-bin options]: serves BENCH_DB on OPS_HTTP_PORT in the background (with the
# options, e.g. --workers=2), waits until it answers, and stops it when the script exits or calls
# bench_stop_odoo.
bench_start_odoo() {
  step "Odoo on port $OPS_HTTP_PORT${1:+ ($*)}"
  odoo_bin_background -d "$BENCH_DB" --db-filter="^${BENCH_DB}\$" --http-interface=127.0.0.1 \
    --http-port="$OPS_HTTP_PORT" --logfile="$OPS_DATA_DIR/odoo.log" --log-level=warn "$@" 2>/dev/null
  BENCH_ODOO_PID=$ODOO_PID
  trap bench_stop_odoo EXIT
  printf '    waiting for the web server'
  wait_http "http://127.0.0.1:$OPS_HTTP_PORT/web/login" 120 || die "Odoo did not start" "read $OPS_DATA_DIR/odoo.log"
}

bench_stop_odoo() { kill "$BENCH_ODOO_PID" 2>/dev/null && wait "$BENCH_ODOO_PID" 2>/dev/null || true; }

# bench_driver ARGS...: runs driver.cjs from the repository with the bridge's environment and the
# Node flags ops-bridge runs with (its #! line), for drivers that call the bridge in-process.
bench_driver() {
  local flags
  flags="$(sed -n '1s/^#!.*env -S node *//p' "$OPS_ROOT/sync_bridge/bin/ops-bridge.js")"
  # shellcheck disable=SC2086 # the flags are words
  ( set -a; source "$OPS_DATA_DIR/bridge.env"; set +a; cd "$OPS_ROOT" && NODE_PATH="$OPS_ROOT/node_modules" node $flags "$OPS_DATA_DIR/driver.cjs" "$@" )
}
