# The end-to-end suite's live server, shared by scripts/ci/test.sh and scripts/e2e_dev.sh.
# Source after common.sh and provision.sh.

# e2e_fixtures DB DIR: runs every test/e2e/odoo/*_fixture.py in `odoo-bin shell` on DB. Each one
# writes its JSON (API keys, record ids) to DIR/<name>.json, given as OPS_E2E_FIXTURE_OUT; the suite
# reads them from OPS_E2E_FIXTURE_DIR. A fixture that fails leaves no JSON: its tests then fail.
e2e_fixtures() {
  local db="$1" dir="$2" fixture name
  for fixture in "$OPS_ROOT"/test/e2e/odoo/*_fixture.py; do
    name="$(basename "$fixture" _fixture.py)"
    rm -f "$dir/$name.json"
    OPS_E2E_FIXTURE_OUT="$dir/$name.json" OPS_E2E_APPROVAL_OUT="$dir/$name.json" \
      odoo_bin shell -d "$db" --no-http --log-level=warn < "$fixture" > "$dir/$name.fixture.log" 2>&1 \
      || { warn "the e2e fixture $name failed: see $dir/$name.fixture.log"; rm -f "$dir/$name.json"; }
  done
}

# e2e_odoo_args DB PORT LOG: fills the array E2E_ODOO_ARGS with the live server's options: DB
# alone, two workers, as in production (a second worker is what shows locks held across
# connections), no cron threads.
e2e_odoo_args() {
  E2E_ODOO_ARGS=(-d "$1" --db-filter="^${1}\$" --workers=2 --max-cron-threads=0
    --gevent-port="$(free_port)" --limit-time-real=600 --limit-time-cpu=600
    --http-interface=127.0.0.1 --http-port="$2" --logfile="$3")
}

# e2e_start_odoo DB PORT LOG: serves DB in the background (see e2e_odoo_args); sets ODOO_PID.
e2e_start_odoo() {
  e2e_odoo_args "$@"
  odoo_bin_background "${E2E_ODOO_ARGS[@]}" 2>/dev/null
}

# e2e_exec_odoo DB PORT LOG: becomes that same server (exec), so that the caller's child process
# is Odoo itself: what an end-to-end proof starts, kills and starts again (scripts/ci/e2e_odoo.sh).
e2e_exec_odoo() {
  e2e_odoo_args "$@"
  odoo_cmd "${E2E_ODOO_ARGS[@]}"
  exec "${ODOO_CMD[@]}" 2>/dev/null
}
