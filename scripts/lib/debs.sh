# The Debian packages set-up installs, and how it picks one package among alternatives.
# Used by scripts/dev/setup.sh (to install them) and scripts/dev/check_setup.sh (to simulate installing
# them on a fresh machine). Needs common.sh and load_config (ODOO_SRC); it never runs anything by itself.

# Installed first: git is what clones the Odoo source, whose own list comes next.
OPS_EXTRA_DEBS=(git curl ca-certificates postgresql postgresql-client chromium python3-websocket python3-phonenumbers wkhtmltopdf flake8 black)

# deb_groups [extra|odoo|all]: the package groups set-up installs, one per line. A group is one
# package or alternatives "a|b". `odoo` is Odoo's own list (setup/debinstall.sh -l at ODOO_SRC).
deb_groups() {
  case "${1:-all}" in
    extra) printf '%s\n' "${OPS_EXTRA_DEBS[@]}" ;;
    odoo)
      [ -f "$ODOO_SRC/setup/debinstall.sh" ] || { warn "no $ODOO_SRC/setup/debinstall.sh: cannot list Odoo's packages"; return 1; }
      local list
      list=$(sh "$ODOO_SRC/setup/debinstall.sh" -l) || { warn "$ODOO_SRC/setup/debinstall.sh -l failed"; return 1; }
      printf '%s\n' $list ;;   # one group per word
    all) deb_groups extra && deb_groups odoo ;;
    *) warn "deb_groups: unknown list '$1'"; return 1 ;;
  esac
}

# first_installable GROUP...: one package per group, one per line: for "a|b", the first alternative
# apt has a candidate for (Debian 12 has no python3-lxml-html-clean, for one), or the first
# alternative when apt knows none of them. One apt-cache call for all groups: each call takes seconds.
first_installable() {
  local group alt name candidate pick alts=() choices
  local -A installable=()
  for group in "$@"; do
    [[ "$group" == *"|"* ]] && { IFS='|' read -ra choices <<< "$group"; alts+=("${choices[@]}"); }
  done
  if [ "${#alts[@]}" -gt 0 ]; then
    while read -r name candidate; do
      [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && installable[$name]=1
    done < <(apt-cache policy "${alts[@]}" 2>/dev/null \
      | awk '/^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) } /^  Candidate: / { print name, $2 }')
  fi
  for group in "$@"; do
    IFS='|' read -ra choices <<< "$group"
    pick="${choices[0]}"
    if [ "${#choices[@]}" -gt 1 ]; then
      for alt in "${choices[@]}"; do [ -n "${installable[$alt]:-}" ] && { pick="$alt"; break; }; done
    fi
    echo "$pick"
  done
}

# pkg_installed "a|b": true when one of the alternatives is installed.
pkg_installed() {
  local alt alts
  IFS='|' read -ra alts <<< "$1"
  for alt in "${alts[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$alt" 2>/dev/null)" = "install ok installed" ] && return 0
  done
  return 1
}

# apt_install GROUP...: installs the groups none of whose alternatives is installed yet.
apt_install() {
  local missing_groups=() missing=() group
  for group in "$@"; do pkg_installed "$group" || missing_groups+=("$group"); done
  [ "${#missing_groups[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing system packages: ${missing_groups[*]}" \
    "this setup targets Debian 12; install those packages with your system's package manager"
  if [ -z "${OPS_APT_UPDATED:-}" ]; then
    info "refreshing the package lists (apt-get update)…"
    as_root apt-get update -qq || die "apt-get update failed" "check the network and /etc/apt/sources.list, then run npm run setup again"
    export OPS_APT_UPDATED=1
  fi
  mapfile -t missing < <(first_installable "${missing_groups[@]}")
  info "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get could not install: ${missing[*]}" "run 'apt-get install ${missing[*]}' to see why, fix it, then run npm run setup again"
}
