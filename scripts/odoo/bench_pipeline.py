# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# Measures the lead pipeline's overhead: one batch create of OPS_BENCH_LEADS leads with the
# shipped automation rules active, against the same create with them paused, alternated in one run
# and rolled back each time. Prints the timings and the ratio of the medians.
import os
import statistics
import time

count = int(os.environ.get("OPS_BENCH_LEADS", "5000"))
rounds = int(os.environ.get("OPS_BENCH_ROUNDS", "3"))
rules = env["base.automation"].with_context(active_test=False).search(  # noqa: F821
    [("model_id.model", "=", "crm.lead"), ("name", "=like", "Ops Harmony:%")]
)
if not rules:
    raise SystemExit("no 'Ops Harmony:' automation rules on crm.lead: is addon_ops_harmony up to date?")
countries = ["Belgium", "U.S.A.", "Deutschland", "uk", "France", "Atlantis"]
industries = ["Software", "Manufacturing", "Healthcare", "Retail", "Space mining"]


def lead_values(i):
    return {
        "name": f"Bench lead {i}",
        "contact_name": f"Contact {i}",
        "email_from": f"  Buyer{i}@Example{i % 50}.com ",
        "phone": f"0470 {i % 100:02d} {i % 97:02d} {i % 89:02d}",
        "ops_country_input": countries[i % len(countries)],
        "ops_industry_input": industries[i % len(industries)],
        "ops_employee_count": (i * 37) % 3000,
        "ops_utm_source_input": ["Google", "linkedin", "Newsletter"][i % 3],
        "function": ["CTO", "Buyer", "Head of Operations"][i % 3],
    }


vals_list = [lead_values(i) for i in range(count)]


def measure(active, batch=None):
    rules.write({"active": active})
    env.flush_all()  # noqa: F821
    env.cr.execute("SAVEPOINT ops_bench")  # noqa: F821
    started = time.perf_counter()
    env["crm.lead"].create(batch or vals_list)  # noqa: F821
    env.flush_all()  # noqa: F821
    elapsed = time.perf_counter() - started
    env.cr.execute("ROLLBACK TO SAVEPOINT ops_bench")  # noqa: F821
    env.invalidate_all()  # noqa: F821
    return elapsed


results = {False: [], True: []}
measure(False, vals_list[:200])  # warm-up: caches, first-time imports
measure(True, vals_list[:200])
for index in range(rounds):
    for active in (False, True) if index % 2 == 0 else (True, False):
        elapsed = measure(active)
        results[active].append(elapsed)
        label = "pipeline on " if active else "pipeline off"
        print(f"  round {index + 1}/{rounds} {label}: {elapsed:6.2f} s ({count / elapsed:.0f} leads/s)", flush=True)
rules.write({"active": True})
env.cr.rollback()  # noqa: F821

off = statistics.median(results[False])
on = statistics.median(results[True])
print(f"create {count} leads, median of {rounds}: off {off:.2f} s, on {on:.2f} s")
print(f"pipeline time overhead: {on / off:.2f}x (goal <= 1.25x)")
