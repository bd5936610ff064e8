import json

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import file_path

from ..common import SALESMAN, archive_published

DOOR_RULES = "addon_ops_harmony/data/configurator/rulesets/door.json"


@tagged("post_install", "-at_install")
class TestConfigTour(HttpCase):
    """The configurator in the quote, in Chromium: a salesperson configures, an approver approves, the quote is confirmed."""

    def test_01_configure_push_a_guardrail_approve_and_confirm(self):
        """The door configured by keyboard needs approval for its discount; once approved, the salesperson confirms."""
        seller = new_test_user(self.env, "t_cfgt_seller", groups=SALESMAN, name="Tour Seller", tz="UTC")
        approver = new_test_user(
            self.env, "t_cfgt_approver", groups="addon_ops_harmony.addon_ops_harmony_group_approver", name="Tour Approver"
        )
        self.assertFalse(approver.has_group(SALESMAN))
        manager = new_test_user(self.env, "t_cfgt_manager", groups="sales_team.group_sale_manager")
        policy = self.env.ref("addon_ops_harmony.ops_policy_config_guardrails")
        archive_published(self.env, "sale.order", keep=policy)
        if policy.state != "published":
            policy.action_publish()
        door = self.env["product.product"].create({"name": "Tour Door", "type": "consu", "list_price": 100.0})
        with open(file_path(DOOR_RULES), encoding="utf-8") as rules:
            content = rules.read()
        ruleset = (
            self.env["ops.config.ruleset"]
            .with_user(manager)
            .create({"name": "Tour doors", "product_tmpl_ids": [Command.set(door.product_tmpl_id.ids)]})
        )
        version = (
            self.env["ops.config.ruleset.version"]
            .with_user(manager)
            .create(
                {
                    "ruleset_id": ruleset.id,
                    "content": content,
                    "vector_ids": [
                        Command.create(
                            {
                                "name": "default door",
                                "values": "{}",
                                "quantity": "1",
                                "role": "salesperson",
                                "expect": '{"ok": true, "unit_price": "300.00"}',
                            }
                        )
                    ],
                }
            )
        )
        version.action_publish()
        # the approval activity tour looks for this customer in the request's snapshot
        customer = self.env["res.partner"].create({"name": "Tour Approval Customer"})
        order = self.env["sale.order"].with_user(seller).create({"partner_id": customer.id})
        self.env.flush_all()

        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "addon_ops_harmony_configurator_quote",
            login=seller.login,
        )

        order.invalidate_recordset()
        line = order.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual((line.product_id, line.ops_config_version_id), (door, version.sudo()))
        self.assertEqual(line.price_unit, 349.69)
        self.assertEqual(
            json.loads(line.ops_config_input),
            {
                "values": {
                    "width": "100",
                    "height": "210",
                    "material": "pine",
                    "glazing": True,
                    "glass": "clear",
                    "hardware": [],
                    "manual_discount": "15",
                },
                "quantity": "1",
            },
        )
        # the browser's engine priced it as the server did: no difference was logged
        differences = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "config_differs"), ("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        )
        self.assertFalse(differences)
        self.assertIn("Discount over the limit", order.sudo().ops_config_guardrail_reason)
        self.assertEqual(order.state, "draft")
        request = self.env["ops.approval.request"].sudo().search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual((request.state, request.requested_by_id), ("pending", seller))
        # due on a later day, whatever the time the suite runs: the approver's tour must find it all the same
        activities = self.env["mail.activity"].search([("ops_approval_request_id", "=", request.id)])
        self.assertIn(approver, activities.user_id)
        activities.date_deadline = fields.Date.add(fields.Date.today(), days=3)

        self.start_tour("/odoo", "addon_ops_harmony_approval_activity", login=approver.login)

        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")

        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "addon_ops_harmony_configurator_confirm",
            login=seller.login,
        )

        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.price_unit, 349.69)
