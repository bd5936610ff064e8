#!/usr/bin/env bash
# Catches a set-up that would fail on a fresh machine, without one. `npm test` runs both checks.
#   check_setup.sh debs   every Debian package set-up would install if nothing were installed
#                         (scripts/lib/debs.sh, alternatives resolved as set-up does), handed to
#                         `apt-get install --simulate` against an empty package database;
#   check_setup.sh lock   package-lock.json against package.json with `npm ci --dry-run`, offline,
#                         in a scratch folder (node_modules is left alone).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/debs.sh"
load_config
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

check_debs() {
  command -v apt-get >/dev/null || die "no apt-get here" "set-up targets Debian 12, where apt-get lists and installs the packages"
  [ "$(apt-cache policy 2>/dev/null | grep -c ' Packages$')" -gt 0 ] \
    || die "apt has no package lists, so it knows no package" "run apt-get update, then this check again"
  step "Debian packages set-up installs on a fresh machine"
  local list groups=() packages=()
  list=$(deb_groups all) || die "cannot list the Debian packages" "run npm run setup: it fetches the Odoo source at ODOO_SRC"
  mapfile -t groups <<< "$list"
  mapfile -t packages < <(first_installable "${groups[@]}")
  info "${#packages[@]} packages: ${packages[*]}"
  # An empty dpkg status file: apt sees a machine with nothing installed, and must find every
  # package and every dependency in its lists.
  : > "$scratch/status"
  if ! apt-get install --simulate --no-install-recommends -o Dir::State::status="$scratch/status" \
       "${packages[@]}" > "$scratch/apt.log" 2>&1; then
    grep -E '^E: | : Depends: ' "$scratch/apt.log" | head -20 >&2
    die "apt-get cannot install set-up's packages on a fresh machine" \
      "fix the list in scripts/lib/debs.sh (OPS_EXTRA_DEBS, or how first_installable picks an alternative)"
  fi
  ok "apt-get would install them: $(grep -c '^Inst ' "$scratch/apt.log") packages with their dependencies"
}

check_lock() {
  step "package-lock.json against package.json (npm ci --dry-run)"
  [ -f "$OPS_ROOT/package-lock.json" ] || die "there is no package-lock.json" "run npm install and commit package-lock.json"
  cp "$OPS_ROOT/package.json" "$OPS_ROOT/package-lock.json" "$scratch/"
  if ! (cd "$scratch" && npm ci --dry-run --offline --ignore-scripts --no-audit --no-fund --loglevel=error) > "$scratch/npm.log" 2>&1; then
    sed -e '/^npm error Clean install/,$d' -e '/^npm error$/d' "$scratch/npm.log" | head -30 >&2   # not npm's usage text
    die "npm ci rejects package-lock.json (npm $(npm --version))" "run npm install, check that git diff package-lock.json only adds what package.json asks for, and commit it"
  fi
  ok "npm $(npm --version) would install exactly package-lock.json"
}

case "${1:-}" in
  debs) check_debs ;;
  lock) check_lock ;;
  *) die "usage: check_setup.sh debs|lock" ;;
esac
