#!/usr/bin/env bash
# Installs everything the project needs, idempotently: Debian packages, the Odoo 19.0 source,
# npm packages, a running PostgreSQL with a non-superuser role, and the data folder.
# `npm start` and `npm test` both call it; run it alone with `npm run setup`.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/debs.sh"
source "$(dirname "$0")/../lib/node.sh"
load_config

ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"

step "Node.js"
node_version=$(require_node)
ok "Node.js $node_version"

step "System packages"
mapfile -t EXTRA_DEBS < <(deb_groups extra)
apt_install "${EXTRA_DEBS[@]}"
ok "git, PostgreSQL, Chromium (+ websocket client for tours), phonenumbers, wkhtmltopdf, flake8"

step "Odoo 19.0 source at ODOO_SRC=$ODOO_SRC"
if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
  info "not found: cloning odoo/odoo branch 19.0 (shallow, about 1 GB)…"
  as_root mkdir -p "$(dirname "$ODOO_SRC")"
  if ! as_root git clone --depth 1 --branch 19.0 --progress "$ODOO_GIT_URL" "$ODOO_SRC"; then
    die "no Odoo source at $ODOO_SRC, and cloning $ODOO_GIT_URL failed" \
      "put an Odoo 19.0 source tree there (git clone --depth 1 -b 19.0 $ODOO_GIT_URL $ODOO_SRC), or set ODOO_SRC in .env to where yours is, then run npm start again"
  fi
fi
grep -q "version_info = (19, 0" "$ODOO_SRC/odoo/release.py" 2>/dev/null \
  || die "$ODOO_SRC does not hold Odoo 19.0 (odoo/release.py has another version)" "point ODOO_SRC at an Odoo 19.0 tree"
ok "Odoo 19.0 found"

step "Odoo's Python dependencies (setup/debinstall.sh)"
odoo_debs=$(deb_groups odoo) || die "cannot list the Debian packages Odoo needs" "check that $ODOO_SRC is a complete Odoo 19.0 tree"
mapfile -t ODOO_DEBS <<< "$odoo_debs"
apt_install "${ODOO_DEBS[@]}"
"$OPS_PYTHON" -c "import odoo" 2>/dev/null || PYTHONPATH="$ODOO_SRC" "$OPS_PYTHON" -c "import odoo.release" \
  || die "$OPS_PYTHON cannot import Odoo" "use Debian's python3 (OPS_PYTHON=/usr/bin/python3)"
ok "${#ODOO_DEBS[@]} packages present"

step "npm packages"
npm_packages "$OPS_ROOT"
[ -f "$OPS_ROOT/sync_bridge/dist/cli.js" ] || (cd "$OPS_ROOT" && npm run -s build:bridge)
ok "node_modules up to date"

step "PostgreSQL"
bash "$OPS_ROOT/scripts/dev/postgres.sh"

mkdir -p "$OPS_DATA_DIR/filestore"
ok "data folder ready"
