#!/usr/bin/env bash
# npm run stop: stops the Odoo server that `npm start` launched. PostgreSQL keeps running.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
load_config
PID_FILE="$OPS_DATA_DIR/odoo.pid"
if [ ! -f "$PID_FILE" ] || ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  ok "Odoo is not running"; rm -f "$PID_FILE"; exit 0
fi
pid=$(cat "$PID_FILE")
kill "$pid"
for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
rm -f "$PID_FILE"
ok "Odoo stopped"
