"""Procurement fixtures: a requester whose manager approves, a finance approver and a valid vendor."""

from odoo.fields import Command
from odoo.tests import new_test_user

from ..common import OPS_USER_GROUP

FINANCE_GROUP = "addon_ops_harmony.addon_ops_harmony_group_finance"


def procurement_people(case):
    """Set on `case`: requester (Ops User) whose employee's manager is `manager`, `finance`, `other_user`."""
    env = case.env
    case.requester = new_test_user(env, "t_pr_requester", groups=OPS_USER_GROUP, name="Rita Requester")
    case.manager = new_test_user(env, "t_pr_manager", groups="base.group_user", name="Max Manager")
    case.finance = new_test_user(env, "t_pr_finance", groups=FINANCE_GROUP, name="Fay Finance")
    case.other_user = new_test_user(env, "t_pr_other", groups=OPS_USER_GROUP, name="Otto Other")
    boss = env["hr.employee"].create({"name": "Max Manager", "user_id": case.manager.id})
    env["hr.employee"].create({"name": "Rita Requester", "user_id": case.requester.id, "parent_id": boss.id})
    env["hr.employee"].create({"name": "Otto Other", "user_id": case.other_user.id, "parent_id": boss.id})
    case.vendor = valid_vendor(env, "Bureau Lumière SA")
    case.laptop = env["product.product"].create({"name": "Laptop 14in", "type": "consu", "purchase_ok": True})


def valid_vendor(env, name):
    """A Belgian vendor with a VAT number and an IBAN whose check digits hold."""
    return env["res.partner"].create(
        {
            "name": name,
            "is_company": True,
            "country_id": env.ref("base.be").id,
            "vat": "BE0477472701",
            "bank_ids": [Command.create({"acc_number": "BE71 0961 2345 6769"})],
        }
    )


def hardware(env):
    return env.ref("addon_ops_harmony.ops_spend_it_hardware")
