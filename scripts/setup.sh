#!/usr/bin/env bash
# Installs everything the project needs, idempotently: Debian packages, the Odoo 19.0 source,
# npm packages, a running PostgreSQL with a non-superuser role, and the data folder.
# `npm start` and `npm test` both call it; run it alone with `npm run setup`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
load_config

ODOO_GIT_URL="${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}"
EXTRA_DEBS=(git curl ca-certificates postgresql postgresql-client chromium python3-websocket python3-phonenumbers wkhtmltopdf flake8)

# pkg_installed "a|b": true when one of the alternatives is installed.
pkg_installed() {
  local alt
  IFS='|' read -ra alts <<< "$1"
  for alt in "${alts[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$alt" 2>/dev/null)" = "install ok installed" ] && return 0
  done
  return 1
}

# first_installable "a|b": the first alternative apt has a candidate for (Debian 12 has no
# python3-lxml-html-clean, for one); the first alternative when apt knows none of them.
first_installable() {
  local alt candidate
  IFS='|' read -ra alts <<< "$1"
  for alt in "${alts[@]}"; do
    candidate=$(apt-cache policy "$alt" 2>/dev/null | sed -n 's/^ *Candidate: //p')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && { echo "$alt"; return 0; }
  done
  echo "${alts[0]}"
}

apt_install() {
  local missing_groups=() missing=() pkg
  for pkg in "$@"; do pkg_installed "$pkg" || missing_groups+=("$pkg"); done
  [ "${#missing_groups[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing system packages: ${missing_groups[*]}" \
    "this setup targets Debian 12; install those packages with your system's package manager"
  if [ -z "${OPS_APT_UPDATED:-}" ]; then
    info "refreshing the package lists (apt-get update)…"
    as_root apt-get update -qq || die "apt-get update failed" "check the network and /etc/apt/sources.list, then run npm run setup again"
    export OPS_APT_UPDATED=1
  fi
  for pkg in "${missing_groups[@]}"; do missing+=("$(first_installable "$pkg")"); done
  info "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get could not install: ${missing[*]}" "run 'apt-get install ${missing[*]}' to see why, fix it, then run npm run setup again"
}

step "System packages"
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
read -ra ODOO_DEBS <<< "$(sh "$ODOO_SRC/setup/debinstall.sh" -l | tr '\n' ' ')"
apt_install "${ODOO_DEBS[@]}"
"$OPS_PYTHON" -c "import odoo" 2>/dev/null || PYTHONPATH="$ODOO_SRC" "$OPS_PYTHON" -c "import odoo.release" \
  || die "$OPS_PYTHON cannot import Odoo" "use Debian's python3 (OPS_PYTHON=/usr/bin/python3)"
ok "${#ODOO_DEBS[@]} packages present"

step "npm packages"
if [ ! -d "$OPS_ROOT/node_modules" ] || [ "$OPS_ROOT/package.json" -nt "$OPS_ROOT/node_modules/.package-lock.json" ] \
   || { [ -f "$OPS_ROOT/package-lock.json" ] && [ "$OPS_ROOT/package-lock.json" -nt "$OPS_ROOT/node_modules/.package-lock.json" ]; }; then
  (cd "$OPS_ROOT" && npm install --no-audit --no-fund --loglevel=error) \
    || die "npm install failed" "read the npm error above; check that the npm registry is reachable, then run npm run setup again"
fi
[ -f "$OPS_ROOT/sync_bridge/dist/cli.js" ] || (cd "$OPS_ROOT" && npm run -s build:bridge)
ok "node_modules up to date"

step "PostgreSQL"
bash "$OPS_ROOT/scripts/postgres.sh"

mkdir -p "$OPS_DATA_DIR/filestore"
ok "data folder ready"
