from odoo.tests import tagged

from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestAuditLog(SyncCase):
    """One audit log for the product: any decision can be traced, and the chain covers every column."""

    def _conflict(self):
        """A synced company edited in Odoo under odoo_wins, then changed at the source: one open conflict."""
        self.env["ops.sync.ownership"].create(
            {"source": "hubspot", "model_id": self.env["ir.model"]._get("res.partner").id, "policy": "odoo_wins"}
        )
        [first] = self.ingest("companies", [self.rec("audit-co", {"name": "Audit Co"})])
        partner = self.env["res.partner"].browse(first["res_id"])
        partner.name = "Audit Co (edited in Odoo)"
        self.ingest("companies", [self.rec("audit-co", {"name": "Audit Company"})])
        return partner, self.env["ops.sync.conflict"].search([("binding_id.external_id", "=", "audit-co")])

    def _entries(self, event):
        Log = self.env["ops.audit.log"].sudo()
        Log._ops_link_pending()  # entries join the chain once their transaction commits; a test never commits
        return Log.search([("event", "=", event)])

    def test_01_a_sync_conflict_decision_is_in_the_log(self):
        """Accepting or rejecting a conflict writes who decided, on which record, with both values."""
        partner, conflict = self._conflict()
        conflict.with_user(self.manager).action_reject()
        [entry] = self._entries("conflict_reject")
        self.assertEqual(
            (entry.category, entry.user_id, entry.res_model, entry.res_id), ("sync", self.manager, "res.partner", partner.id)
        )
        self.assertIn("Audit Co (edited in Odoo)", entry.rationale)
        self.assertIn("Audit Company", entry.rationale)
        self.assertTrue(entry.hash)
        self.assertTrue(self.env["ops.audit.log"].ops_verify_chain()["ok"])

    def test_02_the_hash_covers_every_stored_column(self):
        """Every stored column of an entry, the company included, is in its hash; only the chain's own are not."""
        Log = self.env["ops.audit.log"]
        columns = {name for name, field in Log._fields.items() if field.store and field.column_type}
        self.assertEqual(set(Log._ops_hashed_fields(2)), columns - {"prev_hash", "hash"})
        self.assertIn("company_id", Log._ops_hashed_fields(2))

    def test_03_changing_the_company_behind_the_orm_breaks_the_chain(self):
        """An entry moved to another company in the database no longer matches its hash."""
        _partner, conflict = self._conflict()
        conflict.with_user(self.manager).action_accept()
        [entry] = self._entries("conflict_accept")
        other = self.env["res.company"].create({"name": "Other Audit Company"})
        self.env.flush_all()
        self.env.cr.execute("UPDATE ops_audit_log SET company_id = %s WHERE id = %s", [other.id, entry.id])
        self.env.invalidate_all()
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertFalse(result["ok"])
        self.assertEqual(result["broken_id"], entry.id)

    def test_04_entries_linked_before_still_verify(self):
        """An entry linked with the earlier, shorter hash (version 1) still verifies, and so does the chain after it."""
        Log = self.env["ops.audit.log"].sudo()
        _partner, conflict = self._conflict()
        conflict.with_user(self.manager).action_reject()
        [entry] = self._entries("conflict_reject")
        # rewrite the entry as the earlier linker wrote it: version 1, hashed over the first ten columns
        legacy = Log._ops_digest(entry.prev_hash, entry._ops_hashed_values(1))
        self.env.cr.execute("UPDATE ops_audit_log SET hash_version = 1, hash = %s WHERE id = %s", [legacy, entry.id])
        self.env.cr.execute(
            "UPDATE ops_audit_log_head SET last_hash = %s WHERE id = 1 AND last_position = %s", [legacy, entry.chain_position]
        )
        self.env.invalidate_all()
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertTrue(result["ok"], result["message"])
        # and version 1 never covered the company: that is what version 2 fixed
        self.assertNotIn("company_id", Log._ops_hashed_fields(1))
