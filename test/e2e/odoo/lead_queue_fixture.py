# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: fills a team queue.
# Team "E2E Queue" takes leads from Iceland (a country no other rule uses); its two members work
# around the clock but are opted out, so every lead created here waits in the queue. The suite opts
# them back in and has two managers run the team's assigner at the same moment over JSON-2. Writes
# the API keys (two managers, one salesperson) and the team, member and fresh lead ids as JSON to
# OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os

from odoo.fields import Command

LEADS = 40
env = env  # noqa: F821
users = env["res.users"]


def user(login, name, groups):
    found = users.search([("login", "=", login)])
    return found or users.with_context(no_reset_password=True).create({
        "login": login, "name": name, "tz": "UTC",
        "group_ids": [Command.set([env.ref(group).id for group in groups])],
    })


first_manager = user("e2e_queue_manager_1", "Queue Manager One", ["sales_team.group_sale_manager"])
second_manager = user("e2e_queue_manager_2", "Queue Manager Two", ["sales_team.group_sale_manager"])
sellers = [user(f"e2e_queue_seller_{n}", f"Queue Seller {n}", ["addon_ops_harmony.addon_ops_harmony_group_user"])
           for n in (1, 2)]

calendar = env["resource.calendar"].search([("name", "=", "E2E queue: around the clock")], limit=1)
calendar = calendar or env["resource.calendar"].create({
    "name": "E2E queue: around the clock", "tz": "UTC",
    "attendance_ids": [Command.clear()] + [
        Command.create({"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 24,
                        "day_period": "morning"}) for day in range(7)],
})
for seller in sellers:
    if not env["resource.resource"].search([("user_id", "=", seller.id)]):
        env["resource.resource"].create(
            {"name": seller.name, "user_id": seller.id, "calendar_id": calendar.id, "tz": "UTC"})

team = env["crm.team"].search([("name", "=", "E2E Queue")], limit=1)
team = team or env["crm.team"].create({"name": "E2E Queue", "use_leads": True})
Member = env["crm.team.member"]
members = Member.search([("crm_team_id", "=", team.id)])
for seller in sellers:
    if seller not in members.user_id:
        members |= Member.create({"crm_team_id": team.id, "user_id": seller.id, "assignment_max": 0})
members.write({"assignment_optout": True})

iceland = env.ref("base.is")
if not env["ops.routing.rule"].search([("name", "=", "E2E Iceland")]):
    env["ops.routing.rule"].create({"name": "E2E Iceland", "sequence": 0, "team_id": team.id,
                                    "country_ids": [Command.set(iceland.ids)]})

leads = env["crm.lead"].create([{"name": f"E2E queued lead {i}", "type": "lead", "country_id": iceland.id}
                                for i in range(LEADS)])
queued = leads.filtered(lambda lead: lead.ops_routing_state == "queued" and not lead.user_id)
assert queued == leads, f"only {len(queued)} of {LEADS} leads were queued"
keys = {
    name: env["res.users.apikeys"].with_user(owner).sudo()._generate(None, "e2e lead queue", None)
    for name, owner in (("manager_1", first_manager), ("manager_2", second_manager), ("seller", sellers[0]))
}
env.cr.commit()

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"keys": keys, "team_id": team.id, "member_ids": members.ids,
               "seller_ids": [seller.id for seller in sellers], "lead_ids": leads.ids}, out)
print(f"lead queue: {len(leads)} queued leads in team {team.id}")
