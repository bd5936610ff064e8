#!/usr/bin/env bash
# Starts the local PostgreSQL cluster if it is down and makes sure the project's role exists.
# Odoo refuses the superuser, so the role is LOGIN CREATEDB NOSUPERUSER with a password,
# and Odoo connects over TCP on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
load_config

if [ "$OPS_DB_HOST" != "127.0.0.1" ] && [ "$OPS_DB_HOST" != "localhost" ]; then
  ok "using the PostgreSQL server at $OPS_DB_HOST:$OPS_DB_PORT (not managed here)"
  exit 0
fi

command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed" "run npm run setup (it installs the postgresql package)"
cluster=$(pg_lsclusters --no-header | awk -v port="$OPS_DB_PORT" '$3 == port { print $1 " " $2 " " $4; exit }')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  info "no cluster on port $OPS_DB_PORT: creating one (PostgreSQL $version)"
  as_root pg_createcluster "$version" main --port "$OPS_DB_PORT" >/dev/null
  cluster="$version main down"
fi
read -r pg_version pg_name pg_status <<< "$cluster"
if [ "$pg_status" != "online" ]; then
  info "starting PostgreSQL $pg_version/$pg_name on port $OPS_DB_PORT"
  as_root pg_ctlcluster "$pg_version" "$pg_name" start \
    || die "PostgreSQL $pg_version/$pg_name did not start" "read /var/log/postgresql/postgresql-$pg_version-$pg_name.log"
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$OPS_DB_PORT" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$OPS_DB_PORT" || die "PostgreSQL does not answer on port $OPS_DB_PORT" "check 'pg_lsclusters' and its log"

as_postgres() { as_root runuser -u postgres -- "$@"; }
role_sql="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OPS_DB_USER') THEN
    CREATE ROLE \"$OPS_DB_USER\" LOGIN CREATEDB NOSUPERUSER PASSWORD '${OPS_DB_PASSWORD//\'/\'\'}';
  ELSE
    ALTER ROLE \"$OPS_DB_USER\" LOGIN CREATEDB NOSUPERUSER PASSWORD '${OPS_DB_PASSWORD//\'/\'\'}';
  END IF;
END \$\$;"
as_postgres psql -p "$OPS_DB_PORT" -qX -v ON_ERROR_STOP=1 -c "$role_sql" \
  || die "could not create the PostgreSQL role '$OPS_DB_USER'" "run as root, or create it yourself: CREATE ROLE $OPS_DB_USER LOGIN CREATEDB NOSUPERUSER PASSWORD '...'"
ops_psql -c "SELECT 1" >/dev/null \
  || die "the role '$OPS_DB_USER' cannot log in over TCP" "check pg_hba.conf allows password logins from 127.0.0.1 (Debian's default does)"
ok "PostgreSQL $pg_version on port $OPS_DB_PORT, role '$OPS_DB_USER' (no superuser)"
