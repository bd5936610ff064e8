#!/usr/bin/env bash
# Gives the bridge's service user (login ops_bridge, group Ops Integration) a new API key and
# writes .data/bridge.env for `ops-bridge --env-file .data/bridge.env`. Rotates: the old key stops working.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config
db_exists "$OPS_DB" || die "database '$OPS_DB' does not exist" "run npm start first"
addon_installed "$OPS_DB" || die "addon_ops_harmony is not installed in '$OPS_DB'" "run npm start first"
step "New API key for ops_bridge in '$OPS_DB'"
provision_db "$OPS_DB" "$OPS_DATA_DIR/bridge.env"
ok "written to .data/bridge.env (keep it secret)"
