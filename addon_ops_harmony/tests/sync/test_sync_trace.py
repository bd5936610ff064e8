from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncTrace(SyncCase):
    def _company(self, name):
        return {"name": name, "website": "https://trace.example", "country_code": "BE"}

    def test_01_trace_travels_to_binding_history_and_chatter(self):
        """A record's trace id lands on its binding, its history line and a note in its chatter."""
        [created] = self.ingest("companies", [self.rec("t1", self._company("Tracy"), trace_id="run1-companies-1")])
        partner = self.env["res.partner"].browse(created["res_id"])
        binding = self.binding("companies", "t1")
        self.assertEqual(binding.trace_id, "run1-companies-1")
        [line] = binding.trace_line_ids
        self.assertEqual(
            (line.trace_id, line.status, line.res_model, line.res_id, line.record_name),
            ("run1-companies-1", "created", "res.partner", partner.id, "Tracy"),
        )
        [note] = partner.message_ids
        self.assertIn("run1-companies-1", note.body)
        self.assertIn("hubspot/companies", note.body)

    def test_02_history_across_runs(self):
        """Searching one run's trace id finds the record; its history shows every run that changed it."""
        self.ingest("companies", [self.rec("t2", self._company("First"), trace_id="runA-1")])
        self.ingest("companies", [self.rec("t2", self._company("First"), trace_id="runB-1")])  # unchanged
        self.ingest("companies", [self.rec("t2", self._company("Second"), trace_id="runC-1")])
        self.ingest("companies", [self.rec("t2", {"name": 42}, trace_id="runD-1")])
        Trace = self.env["ops.sync.trace"].with_user(self.manager)
        [found] = Trace.search([("trace_id", "=", "runC-1")])
        self.assertEqual(found.status, "updated")
        action = found.action_record_history()
        history = Trace.search(action["domain"], order="id")
        self.assertEqual(history.mapped("trace_id"), ["runA-1", "runC-1", "runD-1"], "unchanged runs leave no line")
        self.assertEqual(history.mapped("status"), ["created", "updated", "rejected"])
        self.assertIn("name", history[-1].message)
        self.assertEqual(self.binding("companies", "t2").trace_id, "runC-1", "the binding keeps the last applied trace")
        [event] = self.events("companies", "t2")
        self.assertEqual(event.trace_id, "runD-1", "the failed run's trace is on its event")
        partner = self.env["res.partner"].browse(found.res_id)
        self.assertEqual(len(partner.message_ids), 2, "one chatter note per run that changed the record")

    def test_03_history_is_written_by_the_gateway_only(self):
        """Nobody writes, changes or deletes history lines outside the gateway, not even the superuser."""
        self.ingest("companies", [self.rec("t3", self._company("Guarded"), trace_id="runE-1")])
        line = self.env["ops.sync.trace"].search([("trace_id", "=", "runE-1")])
        for env in (self.env(su=True), self.env(user=self.manager), self.env(user=self.bridge)):
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                env["ops.sync.trace"].create(
                    {"source": "hubspot", "stream": "companies", "external_id": "x", "status": "created"}
                )
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                line.with_env(env).write({"trace_id": "forged"})
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                line.with_env(env).unlink()
        self.assertEqual(line.trace_id, "runE-1")
