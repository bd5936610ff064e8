#!/usr/bin/env bash
# A second live Odoo for the end-to-end proofs that stop Odoo for real (test/e2e/support/odoo_server.ts):
#   bash scripts/ci/e2e_odoo.sh DB PORT LOG
# becomes odoo-bin serving DB on 127.0.0.1:PORT with the settings of the suite's own server
# (scripts/lib/e2e.sh), logging to LOG; the filestore is the one under OPS_DATA_DIR, as for that
# server. Killing the process group stops it; running this again starts it again.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/e2e.sh"
load_config
[ "$#" -eq 3 ] || die "usage: scripts/ci/e2e_odoo.sh DB PORT LOG" "DB must have addon_ops_harmony installed"
e2e_exec_odoo "$1" "$2" "$3"
