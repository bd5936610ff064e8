from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN
from ..json2 import json2_post

OPS_USER = "addon_ops_harmony.addon_ops_harmony_group_user"


@tagged("post_install", "-at_install")
class TestApprovalDelegationSecurity(HttpCase):
    """Delegations over JSON-2: a plain Ops User cannot forge one for someone else's absence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.mallory = new_test_user(cls.env, "t_dlg_mallory", groups=OPS_USER, name="Mallory Opsuser")
        cls.friend = new_test_user(cls.env, "t_dlg_friend", groups=OPS_USER, name="Fay Friend")
        cls.requester = new_test_user(cls.env, "t_dlg_requester", groups=SALESMAN, name="Rob Requester")
        cls.manager = new_test_user(
            cls.env, "t_dlg_manager", groups="addon_ops_harmony.addon_ops_harmony_group_manager", name="Max Manager"
        )
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "delegation test", None)
            for user in (cls.mallory, cls.friend, cls.manager)
        }
        cls.policy = cls.env["ops.approval.policy"].create(
            {
                "name": "Admin approves",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('client_order_ref', '=', 'DLG')]",
                "step_ids": [
                    Command.create(
                        {
                            "name": "Admin",
                            "tier": "medium",
                            "approver_type": "user",
                            "user_ids": [Command.set((cls.admin | cls.friend).ids)],
                        }
                    )
                ],
            }
        )
        cls.policy.action_publish()
        cls.customer = cls.env["res.partner"].create({"name": "Delegation customer"})

    def _request(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id, "client_order_ref": "DLG"})
        request = (
            self.env["ops.approval.request"].sudo()._ops_open(self.policy, order, "medium", "action_confirm", self.requester)
        )
        self.env.flush_all()
        return request

    def _call(self, user, model, method, **params):
        response = json2_post(self, model, method, self.keys[user], **params)
        self.env.invalidate_all()
        return response

    def _window(self):
        now = fields.Datetime.now()
        return {
            "date_from": fields.Datetime.to_string(now - timedelta(hours=1)),
            "date_to": fields.Datetime.to_string(now + timedelta(days=2)),
        }

    def _delegations_of(self, absent):
        return self.env["ops.approval.delegation"].sudo().with_context(active_test=False).search([("user_id", "=", absent.id)])

    def test_01_create_for_someone_else_is_refused(self):
        """Mallory creating a delegation of the admin's absence to herself gets a 403 and nothing is created."""
        response = self._call(
            self.mallory,
            "ops.approval.delegation",
            "create",
            vals_list=[{"user_id": self.admin.id, "delegate_id": self.mallory.id, **self._window()}],
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertFalse(self._delegations_of(self.admin))

    def test_02_write_cannot_forge_the_absent_user(self):
        """Mallory rewriting her delegation into the admin's, with herself standing in, is refused; she cannot approve for him."""
        request = self._request()
        created = self._call(
            self.mallory, "ops.approval.delegation", "create", vals_list=[{"delegate_id": self.friend.id, **self._window()}]
        )
        self.assertEqual(created.status_code, 200, created.text)
        delegation = self.env["ops.approval.delegation"].browse(created.json())
        for vals in ({"user_id": self.admin.id, "delegate_id": self.mallory.id}, {"user_id": self.admin.id}):
            response = self._call(self.mallory, "ops.approval.delegation", "write", ids=delegation.ids, vals=vals)
            self.assertEqual(response.status_code, 403, response.text)
            self.assertIn("your own absence", response.json()["message"])
        self.assertRecordValues(delegation, [{"user_id": self.mallory.id, "delegate_id": self.friend.id}])
        self.assertFalse(self._delegations_of(self.admin))
        self.assertNotIn(self.mallory, request.step_ids.delegate_ids)
        response = self._call(self.mallory, "ops.approval.request", "action_approve", ids=request.ids)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(request.state, "pending")
        self.assertFalse(request.decision_ids)

    def test_03_deleting_a_delegation_takes_the_stand_in_off_pending_steps(self):
        """The admin's stand-in loses the pending step, its activity and the request once the delegation is deleted."""
        request = self._request()
        created = self._call(
            self.manager,
            "ops.approval.delegation",
            "create",
            vals_list=[{"user_id": self.admin.id, "delegate_id": self.mallory.id, **self._window()}],
        )
        self.assertEqual(created.status_code, 200, created.text)
        self.assertIn(self.mallory, request.step_ids.delegate_ids)
        activities = self.env["mail.activity"].sudo().search([("ops_approval_request_id", "=", request.id)])
        self.assertIn(self.mallory, activities.user_id)
        deleted = self._call(self.manager, "ops.approval.delegation", "unlink", ids=created.json())
        self.assertEqual(deleted.status_code, 200, deleted.text)
        self.assertNotIn(self.mallory, request.step_ids.delegate_ids)
        activities = self.env["mail.activity"].sudo().search([("ops_approval_request_id", "=", request.id)])
        self.assertEqual(activities.user_id, self.admin | self.friend)
        read = self._call(self.mallory, "ops.approval.request", "search_read", domain=[("id", "=", request.id)], fields=["state"])
        self.assertEqual((read.status_code, read.json()), (200, []), "the request is out of her sight again")
        response = self._call(self.mallory, "ops.approval.request", "action_approve", ids=request.ids)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(request.state, "pending")

    def test_04_archiving_or_ending_a_delegation_takes_the_stand_in_off(self):
        """Friend's stand-in leaves the step when the delegation is archived, and again when its window is moved out."""
        request = self._request()
        created = self._call(
            self.friend, "ops.approval.delegation", "create", vals_list=[{"delegate_id": self.mallory.id, **self._window()}]
        )
        self.assertEqual(created.status_code, 200, created.text)
        delegation = self.env["ops.approval.delegation"].browse(created.json())
        self.assertIn(self.mallory, request.step_ids.delegate_ids)
        archived = self._call(self.friend, "ops.approval.delegation", "write", ids=delegation.ids, vals={"active": False})
        self.assertEqual(archived.status_code, 200, archived.text)
        self.assertNotIn(self.mallory, request.step_ids.delegate_ids)
        self._call(self.friend, "ops.approval.delegation", "write", ids=delegation.ids, vals={"active": True})
        self.assertIn(self.mallory, request.step_ids.delegate_ids)
        later = fields.Datetime.now() + timedelta(days=3)
        moved = self._call(
            self.friend,
            "ops.approval.delegation",
            "write",
            ids=delegation.ids,
            vals={"date_from": fields.Datetime.to_string(later), "date_to": fields.Datetime.to_string(later + timedelta(days=1))},
        )
        self.assertEqual(moved.status_code, 200, moved.text)
        self.assertNotIn(self.mallory, request.step_ids.delegate_ids)

    def test_05_expired_delegations_leave_with_the_cron(self):
        """A delegation whose window passed is taken off the pending steps by the approval cron."""
        request = self._request()
        delegation = (
            self.env["ops.approval.delegation"].with_user(self.friend).create({"delegate_id": self.mallory.id, **self._window()})
        )
        self.assertIn(self.mallory, request.step_ids.delegate_ids)
        # the window ended without anyone touching the delegation
        self.env.cr.execute(
            "UPDATE ops_approval_delegation SET date_to = now() at time zone 'utc' - interval '1 minute' " "WHERE id = %s",
            [delegation.id],
        )
        self.env.invalidate_all()
        self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertNotIn(self.mallory, request.step_ids.delegate_ids)

    def test_06_a_manager_sets_up_someone_elses_delegation(self):
        """An Ops Manager may create the admin's delegation: the stand-in then decides on the admin's behalf."""
        request = self._request()
        created = self._call(
            self.manager,
            "ops.approval.delegation",
            "create",
            vals_list=[{"user_id": self.admin.id, "delegate_id": self.mallory.id, **self._window()}],
        )
        self.assertEqual(created.status_code, 200, created.text)
        response = self._call(self.mallory, "ops.approval.request", "action_approve", ids=request.ids)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(request.decision_ids.on_behalf_of_id, self.admin)
