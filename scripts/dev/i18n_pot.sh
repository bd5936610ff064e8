#!/usr/bin/env bash
# npm run i18n: writes the translation template addon_ops_harmony/i18n/addon_ops_harmony.pot from
# the addon's code, views and data, with Odoo's own exporter (odoo-bin i18n export), on a database
# of its own (ops_harmony_i18n) where the addon is installed, or updated, without demo data.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/bench_db.sh"
load_config
bash "$OPS_ROOT/scripts/dev/setup.sh" > /dev/null
export OPS_DATA_DIR="$OPS_DATA_DIR/i18n"
mkdir -p "$OPS_DATA_DIR"
DB="ops_harmony_i18n"
bench_db "$DB"
# `odoo-bin i18n` takes its settings from a configuration file only
CONFIG="$OPS_DATA_DIR/odoo.conf"
cat > "$CONFIG" <<CONF
[options]
addons_path = $(odoo_addons_path)
db_host = $OPS_DB_HOST
db_port = $OPS_DB_PORT
db_user = $OPS_DB_USER
db_password = $OPS_DB_PASSWORD
data_dir = $OPS_DATA_DIR/filestore
CONF
mkdir -p "$OPS_ROOT/addon_ops_harmony/i18n"
step "Exporting the translation template"
"$OPS_PYTHON" "$ODOO_SRC/odoo-bin" i18n export -c "$CONFIG" -d "$DB" -l pot \
  -o "$OPS_ROOT/addon_ops_harmony/i18n/addon_ops_harmony.pot" addon_ops_harmony 2> "$OPS_DATA_DIR/export.log" \
  || die "the export failed" "read $OPS_DATA_DIR/export.log"
info "wrote addon_ops_harmony/i18n/addon_ops_harmony.pot ($(grep -c '^msgid ' "$OPS_ROOT/addon_ops_harmony/i18n/addon_ops_harmony.pot") terms)"
