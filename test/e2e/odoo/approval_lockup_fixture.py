# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up the approval lock-up.
# Two policies guard the confirmation of quotes referenced E2E-LOCK: "E2E lock-up discount" is
# low up to 20 % off (auto-approved and logged) and medium above; "E2E lock-up amount" is medium
# above 5,000. A quote of 6,000 with 3 % off is auto-approved by the first and stopped by the
# second in one click: the click that used to wait on its own audit lock. Nothing here sets a
# lock_timeout: the suite passes only if no lock is waited for. Writes the API keys (the seller
# twice, as two sessions, and an Ops Manager who reads) and fresh quote ids as JSON to
# OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os

from odoo.fields import Command

users = env["res.users"]  # noqa: F821


def user(login, name, groups):
    found = users.search([("login", "=", login)])
    return found or users.with_context(no_reset_password=True).create({
        "login": login, "name": name,
        "group_ids": [Command.set([env.ref(group).id for group in groups])],  # noqa: F821
    })


seller = user("e2e_lock_seller", "Lou Seller", ["sales_team.group_sale_salesman"])
approver = user("e2e_lock_approver", "Lia Approver", ["sales_team.group_sale_salesman",
                                                      "addon_ops_harmony.addon_ops_harmony_group_approver"])
manager = user("e2e_lock_manager", "Lex Manager", ["sales_team.group_sale_manager",
                                                   "addon_ops_harmony.addon_ops_harmony_group_manager"])
Policy = env["ops.approval.policy"]  # noqa: F821
steps = [Command.create({"name": "Lia", "tier": "medium", "approver_type": "user",
                         "user_ids": [Command.set(approver.ids)]})]


def policy(name, domain, default_tier, tier_rules=()):
    found = Policy.search([("name", "=", name), ("state", "=", "published")], limit=1)
    if found:
        return found
    created = Policy.create({
        "name": name, "model_id": env["ir.model"]._get_id("sale.order"),  # noqa: F821
        "method_name": "action_confirm", "domain": domain, "default_tier": default_tier, "step_ids": steps,
        "tier_rule_ids": [Command.create(rule) for rule in tier_rules],
    })
    created.action_publish()
    return created


discount = policy("E2E lock-up discount", "[('client_order_ref', '=', 'E2E-LOCK'), ('order_line.discount', '>', 0)]",
                  "low", [{"name": "Above 20 %", "domain": "[('order_line.discount', '>', 20)]", "risk_tier": "medium"}])
amount = policy("E2E lock-up amount", "[('client_order_ref', '=', 'E2E-LOCK'), ('amount_total', '>', 5000)]", "medium")
customer = env["res.partner"].create({"name": "Lock-up customer"})  # noqa: F821
product = env["product.product"].create({"name": "Lock-up widget", "type": "consu", "list_price": 1.0})  # noqa: F821


def quote(price, discount_percent):
    return env["sale.order"].with_user(seller).create({  # noqa: F821
        "partner_id": customer.id, "client_order_ref": "E2E-LOCK",
        "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": price,
                                       "discount": discount_percent})],
    }).id


quotes = {
    "mixed": quote(6000, 3),  # low under the discount policy, medium under the amount policy
    "race": quote(6000, 3),  # the same, clicked from two sessions at once
    "write": quote(1000, 60),  # 60 % off: confirmed by writing the state, around the button
}
keys = {
    name: env["res.users.apikeys"].with_user(who).sudo()._generate(None, f"e2e lock-up {name}", None)  # noqa: F821
    for name, who in (("seller", seller), ("seller_again", seller), ("manager", manager))
}
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"keys": keys, "quotes": quotes, "policies": {"discount": discount.id, "amount": amount.id}}, out)
print(f"approval lock-up: quotes {quotes}")
