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
