from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..common import MANAGER_GROUP, sync_guards
from ..procurement.common import procurement_people

ITEM = "ops.work.item"


@tagged("post_install", "-at_install")
class TestWorkItem(TransactionCase):
    """Open work from every part shows with its owner; exceptions are flagged; each sees their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        procurement_people(cls)
        cls.boss = new_test_user(cls.env, "t_work_boss", groups=MANAGER_GROUP, name="Bea Boss")

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _items(self, user, record):
        self.env.flush_all()
        return self.env[ITEM].with_user(user).search([("res_model", "=", record._name), ("res_id", "=", record.id)])

    def test_01_a_request_waiting_for_approval_is_one_item_each(self):
        """A 4,500 request shows as the requester's procurement item and as a pending approval."""
        request = (
            self.env["ops.procurement.request"]
            .with_user(self.requester)
            .create(
                {
                    "description": "Laptops",
                    "product_id": self.laptop.id,
                    "quantity": 5,
                    "unit_price": 900,
                    "vendor_id": self.vendor.id,
                }
            )
        )
        request.action_confirm_category()
        with self.enter_registry_test_mode():
            request.action_submit()
        item = self._items(self.requester, request)
        self.assertEqual((item.kind, item.owner_id, item.state), ("procurement", self.requester, "pending"))
        self.assertFalse(item.is_exception)
        approval = self.env["ops.approval.request"].search([("res_model", "=", request._name), ("res_id", "=", request.id)])
        self.assertEqual(self._items(self.boss, approval).kind, "approval")
        self.assertEqual(item.with_user(self.requester).action_open_record()["res_id"], request.id)

    def test_02_exceptions_rejected_stuck_and_breached(self):
        """A rejected request, a request untouched for 8 days and a lead past its SLA are exceptions."""
        request = (
            self.env["ops.procurement.request"]
            .with_user(self.requester)
            .create(
                {
                    "description": "Laptops",
                    "product_id": self.laptop.id,
                    "quantity": 5,
                    "unit_price": 900,
                    "vendor_id": self.vendor.id,
                }
            )
        )
        request.action_confirm_category()
        with self.enter_registry_test_mode():
            request.action_submit()
        approval = self.env["ops.approval.request"].search([("res_model", "=", request._name), ("res_id", "=", request.id)])
        with self.enter_registry_test_mode():
            approval.with_user(self.manager).action_reject(rationale="Use the spare laptops")
        item = self._items(self.requester, request)
        self.assertTrue(item.is_rejected and item.is_exception)

        stale = self.env["ops.procurement.request"].with_user(self.requester).create({"description": "Chairs"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ops_procurement_request SET write_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=8), stale.id],
        )
        self.assertTrue(self._items(self.requester, stale).is_stuck)

        lead = self.env["crm.lead"].create({"name": "Late lead", "user_id": self.requester.id})
        self.env.flush_all()
        self.env.cr.execute("UPDATE crm_lead SET ops_sla_state = 'breached' WHERE id = %s", [lead.id])
        lead_item = self._items(self.requester, lead)
        self.assertTrue(lead_item.is_breached and lead_item.is_exception)
        exceptions = self.env[ITEM].with_user(self.requester).search([("is_exception", "=", True)])
        self.assertLessEqual({request.id, stale.id}, set(exceptions.filtered(lambda i: i.kind == "procurement").mapped("res_id")))

    def test_03_people_see_their_own_items_and_managers_all(self):
        """Another Ops User sees none of the requester's items; an Ops Manager sees them; nobody writes."""
        request = self.env["ops.procurement.request"].with_user(self.requester).create({"description": "Chairs"})
        self.assertTrue(self._items(self.requester, request))
        self.assertFalse(self._items(self.other_user, request))
        self.assertTrue(self._items(self.boss, request))
        with self.assertRaises(AccessError):
            self._items(self.requester, request).with_user(self.requester).write({"name": "x"})
