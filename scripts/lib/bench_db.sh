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
