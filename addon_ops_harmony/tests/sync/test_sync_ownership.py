from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncOwnership(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_model = cls.env["ir.model"]._get("res.partner")

    def _rule(self, policy, field=None, source="hubspot"):
        return self.env["ops.sync.ownership"].create(
            {
                "source": source,
                "model_id": self.partner_model.id,
                "field_id": self.env["ir.model.fields"]._get("res.partner", field).id if field else False,
                "policy": policy,
            }
        )

    def _sync(self, name, phone="+32 2 555 01 01", modified_at=None):
        [result] = self.ingest("companies", [self.rec("co1", {"name": name, "phone": phone}, modified_at=modified_at)])
        return result

    def _edited_in_odoo(self, **values):
        """Create the company through the sync, then edit it in Odoo."""
        partner = self.env["res.partner"].browse(self._sync("Acme")["res_id"])
        partner.write(values)
        return partner

    def test_01_source_wins_by_default(self):
        """Without a rule, a new value from the source overwrites an edit made in Odoo."""
        partner = self._edited_in_odoo(name="Acme (edited in Odoo)")
        result = self._sync("Acme Corporation")
        self.assertEqual(result["status"], "updated")
        self.assertEqual(partner.name, "Acme Corporation")
        self.assertFalse(self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "co1")]))

    def test_02_odoo_wins_raises_a_conflict_to_accept(self):
        """Under odoo_wins an edited value is kept and the incoming one waits as a conflict; Accept applies it."""
        self._rule("odoo_wins")
        partner = self._edited_in_odoo(name="Acme (edited in Odoo)")
        result = self._sync("Acme Corporation")
        self.assertEqual((result["status"], result["category"]), ("conflict", "conflict"))
        self.assertIn("kept Odoo's value of Name", result["reason"])
        self.assertEqual(partner.name, "Acme (edited in Odoo)")
        conflict = self.env["ops.sync.conflict"].search([("binding_id", "=", self.binding("companies", "co1").id)])
        self.assertEqual((conflict.field_name, conflict.state), ("name", "open"))
        self.assertEqual((conflict.odoo_value, conflict.incoming_value), ("Acme (edited in Odoo)", "Acme Corporation"))
        event = self.env["ops.sync.event"].browse(result["event_id"])
        self.assertEqual((event.category, event.state), ("conflict", "failed"))

        # the same incoming value again refreshes the open conflict instead of adding one
        self.binding("companies", "co1").with_user(self.manager).action_force_resync()
        self._sync("Acme Corporation")
        self.assertEqual(self.env["ops.sync.conflict"].search_count([("binding_id.external_id", "=", "co1")]), 1)

        conflict.with_user(self.manager).action_accept()
        self.assertEqual(partner.name, "Acme Corporation")
        self.assertEqual((conflict.state, conflict.resolved_by_id), ("accepted", self.manager))
        self.assertEqual(event.state, "done", "the conflict event closes with the last open conflict")
        with self.assertRaises(UserError):
            conflict.with_user(self.manager).action_accept()

    def test_03_reject_keeps_odoo_and_is_remembered(self):
        """Rejecting keeps Odoo's value; the same source value later raises no new conflict."""
        self._rule("odoo_wins")
        partner = self._edited_in_odoo(name="Acme (edited in Odoo)")
        self._sync("Acme Corporation")
        conflict = self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "co1")])
        conflict.with_user(self.manager).action_reject()
        self.assertEqual((conflict.state, partner.name), ("rejected", "Acme (edited in Odoo)"))

        # another field changes at the source; the rejected name is not raised again
        result = self._sync("Acme Corporation", phone="+32 2 555 02 02")
        self.assertEqual(result["status"], "updated")
        self.assertEqual(partner.name, "Acme (edited in Odoo)")
        self.assertEqual(partner.phone, "+32 2 555 02 02")
        self.assertEqual(self.env["ops.sync.conflict"].search_count([("binding_id.external_id", "=", "co1")]), 1)

    def test_04_only_odoo_changed(self):
        """Under odoo_wins, a value only Odoo changed is kept silently while the source's other changes apply."""
        self._rule("odoo_wins")
        partner = self._edited_in_odoo(name="Acme (edited in Odoo)")
        result = self._sync("Acme", phone="+32 2 555 03 03")
        self.assertEqual((result["status"], result["reason"]), ("updated", False))
        self.assertEqual((partner.name, partner.phone), ("Acme (edited in Odoo)", "+32 2 555 03 03"))
        self.assertFalse(self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "co1")]))

    def test_05_newest_wins_compares_change_times(self):
        """Under newest_wins, a source change made after Odoo's edit wins and an older one becomes a conflict."""
        self._rule("newest_wins")
        partner = self._edited_in_odoo(name="Acme (edited in Odoo)")
        self.env.flush_all()
        self.env.cr.execute("UPDATE res_partner SET write_date = '2025-06-01 12:00:00' WHERE id = %s", [partner.id])
        partner.invalidate_recordset(["write_date"])
        older = self._sync("Acme Older", modified_at="2025-05-01T12:00:00Z")
        self.assertEqual(older["status"], "conflict")
        self.assertEqual(partner.name, "Acme (edited in Odoo)")
        newer = self._sync("Acme Newer", modified_at="2025-07-01T12:00:00Z")
        self.assertEqual(newer["status"], "updated")
        self.assertEqual(partner.name, "Acme Newer")

    def test_06_field_rule_beats_model_rule(self):
        """A rule on one field takes precedence over the model's rule for all fields."""
        self._rule("odoo_wins")
        self._rule("source_wins", field="phone")
        partner = self._edited_in_odoo(name="Acme (edited)", phone="+1 555 0100")
        result = self._sync("Acme New", phone="+32 2 555 09 09")
        self.assertEqual(result["status"], "updated")
        self.assertEqual((partner.name, partner.phone), ("Acme (edited)", "+32 2 555 09 09"))
        self.assertEqual(self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "co1")]).field_name, "name")

    def test_07_only_managers_resolve_conflicts(self):
        """An ordinary ops user can neither see nor resolve conflicts."""
        self._rule("odoo_wins")
        self._edited_in_odoo(name="Acme (edited in Odoo)")
        self._sync("Acme Corporation")
        conflict = self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "co1")])
        ops_user = new_test_user(self.env, "t_sync_ops_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        with self.assertRaises(AccessError):
            conflict.with_user(ops_user).action_accept()
        with self.assertRaises(AccessError):
            self.env["ops.sync.conflict"].with_user(ops_user).search([])
