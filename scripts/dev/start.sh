#!/usr/bin/env bash
# npm start: set up what is missing, create or update the database `$OPS_DB` with
# addon_ops_harmony and its demo data, serve Odoo on 127.0.0.1, then check the bridge.
# Safe to run again. Stop with Ctrl-C or `npm run stop`.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/provision.sh"
load_config

PID_FILE="$OPS_DATA_DIR/odoo.pid"
LOG_FILE="$OPS_DATA_DIR/odoo.log"
URL="http://127.0.0.1:$OPS_HTTP_PORT"

bash "$OPS_ROOT/scripts/dev/setup.sh"
source "$OPS_ROOT/scripts/lib/common.sh"   # setup may have created the data folder

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  ok "Odoo is already running at $URL (pid $(cat "$PID_FILE")); stop it with npm run stop"
  exit 0
fi
port_in_use "$OPS_HTTP_PORT" && die "port $OPS_HTTP_PORT is already in use by another program" \
  "stop that program, or set OPS_HTTP_PORT=8070 (for example) in .env"

addon_hash() {
  (cd "$OPS_ROOT" && find addon_ops_harmony -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
}
HASH_FILE="$OPS_DATA_DIR/$OPS_DB.addon.sha1"
fresh_db=""

step "Database '$OPS_DB'"
if ! db_exists "$OPS_DB" || ! addon_installed "$OPS_DB"; then
  info "installing addon_ops_harmony with demo data (about a minute)…"
  odoo_bin -d "$OPS_DB" -i addon_ops_harmony --with-demo --stop-after-init --no-http 2>&1 \
    | odoo_progress_filter "$OPS_DATA_DIR/install.log"
  addon_installed "$OPS_DB" || die "installing addon_ops_harmony failed" "read $OPS_DATA_DIR/install.log"
  fresh_db=1
elif [ "$(cat "$HASH_FILE" 2>/dev/null)" != "$(addon_hash)" ]; then
  info "the addon changed since the last start: updating it…"
  odoo_bin -d "$OPS_DB" -u addon_ops_harmony --stop-after-init --no-http 2>&1 \
    | odoo_progress_filter "$OPS_DATA_DIR/install.log"
fi
grep -q " CRITICAL \| ERROR " "$OPS_DATA_DIR/install.log" 2>/dev/null && [ -n "$fresh_db" ] \
  && warn "the install logged errors: see $OPS_DATA_DIR/install.log"
addon_hash > "$HASH_FILE"
ok "addon_ops_harmony installed"

if [ -n "$fresh_db" ] || [ ! -s "$OPS_DATA_DIR/bridge.env" ]; then
  step "Admin password and the bridge's API key"
  provision_db "$OPS_DB" "$OPS_DATA_DIR/bridge.env" "$OPS_ADMIN_PASSWORD"
  ok "bridge settings in .data/bridge.env"
fi

step "Starting Odoo on $URL"
odoo_bin_background -d "$OPS_DB" --db-filter="^${OPS_DB}\$" --http-interface=127.0.0.1 \
  --http-port="$OPS_HTTP_PORT" --logfile="$LOG_FILE" 2>/dev/null
echo "$ODOO_PID" > "$PID_FILE"
stop_odoo() { bash "$OPS_ROOT/scripts/dev/stop.sh" >/dev/null 2>&1 || true; }
trap 'echo; stop_odoo; exit 0' INT TERM
printf '    waiting for the web server'
wait_http "$URL/web/login" 120 || { stop_odoo; die "Odoo did not answer on $URL within 2 minutes" "read $LOG_FILE"; }

step "Bridge (offline default): ops-bridge doctor"
"$OPS_ROOT/sync_bridge/bin/ops-bridge.js" doctor --env-file "$OPS_DATA_DIR/bridge.env" \
  || warn "the bridge's checks failed: see the ✗ lines above (npm run bridge:key makes a new key)"

step "Bridge (offline default): ops-bridge sync csv (the shipped sample exports)"
"$OPS_ROOT/sync_bridge/bin/ops-bridge.js" sync csv --env-file "$OPS_DATA_DIR/bridge.env" \
  || warn "the sample sync stopped early: run it again (npm run bridge -- sync csv --env-file .data/bridge.env)"

cat <<MSG

${C_BOLD}Ops Harmony is running${C_OFF} (ready in ${SECONDS}s).
  Open      $URL/odoo/ops-control-room   (Operations > Control room)
  Log in    admin / (OPS_ADMIN_PASSWORD, 'admin' unless you set it)
  Demo      ops_user / ops_user · ops_approver / ops_approver · ops_finance / ops_finance
  Synced    Operations > Sync (events, dead letters, replay)
  Log       .data/odoo.log
  Stop      Ctrl-C here, or npm run stop
MSG
wait "$ODOO_PID" || true
