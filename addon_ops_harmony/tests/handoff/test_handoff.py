from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from ..common import OPS_USER_GROUP, sync_guards

PROJECT_USER = "project.group_project_user"


@tagged("post_install", "-at_install")
class TestHandoff(TransactionCase):
    """A confirmed sale becomes an owned kickoff task with a deadline and a checklist the seller can follow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.seller = new_test_user(env, "t_hof_seller", groups=OPS_USER_GROUP, name="Sara Seller")
        cls.ana = new_test_user(env, "t_hof_ana", groups=PROJECT_USER, name="Ana Delivery")
        cls.ben = new_test_user(env, "t_hof_ben", groups=PROJECT_USER, name="Ben Delivery")
        cls.services = env["product.category"].create({"name": "Implementation services"})
        cls.product = env["product.product"].create({"name": "Setup package", "type": "consu", "categ_id": cls.services.id})
        cls.project = env["project.project"].create({"name": "Benelux delivery"})
        cls.rule = env["ops.handoff.rule"].create(
            {
                "name": "Benelux implementations",
                "product_categ_ids": [Command.set(cls.services.ids)],
                "country_ids": [Command.set([env.ref("base.be").id, env.ref("base.nl").id])],
                "project_id": cls.project.id,
                "user_ids": [Command.set([cls.ana.id, cls.ben.id])],
                "first_contact_hours": 8,
                "kickoff_checklist": "Kickoff call\nShare the onboarding plan",
            }
        )
        cls.belgian = env["res.partner"].create({"name": "Brussels Buyer", "country_id": env.ref("base.be").id})
        cls.chilean = env["res.partner"].create({"name": "Santiago Buyer", "country_id": env.ref("base.cl").id})

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _sell(self, partner):
        order = (
            self.env["sale.order"]
            .with_user(self.seller)
            .create(
                {"partner_id": partner.id, "order_line": [Command.create({"product_id": self.product.id, "price_unit": 100})]}
            )
        )
        order.action_confirm()
        return order

    def test_01_the_rule_picks_project_owner_deadline_and_checklist(self):
        """A Belgian services sale goes to Benelux delivery, to the least loaded owner, with two kickoff activities."""
        order = self._sell(self.belgian)
        task = order.sudo().ops_handoff_task_id
        self.assertEqual((task.project_id, task.partner_id, task.ops_handoff_order_id), (self.project, self.belgian, order))
        first_owner = task.user_ids
        self.assertEqual(len(first_owner), 1)
        self.assertTrue(task.ops_first_contact_deadline)
        self.assertEqual(set(task.activity_ids.mapped("summary")), {"Kickoff call", "Share the onboarding plan"})
        self.assertEqual(task.activity_ids.user_id, first_owner)
        second = self._sell(self.belgian).sudo().ops_handoff_task_id
        self.assertEqual(second.user_ids, (self.ana | self.ben) - first_owner, "the next sale goes to the other owner")

    def test_02_the_seller_follows_it_on_the_quote_without_project_rights(self):
        """The seller reads owner, stage, first contact and checklist progress, and cannot relink the task."""
        order = self._sell(self.belgian)
        mine = order.with_user(self.seller)
        self.assertFalse(self.seller.has_group(PROJECT_USER))
        self.assertIn("Delivery", mine.ops_handoff_owner)
        self.assertIn("due by", mine.ops_handoff_first_contact)
        self.assertEqual(mine.ops_handoff_progress, "0 of 2 done")
        task = order.sudo().ops_handoff_task_id
        task.activity_ids[:1].with_user(task.user_ids).action_feedback(feedback="Done")
        task.with_user(task.user_ids).action_ops_first_contact()
        mine.invalidate_recordset()
        self.assertEqual(mine.ops_handoff_progress, "1 of 2 done")
        self.assertIn("made on", mine.ops_handoff_first_contact)
        with self.assertRaises(AccessError):
            mine.write({"ops_handoff_task_id": False})

    def test_03_a_sale_no_rule_matches_is_not_lost(self):
        """A Chilean sale gets a kickoff task in the default project, owned by nobody, and shows in the work view."""
        order = self._sell(self.chilean)
        task = order.sudo().ops_handoff_task_id
        self.assertEqual(task.project_id, self.env.ref("addon_ops_harmony.ops_handoff_project"))
        self.assertFalse(task.user_ids)
        self.assertEqual(order.with_user(self.seller).ops_handoff_owner, "nobody yet")
        self.env.flush_all()
        item = self.env["ops.work.item"].search([("res_model", "=", "project.task"), ("res_id", "=", task.id)])
        self.assertEqual((item.kind, item.owner_id.id, item.state), ("handoff", False, "first contact due"))
