from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalAudit(OpsApprovalCase):
    """The audit log is append-only and hash-chained: edits are refused, tampering is detected."""

    def _some_entries(self):
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_approve()
        # entries join the chain once their transaction commits; a test never commits
        self.env["ops.audit.log"].sudo()._ops_link_pending()
        return self._log("request", request) | self._log("approve", request)

    def test_01_chain_links_each_entry_to_the_previous(self):
        """Each entry carries the previous hash, and the whole chain verifies."""
        entries = self._some_entries().sorted("chain_position")
        self.assertTrue(entries[0].hash)
        self.assertEqual(entries[1].prev_hash, entries[0].hash)
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertTrue(result["ok"], result["message"])
        self.assertGreaterEqual(result["checked"], 2)

    def test_02_write_unlink_and_direct_create_are_refused(self):
        """Even an administrator cannot change, delete or hand-write an entry."""
        entry = self._some_entries()[:1]
        admin_env = self.env(user=self.env.ref("base.user_admin"))
        with self.assertRaisesRegex(UserError, "append-only"):
            entry.with_env(admin_env).sudo().write({"rationale": "rewritten"})
        with self.assertRaisesRegex(UserError, "append-only"):
            entry.with_env(admin_env).sudo().unlink()
        with self.assertRaisesRegex(UserError, "decisions only"):
            self.env["ops.audit.log"].with_env(admin_env).sudo().create({"event": "approve"})

    def test_03_tampering_in_the_database_is_detected(self):
        """Changing a rationale behind the ORM's back breaks the chain at that entry."""
        entry = self._some_entries().sorted("id")[-1]
        self.env.flush_all()
        self.env.cr.execute("UPDATE ops_audit_log SET rationale = 'forged' WHERE id = %s", [entry.id])
        self.env.invalidate_all()
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertFalse(result["ok"])
        self.assertEqual(result["broken_id"], entry.id)

    def test_04_a_manager_cancelling_someone_elses_request_is_an_override(self):
        """The requester withdraws quietly; a manager cancelling needs a rationale and is logged as override."""
        manager = self.env["res.users"].create(
            {
                "name": "Mo Manager",
                "login": "t_apr_mo",
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("addon_ops_harmony.addon_ops_harmony_group_manager").id,
                            self.env.ref("base.group_user").id,
                        ],
                    )
                ],
            }
        )
        first, second = self._quote(2000), self._quote(2000)
        self._confirm(first)
        self._confirm(second)
        mine = self._request(first)
        mine.with_user(self.requester).action_cancel()
        self.assertEqual((mine.state, self._log("cancel", mine).user_id), ("cancelled", self.requester))
        theirs = self._request(second)
        with self.assertRaisesRegex(UserError, "override"):
            theirs.with_user(manager).action_cancel()
        with self.assertRaises(AccessError):
            theirs.with_user(self.outsider).action_cancel(rationale="Not mine")
        theirs.with_user(manager).action_cancel(rationale="Customer withdrew")
        entry = self._log("override", theirs)
        self.assertEqual((entry.user_id, entry.rationale), (manager, "Customer withdrew"))
