# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# Measures the lead pipeline's overhead: one batch create of OPS_BENCH_LEADS leads with the
# shipped automation rules active, against the same create with them paused, alternated in one run.
# Prints the timings and the ratio of the medians.
# The bench database first gets an inbound desk like the demo's (two teams, four members on an
# around-the-clock calendar, routing rules by country), committed once, so that routing, the
# owners' follow-up activities and their notifications happen inside the measured create.
# Every round starts from the same database: its transaction is rolled back and the tables are
# vacuumed, as autovacuum would between real imports (a savepoint rollback would leave each
# round's dead rows in the indexes the next round searches).
import math
import os
import statistics
import time
from contextlib import closing

from odoo.fields import Command
from odoo.sql_db import db_connect

count = int(os.environ.get("OPS_BENCH_LEADS", "5000"))
rounds = int(os.environ.get("OPS_BENCH_ROUNDS", "3"))
rules = (
    env["base.automation"]
    .with_context(active_test=False)
    .search([("model_id.model", "=", "crm.lead"), ("name", "=like", "Ops Harmony:%")])  # noqa: F821
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


def inbound_desk():
    """Create the demo's desk (demo/ops_pipeline_demo.xml), its capacities scaled to the batch.

    The demo's members take 30, 30, 40 and 10 open leads; multiplied by one per 50 leads of the
    batch, every routable lead of the batch gets an owner (and with it an activity), as in the demo.
    """
    ref = env.ref  # noqa: F821
    scale = max(1, math.ceil(count / 50))
    logins = [f"bench_{name}" for name in ("olivia", "sam", "rita", "carlos")]
    users = env["res.users"].search([("login", "in", logins)])  # noqa: F821
    if users:
        # the desk of an earlier run: only the capacities follow the batch size
        members = env["crm.team.member"].search([("user_id", "in", users.ids)])  # noqa: F821
        for member in members:
            member.assignment_max = {"bench_rita": 40, "bench_carlos": 10}.get(member.user_id.login, 30) * scale
        return users
    calendar = env["resource.calendar"].create(
        {  # noqa: F821
            "name": "Bench: around the clock",
            "tz": "UTC",
            "attendance_ids": [Command.clear()]
            + [
                Command.create(
                    {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 24, "day_period": "morning"}
                )
                for day in range(7)
            ],
        }
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {  # noqa: F821
                    "name": name,
                    "login": f"bench_{name.split()[0].lower()}",
                    "email": f"{name.split()[0].lower()}@bench.example",
                    "tz": "UTC",
                    "group_ids": [Command.set([ref("addon_ops_harmony.addon_ops_harmony_group_user").id])],
                }
                for name in ("Olivia Ops", "Sam Seller", "Rita Rep", "Carlos Closer")
            ]
        )
    )
    env["resource.resource"].create(
        [{"name": user.name, "user_id": user.id, "calendar_id": calendar.id, "tz": "UTC"} for user in users]  # noqa: F821
    )
    olivia, sam, rita, carlos = users
    emea, americas = env["crm.team"].create(
        [  # noqa: F821
            {
                "name": "Bench Inbound EMEA",
                "use_leads": True,
                "user_id": ref("base.user_admin").id,
                "ops_mql_threshold": 40,
                "ops_sla_minutes": 15,
                "ops_sla_reassign": True,
            },
            {
                "name": "Bench Inbound Americas",
                "use_leads": True,
                "user_id": ref("base.user_admin").id,
                "ops_mql_threshold": 50,
                "ops_sla_minutes": 30,
            },
        ]
    )
    env["crm.team.member"].create(
        [  # noqa: F821
            {"crm_team_id": team.id, "user_id": user.id, "assignment_max": capacity * scale}
            for team, user, capacity in ((emea, olivia, 30), (emea, sam, 30), (americas, rita, 40), (americas, carlos, 10))
        ]
    )
    env["ops.routing.rule"].create(
        [  # noqa: F821
            {
                "name": "Bench EMEA",
                "sequence": 1,
                "team_id": emea.id,
                "strategy": "round_robin",
                "country_ids": [Command.set([ref(f"base.{code}").id for code in ("be", "nl", "de", "fr", "uk", "es")])],
            },
            {
                "name": "Bench Americas",
                "sequence": 2,
                "team_id": americas.id,
                "strategy": "weighted_capacity",
                "country_ids": [Command.set([ref(f"base.{code}").id for code in ("us", "ca", "br", "mx")])],
            },
        ]
    )
    env["ir.config_parameter"].set_param(  # noqa: F821
        "addon_ops_harmony.default_team_id", str(ref("sales_team.team_sales_department").id)
    )
    return users


desk_users = inbound_desk()
env.cr.commit()  # noqa: F821


def vacuum():
    """VACUUM ANALYZE the bench database, from a second connection (VACUUM needs autocommit)."""
    with closing(db_connect(env.cr.dbname).cursor()) as cr:  # noqa: F821
        cr._cnx.autocommit = True
        cr.execute("VACUUM ANALYZE")


def measure(active, batch=None):
    rules.write({"active": active})
    env.flush_all()  # noqa: F821
    started = time.perf_counter()
    leads = env["crm.lead"].create(batch or vals_list)  # noqa: F821
    env.flush_all()  # noqa: F821
    elapsed = time.perf_counter() - started
    if active:
        routed.append(sum(lead.user_id in desk_users for lead in leads))
        activities.append(
            env["mail.activity"].search_count([("res_model", "=", "crm.lead"), ("res_id", "in", leads.ids)])  # noqa: F821
        )
    env.cr.rollback()  # noqa: F821
    vacuum()
    return elapsed


results = {False: [], True: []}
routed = []
activities = []
measure(False, vals_list[:200])  # warm-up: caches, first-time imports
measure(True, vals_list[:200])
for index in range(rounds):
    for active in (False, True) if index % 2 == 0 else (True, False):
        elapsed = measure(active)
        results[active].append(elapsed)
        label = "pipeline on " if active else "pipeline off"
        print(f"  round {index + 1}/{rounds} {label}: {elapsed:6.2f} s ({count / elapsed:.0f} leads/s)", flush=True)

off = statistics.median(results[False])
on = statistics.median(results[True])
if not routed[-1] or not activities[-1]:
    raise SystemExit("the pipeline routed no lead to the bench desk: the measure would leave routing out")
print(f"pipeline on: {routed[-1]} of {count} leads routed to a member, {activities[-1]} follow-up activities")
print(f"create {count} leads, median of {rounds}: off {off:.2f} s, on {on:.2f} s")
# the two runs of a round share the machine's state of the moment: their ratio is the steadier figure
pairs = [on_time / off_time for on_time, off_time in zip(results[True], results[False])]
print(f"on/off within each round: {', '.join(f'{ratio:.2f}x' for ratio in pairs)} (median {statistics.median(pairs):.2f}x)")
print(f"pipeline time overhead: {on / off:.2f}x (goal <= 1.25x)")
