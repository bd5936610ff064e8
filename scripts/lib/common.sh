# Shared helpers for the project's shell scripts: messages, configuration and privileges.
# Source it; it never runs anything by itself.

OPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export OPS_ROOT

if [ -t 1 ]; then
  C_BOLD=$'\e[1m'; C_RED=$'\e[31m'; C_GREEN=$'\e[32m'; C_YELLOW=$'\e[33m'; C_OFF=$'\e[0m'
else
  C_BOLD=""; C_RED=""; C_GREEN=""; C_YELLOW=""; C_OFF=""
fi

step() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
info() { printf '    %s\n' "$*"; }
ok() { printf '    %s✓%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
warn() { printf '    %s!%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }

# die "what went wrong" "what to do next"
die() {
  printf '%s✗ %s%s\n' "$C_RED" "$1" "$C_OFF" >&2
  [ -n "${2:-}" ] && printf '  → %s\n' "$2" >&2
  exit 1
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Load `.env` (KEY=VALUE lines; comments and blanks ignored) without overriding variables
# already set in the environment, then apply defaults and validate.
load_config() {
  local env_file="${OPS_ENV_FILE:-$OPS_ROOT/.env}" line key value
  if [ -f "$env_file" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line%$'\r'}"
      case "$line" in ''|'#'*) continue ;; esac
      [[ "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] \
        || die "$env_file: cannot read the line '$line'" "write it as KEY=VALUE (see README, Configuration)"
      key="${BASH_REMATCH[2]}"; value="${BASH_REMATCH[3]}"
      value="${value%\"}"; value="${value#\"}"; value="${value%\'}"; value="${value#\'}"
      [ -z "${!key+x}" ] && export "$key=$value"
    done < "$env_file"
  fi

  export ODOO_SRC="${ODOO_SRC:-/opt/odoo/19.0}"
  export OPS_HTTP_PORT="${OPS_HTTP_PORT:-8069}"
  export OPS_DB="${OPS_DB:-ops_harmony}"
  export OPS_ADMIN_PASSWORD="${OPS_ADMIN_PASSWORD:-admin}"
  export OPS_DB_HOST="${OPS_DB_HOST:-127.0.0.1}"
  export OPS_DB_PORT="${OPS_DB_PORT:-5432}"
  export OPS_DB_USER="${OPS_DB_USER:-odoo}"
  export OPS_DB_PASSWORD="${OPS_DB_PASSWORD:-odoo}"
  export OPS_DATA_DIR="${OPS_DATA_DIR:-$OPS_ROOT/.data}"
  export OPS_PYTHON="${OPS_PYTHON:-/usr/bin/python3}"

  local port
  for port in OPS_HTTP_PORT OPS_DB_PORT; do
    [[ "${!port}" =~ ^[0-9]+$ ]] && [ "${!port}" -ge 1 ] && [ "${!port}" -le 65535 ] \
      || die "$port='${!port}' is not a port number" "set $port to a number between 1 and 65535 in .env"
  done
  [[ "$OPS_DB" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] \
    || die "OPS_DB='$OPS_DB' is not a valid database name" "use letters, digits, '_', '.' or '-' (e.g. OPS_DB=ops_harmony)"
  [[ "$OPS_DB_USER" =~ ^[a-z_][a-z0-9_]*$ ]] && [ "$OPS_DB_USER" != "postgres" ] \
    || die "OPS_DB_USER='$OPS_DB_USER' cannot be used" "Odoo refuses the superuser 'postgres'; pick a plain role name such as 'odoo'"
  [ -n "$OPS_ADMIN_PASSWORD" ] || die "OPS_ADMIN_PASSWORD is empty" "set OPS_ADMIN_PASSWORD in .env"
  [ -n "$OPS_DB_PASSWORD" ] || die "OPS_DB_PASSWORD is empty" "set OPS_DB_PASSWORD in .env"
  case "$ODOO_SRC" in /*) ;; *) die "ODOO_SRC='$ODOO_SRC' must be an absolute path" "e.g. ODOO_SRC=/opt/odoo/19.0" ;; esac
}

# The addons path: Odoo's two folders plus the folder that holds addon_ops_harmony.
odoo_addons_path() {
  printf '%s/odoo/addons,%s/addons,%s' "$ODOO_SRC" "$ODOO_SRC" "$OPS_ROOT"
}

# odoo_cmd [shell] [args...]: fills the array ODOO_CMD with odoo-bin, the project's database and
# path settings, then the arguments. A subcommand such as `shell` must come before the options.
odoo_cmd() {
  local command=()
  [ "${1:-}" = "shell" ] && { command=(shell); shift; }
  ODOO_CMD=("$OPS_PYTHON" "$ODOO_SRC/odoo-bin" "${command[@]}"
    --addons-path="$(odoo_addons_path)"
    --db_host="$OPS_DB_HOST" --db_port="$OPS_DB_PORT"
    --db_user="$OPS_DB_USER" --db_password="$OPS_DB_PASSWORD"
    --data-dir="$OPS_DATA_DIR/filestore"
    "$@")
}

odoo_bin() {
  odoo_cmd "$@"
  "${ODOO_CMD[@]}"
}

# odoo_bin_background [args...]: starts odoo-bin in the background and puts the PID of the
# Python process itself (not of a subshell) in ODOO_PID, so that killing it stops Odoo.
odoo_bin_background() {
  odoo_cmd "$@"
  "${ODOO_CMD[@]}" &
  ODOO_PID=$!
}

# psql as the project's role, over TCP like Odoo.
ops_psql() {
  PGPASSWORD="$OPS_DB_PASSWORD" psql -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" -U "$OPS_DB_USER" -d postgres -tAX "$@"
}

db_exists() {
  [ "$(ops_psql -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]
}

addon_installed() {
  [ "$(PGPASSWORD="$OPS_DB_PASSWORD" psql -h "$OPS_DB_HOST" -p "$OPS_DB_PORT" -U "$OPS_DB_USER" -d "$1" -tAX \
    -c "SELECT state FROM ir_module_module WHERE name = 'addon_ops_harmony'" 2>/dev/null)" = "installed" ]
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free TCP port on 127.0.0.1, for throw-away servers in tests.
free_port() {
  "$OPS_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL SECONDS: wait until URL answers, printing a dot every 2 seconds.
wait_http() {
  local url="$1" limit="$2" waited=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ "$waited" -ge "$limit" ] && { echo; return 1; }
    printf '.'; sleep 2; waited=$((waited + 2))
  done
  echo
}

# Show Odoo's module-loading progress while odoo-bin runs: "Loading module crm (42/97)".
odoo_progress_filter() {
  local line
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$1"
    case "$line" in
      *"Loading module"*|*" ERROR "*|*" CRITICAL "*|*"Starting "*" tests"*|*"tests when loading"*)
        printf '    %s\n' "$(printf '%s' "$line" | sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ //' | cut -c1-150)" ;;
    esac
  done
}
