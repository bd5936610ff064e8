# Node.js and npm packages, for scripts/dev/setup.sh and .ci/run. Needs common.sh; it never runs
# anything by itself.

OPS_NODE_MAJOR=20   # README: Node.js 20.19 or later; package.json: "engines": { "node": ">=20.19" }
OPS_NODE_MINOR=19   # pdf.js (the AI intake's text layer) is loaded with require(), which needs 20.19
OPS_NODE_HELP="install Node.js $OPS_NODE_MAJOR.$OPS_NODE_MINOR or later (https://nodejs.org or NodeSource's Debian packages), then run npm run setup again"

# require_node: dies unless the `node` on PATH is Node.js 20.19 or later; prints its version.
require_node() {
  local version major minor
  command -v node >/dev/null || die "Node.js is missing" "$OPS_NODE_HELP"
  version=$(node --version 2>/dev/null)
  version="${version#v}"
  major="${version%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell which Node.js this is ('node --version' printed '$version')" "$OPS_NODE_HELP"
  minor="${version#*.}"
  minor="${minor%%.*}"
  [[ "$minor" =~ ^[0-9]+$ ]] || minor=0
  if [ "$major" -lt "$OPS_NODE_MAJOR" ] || { [ "$major" -eq "$OPS_NODE_MAJOR" ] && [ "$minor" -lt "$OPS_NODE_MINOR" ]; }; then
    die "Node.js ${version%.*} is too old (this project needs $OPS_NODE_MAJOR.$OPS_NODE_MINOR or later)" "$OPS_NODE_HELP"
  fi
  echo "$version"
}

# npm_packages DIR: installs DIR's npm packages unless node_modules is current (newer than
# package.json and package-lock.json): exactly what package-lock.json lists, with `npm ci`, when
# there is one; `npm install` otherwise.
npm_packages() {
  local dir="$1" stamp="$1/node_modules/.package-lock.json" lock="$1/package-lock.json"
  if [ -f "$stamp" ] && ! [ "$dir/package.json" -nt "$stamp" ] && ! [ "$lock" -nt "$stamp" ]; then
    return 0
  fi
  if [ -f "$lock" ]; then
    info "installing the npm packages package-lock.json lists (npm ci)…"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) \
      || die "npm ci failed" "if it says package.json and package-lock.json are not in sync, run npm install and commit package-lock.json; otherwise check that the npm registry is reachable; then run npm run setup again"
  else
    info "no package-lock.json: installing the npm packages (npm install)…"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error) \
      || die "npm install failed" "read the npm error above; check that the npm registry is reachable, then run npm run setup again"
  fi
}
