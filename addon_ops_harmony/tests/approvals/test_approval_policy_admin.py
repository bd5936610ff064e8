from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from ..common import SALESMAN, archive_published, discounted_quote

MANAGER = "addon_ops_harmony.addon_ops_harmony_group_manager"


@tagged("post_install", "-at_install")
class TestApprovalPolicyAdmin(TransactionCase):
    """An Ops Manager builds a policy by picking, not typing, and is told when it overlaps another."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "t_pa_manager", groups=f"{MANAGER},sales_team.group_sale_salesman_all_leads", name="Mia Manager"
        )
        cls.sale_model = cls.env["ir.model"]._get("sale.order")
        archive_published(cls.env, "sale.order")

    def _new_policy(self, name, domain="[('amount_total', '>', 50000)]"):
        with Form(self.env["ops.approval.policy"].with_user(self.manager)) as form:
            form.name = name
            form.model_id = self.sale_model
            form.button_id = self.env["ops.approval.button"].search(
                [("model_id", "=", self.sale_model.id), ("method_name", "=", "action_confirm")]
            )
            form.domain = domain
            form.default_tier = "medium"
            with form.step_ids.new() as step:
                step.name = "Manager"
                step.approver_type = "user"
                step.user_ids.add(self.manager)
        return form.record

    def test_01_the_buttons_of_a_model_are_offered_with_their_labels(self):
        """Sales orders offer Confirm (action_confirm) and their other object buttons; nothing private or generic."""
        buttons = self.env["ops.approval.button"]._ops_sync(self.sale_model)
        by_method = dict(zip(buttons.mapped("method_name"), buttons.mapped("label")))
        self.assertEqual(by_method["action_confirm"], "Confirm")
        self.assertIn("action_cancel", by_method)
        self.assertFalse([method for method in by_method if method.startswith("_") or method in ("write", "unlink")])
        again = self.env["ops.approval.button"]._ops_sync(self.sale_model)
        self.assertEqual(again, buttons, "listed once")

    def test_02_picking_the_button_sets_the_action(self):
        """The admin picks Confirm from the list; the policy guards action_confirm, and shows Confirm back."""
        policy = self._new_policy("Big orders")
        self.assertEqual(policy.method_name, "action_confirm")
        self.assertEqual(policy.button_id.label, "Confirm")

    def test_03_a_button_of_another_model_is_refused(self):
        """A button picked for another model cannot be saved on the policy."""
        policy = self._new_policy("Big orders")
        lead_button = (
            self.env["ops.approval.button"]
            .sudo()
            .create({"model_id": self.env["ir.model"]._get_id("crm.lead"), "method_name": "action_set_won", "label": "Won"})
        )
        with self.assertRaises(ValidationError):
            policy.with_user(self.manager).write({"button_id": lead_button.id, "model_id": self.sale_model.id})
            policy.flush_recordset()
        self.assertEqual(policy.method_name, "action_confirm")

    def test_04_requesters_manager_is_offered_only_with_the_employees_app(self):
        """Without the Employees app, "Requester's manager" is not among the approver types."""
        types = dict(self.env["ops.approval.policy.step"]._fields["approver_type"]._description_selection(self.env))
        self.assertEqual("manager" in types, "hr.employee" in self.env)
        self.assertIn("group", types)

    def test_05_an_overlapping_policy_is_named(self):
        """A second policy on Confirm names the published one, and a quote that both would stop."""
        first = self._new_policy("Big orders", "[('amount_untaxed', '>', 500)]")
        first.with_user(self.manager).action_publish()
        seller = new_test_user(self.env, "t_pa_seller", groups=SALESMAN)
        customer = self.env["res.partner"].create({"name": "Overlap customer"})
        product = self.env["product.product"].create({"name": "Overlap widget", "type": "consu"})
        quote = discounted_quote(self.env, seller, customer, product, 20)
        second = self._new_policy("Discounts", "[('order_line.discount', '>', 10)]")
        self.assertIn("Big orders", second.overlap_warning)
        self.assertIn(quote.display_name, second.overlap_warning)
        self.assertFalse(first.overlap_warning, "a published policy alone on its action")
        other_action = self.env["ops.approval.policy"].create(
            {
                "name": "Cancels",
                "model_id": self.sale_model.id,
                "method_name": "action_cancel",
                "default_tier": "medium",
                "step_ids": [
                    Command.create(
                        {"name": "M", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(self.manager.ids)]}
                    )
                ],
            }
        )
        self.assertFalse(other_action.overlap_warning)

    def test_06_test_this_policy_on_a_quote(self):
        """On a chosen quote the admin sees the tier, why, and who would approve; on another, that it does not apply."""
        approver = new_test_user(
            self.env, "t_pa_approver", groups="addon_ops_harmony.addon_ops_harmony_group_approver", name="Ava Approver"
        )
        policy = self._new_policy("Big orders", "[('amount_untaxed', '>', 500)]")
        policy.write(
            {
                "tier_rule_ids": [
                    Command.create({"name": "Above 50,000", "domain": "[('amount_untaxed', '>', 50000)]", "risk_tier": "high"})
                ],
                "step_ids": [
                    Command.create(
                        {"name": "Finance", "tier": "high", "approver_type": "user", "user_ids": [Command.set(approver.ids)]}
                    )
                ],
            }
        )
        seller = new_test_user(self.env, "t_pa_seller2", groups=SALESMAN)
        customer = self.env["res.partner"].create({"name": "Test-policy customer"})
        product = self.env["product.product"].create({"name": "Test-policy widget", "type": "consu"})
        big = discounted_quote(self.env, seller, customer, product, 0)
        big.order_line.write({"product_uom_qty": 64, "price_unit": 1000})
        small = discounted_quote(self.env, seller, customer, product, 60)
        requests_before = self.env["ops.approval.request"].sudo().search_count([])

        action = policy.with_user(self.manager).action_open_test()
        wizard = self.env[action["res_model"]].with_user(self.manager).with_context(action["context"]).create({"res_id": big.id})
        self.assertEqual((wizard.applies, wizard.tier), (True, "high"), wizard.verdict)
        self.assertIn("Above 50,000: High", wizard.verdict)
        self.assertIn("Ava Approver", wizard.verdict)
        wizard.res_id = small.id
        self.assertFalse(wizard.applies)
        self.assertIn("does not match the policy's condition", wizard.verdict)
        self.assertEqual(self.env["ops.approval.request"].sudo().search_count([]), requests_before, "nothing written")
        # someone who may not read the quote learns nothing of it
        outsider = new_test_user(self.env, "t_pa_outsider", groups=f"{MANAGER},{SALESMAN}")
        with self.assertRaisesRegex(UserError, "may not read this record"):
            self.env[action["res_model"]].with_user(outsider).with_context(action["context"]).create({"res_id": big.id}).verdict

    def test_07_an_upgrade_lists_the_buttons_of_existing_policies(self):
        """Policies made before the button list existed show their button once the upgrade lists them."""
        policy = self._new_policy("Big orders")
        self.env["ops.approval.button"].sudo().search([("model_id", "=", self.sale_model.id)]).unlink()
        policy.invalidate_recordset(["button_id"])
        self.assertFalse(policy.button_id)
        self.assertEqual(policy.method_name, "action_confirm", "the engine's field is untouched")
        self.env["ops.approval.button"]._ops_sync_policy_models()
        policy.invalidate_recordset(["button_id"])
        self.assertEqual(policy.button_id.label, "Confirm")
