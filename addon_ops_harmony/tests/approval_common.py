"""Shared set-up of the approval suites: users, a product, and a policy on sales order confirmation."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user

SALESMAN = "sales_team.group_sale_salesman"


def archive_published(env, model_name, keep=None):
    """Archive the published policies on `model_name` but `keep` (a database with demo data publishes the templates)."""
    domain = [("model_name", "=", model_name), ("state", "=", "published")]
    if keep:
        domain.append(("id", "not in", keep.ids))
    env["ops.approval.policy"].sudo().search(domain).action_archive_version()


def attempt(case, action):
    """Run `action` with the engine's side transactions in test mode; return the UserError's message or None.

    The engine writes requests in a transaction of its own; the registry's test mode makes that
    transaction a savepoint of the test's, so the test sees it and rolls it back.
    """
    with case.enter_registry_test_mode():
        try:
            action()
        except UserError as error:
            return str(error)
    return None


def publish_discount_policy(env, approver):
    """Publish the only policy on quotes: a discount above 10 % needs `approver` (medium tier)."""
    archive_published(env, "sale.order")
    policy = env["ops.approval.policy"].create({
        "name": "Big discounts", "model_id": env["ir.model"]._get_id("sale.order"),
        "method_name": "action_confirm", "domain": "[('order_line.discount', '>', 10)]", "default_tier": "medium",
        "step_ids": [Command.create({"name": approver.name, "tier": "medium", "approver_type": "user",
                                     "user_ids": [Command.set(approver.ids)]})],
    })
    policy.action_publish()
    return policy


def discounted_quote(env, seller, customer, product, discount):
    """Create, as `seller`, a quote of one line at 1,000 with `discount` %, flushed for the HTTP calls."""
    order = env["sale.order"].with_user(seller).create({
        "partner_id": customer.id,
        "order_line": [Command.create({"product_id": product.id, "price_unit": 1000, "discount": discount})],
    })
    env.flush_all()
    return order


class OpsApprovalCase(TransactionCase):
    """Quotes priced 500 (low), 2,000 (medium) or 20,000 (high) under one published policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requester = new_test_user(cls.env, "t_apr_requester", groups=SALESMAN, name="Rhea Requester")
        cls.approver = new_test_user(
            cls.env, "t_apr_approver", groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver",
            name="Ada Approver")
        cls.approver2 = new_test_user(
            cls.env, "t_apr_approver2", groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver",
            name="Bo Approver")
        cls.outsider = new_test_user(cls.env, "t_apr_outsider", groups=SALESMAN, name="Otto Outsider")
        cls.escalation = new_test_user(cls.env, "t_apr_escalation", groups=SALESMAN, name="Esme Escalation")
        cls.customer = cls.env["res.partner"].create({"name": "Approval Customer"})
        cls.product = cls.env["product.product"].create({"name": "Approval Widget", "list_price": 1.0, "type": "consu"})
        cls.policy = cls.env["ops.approval.policy"].create({
            "name": "Quote amount",
            "model_id": cls.env["ir.model"]._get_id("sale.order"),
            "method_name": "action_confirm",
            "domain": "[('amount_untaxed', '>', 0)]",
            "default_tier": "low",
            "escalation_user_id": cls.escalation.id,
            "tier_rule_ids": [
                Command.create({"name": "Above 1,000", "domain": "[('amount_untaxed', '>', 1000)]", "risk_tier": "medium"}),
                Command.create({"name": "Above 10,000", "domain": "[('amount_untaxed', '>', 10000)]", "risk_tier": "high"}),
            ],
            "step_ids": [
                Command.create({"name": "Ada", "tier": "medium", "approver_type": "user",
                                "user_ids": [Command.set(cls.approver.ids)]}),
                Command.create({"name": "Ada first", "tier": "high", "sequence": 10, "approver_type": "user",
                                "user_ids": [Command.set(cls.approver.ids)]}),
                Command.create({"name": "Both approvers", "tier": "high", "sequence": 20, "approver_type": "group",
                                "group_id": cls.env.ref("addon_ops_harmony.addon_ops_harmony_group_approver").id,
                                "min_approvals": 2}),
            ],
        })
        cls.policy.action_publish()

    def _quote(self, amount, user=None):
        order = self.env["sale.order"].with_user(user or self.requester).create({
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1, "price_unit": amount})],
        })
        return order.sudo()

    def _confirm(self, order, user=None):
        """Confirm `order` as `user`; return the UserError's message, or None when it went through."""
        return attempt(self, order.with_user(user or self.requester).action_confirm)

    def _request(self, order):
        return self.env["ops.approval.request"].sudo().search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc", limit=1)

    def _activities(self, request, user=None):
        domain = [("ops_approval_request_id", "=", request.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].sudo().search(domain)

    def _log(self, event, request=None):
        domain = [("event", "=", event)] + ([("request_id", "=", request.id)] if request else [])
        return self.env["ops.audit.log"].sudo().search(domain)
