#!/usr/bin/env bash
# For developers: the end-to-end suite (or part of it) against DB, as npm test runs it.
#   bash scripts/dev/e2e_dev.sh DB [jest arguments, e.g. a test path pattern]
# DB must have addon_ops_harmony installed (and updated to the current code).
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/provision.sh"
source "$(dirname "$0")/../lib/e2e.sh"
load_config
cd "$OPS_ROOT"
DB="${1:?usage: scripts/dev/e2e_dev.sh DB [jest args]}"; shift
DIR="$OPS_DATA_DIR/e2e_dev/$DB"
mkdir -p "$DIR"
export OPS_DATA_DIR="$DIR"
addon_installed "$DB" || die "addon_ops_harmony is not installed in '$DB'" "install it first (odoo-bin -i addon_ops_harmony)"
step "fixtures"
( provision_db "$DB" "$DIR/bridge.env" > /dev/null ) || die "provisioning failed" "see $DIR/provision.log"
e2e_fixtures "$DB" "$DIR"
PORT=$(free_port)
e2e_start_odoo "$DB" "$PORT" "$DIR/odoo.log"
trap 'kill "$ODOO_PID" 2>/dev/null; wait "$ODOO_PID" 2>/dev/null' EXIT
printf '    waiting for Odoo on port %s' "$PORT"
wait_http "http://127.0.0.1:$PORT/web/login" 120 || die "Odoo did not start" "see $DIR/odoo.log"
OPS_E2E_URL="http://127.0.0.1:$PORT" OPS_E2E_DB="$DB" OPS_E2E_LOGIN=ops_bridge \
  OPS_E2E_FIXTURE_DIR="$DIR" OPS_E2E_APPROVAL_FIXTURE="$DIR/approval_race.json" \
  OPS_E2E_ODOO_PID="$ODOO_PID" OPS_E2E_ODOO_LOG="$DIR/odoo.log" \
  OPS_E2E_API_KEY="$(sed -n 's/^ODOO_API_KEY=//p' "$DIR/bridge.env")" \
  npx jest -c jest.e2e.config.cjs --ci "$@"
