# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: the three shipped approval
# templates (quote discount tiers, large quote amount, credit-note posting), published, and real
# users to drive them over JSON-2: a salesperson with Sales rights only, a team leader with no
# Sales rights at all, an Ops Approver, an Ops Manager, a billing clerk and an Ops Finance user.
# Each run adds fresh draft documents. Writes keys, user ids and document ids as JSON to
# OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os

from odoo.fields import Command

env = env  # noqa: F821
users = env["res.users"]


def user(login, name, groups):
    found = users.search([("login", "=", login)])
    return found or users.with_context(no_reset_password=True).create({
        "login": login, "name": name, "group_ids": [Command.set([env.ref(group).id for group in groups])],
    })


def published(xmlid):
    """The enforced version of a shipped template: publishes it when a fresh database has it as a draft."""
    family = env.ref(xmlid).family_id
    Policy = env["ops.approval.policy"].with_context(active_test=False)
    current = Policy.search([("family_id", "=", family.id), ("state", "=", "published")], limit=1)
    if not current:
        current = Policy.search([("family_id", "=", family.id), ("state", "=", "draft")], limit=1)
        current = current or Policy.search([("family_id", "=", family.id)], order="version desc", limit=1)._ops_new_version({})
        current.action_publish()
    return current


policies = {name: published(f"addon_ops_harmony.{xmlid}") for name, xmlid in (
    ("discount", "ops_policy_quote_discount"), ("large", "ops_policy_large_quote"), ("credit_note", "ops_policy_credit_note"),
)}
people = {
    "sales": user("e2e_tpl_sales", "Sal Salesperson", ["sales_team.group_sale_salesman"]),
    "leader": user("e2e_tpl_leader", "Lee Leader", ["base.group_user"]),
    "approver": user("e2e_tpl_approver", "Ana Approver", ["addon_ops_harmony.addon_ops_harmony_group_approver"]),
    "manager": user("e2e_tpl_manager", "Manu Manager", ["addon_ops_harmony.addon_ops_harmony_group_manager"]),
    "billing": user("e2e_tpl_billing", "Bill Billing", ["account.group_account_invoice"]),
    "finance": user("e2e_tpl_finance", "Fin Finance", ["addon_ops_harmony.addon_ops_harmony_group_finance"]),
}
team = env["crm.team"].search([("name", "=", "E2E template team")], limit=1) or env["crm.team"].create({
    "name": "E2E template team", "user_id": people["leader"].id,
})
product = env["product.product"].search([("default_code", "=", "E2E-TPL")], limit=1) or env["product.product"].create({
    "name": "E2E template widget", "default_code": "E2E-TPL", "type": "consu", "list_price": 1.0,
})
customer = env["res.partner"].create({"name": "Template customer"})


def quote(price, discount=0.0):
    return env["sale.order"].create({
        "partner_id": customer.id, "user_id": people["sales"].id, "team_id": team.id,
        "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": price,
                                       "discount": discount})],
    }).id


orders = {
    "discount_medium": quote(1000, 10), "discount_high": quote(1000, 25),
    "large_medium": quote(60000), "large_high": quote(300000), "large_rejected": quote(60000),
}
if not env.company.chart_template:  # account loads the generic chart on install; make sure of it
    env["account.chart.template"].try_loading("generic_coa", env.company, install_demo=False)
credit_note = env["account.move"].create({
    "move_type": "out_refund", "partner_id": customer.id,
    "invoice_line_ids": [Command.create({"name": "Refund promised by support", "quantity": 1, "price_unit": 100})],
})
keys = {
    name: env["res.users.apikeys"].with_user(who).sudo()._generate(None, "e2e templates", None)
    for name, who in people.items()
}
env.cr.commit()

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({
        "keys": keys,
        "users": {name: who.id for name, who in people.items()},
        "families": {name: policy.family_id.id for name, policy in policies.items()},
        "orders": orders,
        "credit_note": credit_note.id,
    }, out)
print(f"approval templates: {', '.join(f'{p.name} v{p.version}' for p in policies.values())}")
