from odoo.fields import Domain
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN, archive_published, discounted_quote

MANAGER = "addon_ops_harmony.addon_ops_harmony_group_manager"
APPROVER = "addon_ops_harmony.addon_ops_harmony_group_approver"


@tagged("post_install", "-at_install")
class TestApprovalPolicyAdminTour(HttpCase):
    """An Ops Manager (not a Settings admin) builds, tests and publishes a policy in Chromium, typing no code."""

    def test_01_build_test_and_publish_the_50000_policy(self):
        manager = new_test_user(
            self.env, "t_pat_manager", groups=f"{MANAGER},sales_team.group_sale_salesman_all_leads", name="Tour Manager"
        )
        self.assertFalse(manager.has_group("base.group_system"))
        approver = new_test_user(self.env, "t_pat_approver", groups=APPROVER, name="Tour Approver")
        seller = new_test_user(self.env, "t_pat_seller", groups=SALESMAN)
        archive_published(self.env, "sale.order")
        customer = self.env["res.partner"].create({"name": "Tour Big Customer"})
        product = self.env["product.product"].create({"name": "Tour big widget", "type": "consu"})
        quote = discounted_quote(self.env, seller, customer, product, 0)
        quote.write({"name": "Tour big quote"})
        quote.order_line.write({"product_uom_qty": 64, "price_unit": 1000})
        requests = self.env["ops.approval.request"].sudo().search_count([])

        self.start_tour("/odoo", "addon_ops_harmony_approval_policy_admin", login=manager.login)

        policy = self.env["ops.approval.policy"].search([("name", "=", "Orders over 50,000")])
        self.assertEqual((policy.state, policy.model_name, policy.method_name), ("published", "sale.order", "action_confirm"))
        self.assertEqual(list(Domain(policy._ops_domain()).iter_conditions())[0].field_expr, "amount_total")
        self.assertTrue(policy.sudo().env["sale.order"].browse(quote.id).filtered_domain(policy._ops_domain()))
        self.assertEqual(policy.step_ids.user_ids, approver)
        self.assertEqual(policy.create_uid, manager)
        self.assertEqual(self.env["ops.approval.request"].sudo().search_count([]), requests, "testing wrote nothing")
