# provision_db DB ENV_OUT [ADMIN_PASSWORD]: runs scripts/lib/odoo/provision.py in `odoo-bin shell`.
provision_db() {
  local db="$1" out="$2" admin_password="${3:-}" log="$OPS_DATA_DIR/provision.log"
  mkdir -p "$(dirname "$out")"
  OPS_BRIDGE_ENV_OUT="$out" OPS_SET_ADMIN_PASSWORD="$admin_password" \
    odoo_bin shell -d "$db" --no-http --log-level=warn \
    < "$OPS_ROOT/scripts/lib/odoo/provision.py" > "$log" 2>&1 \
    || { cat "$log" >&2; die "provisioning database '$db' failed" "read the log above; is addon_ops_harmony installed in '$db'?"; }
  [ -s "$out" ] || { cat "$log" >&2; die "no bridge settings were written to $out" "read the log above"; }
}
