from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..json2 import json2_post

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"


@tagged("post_install", "-at_install")
class TestSyncReconcileJson2(HttpCase):
    """Reconciliation runs over JSON-2, as an attacker would try them: only the gateway writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users"]._ops_bridge_provision_key(login="t_reconcile_json2_bridge")
        cls.user = new_test_user(cls.env, "t_reconcile_json2_user", groups=USER_GROUP)
        cls.user_key = cls.env["res.users.apikeys"].with_user(cls.user).sudo()._generate(None, "ops user", None)

    def call(self, model, method, key=None, raw=None, **params):
        return json2_post(self, model, method, key or self.key, raw=raw, **params)

    def start(self):
        response = self.call("ops.sync.gateway", "reconcile_start", source="hubspot", stream="companies")
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()["run_id"]

    def test_01_ops_user_reads_reports_but_cannot_write_or_start_runs(self):
        """A plain Ops user reads a run, and is refused when creating, writing or starting one."""
        run_id = self.start()
        read = self.call("ops.sync.reconcile", "read", key=self.user_key, ids=[run_id], fields=["state", "read_count"])
        self.assertEqual(read.status_code, 200, read.text)
        self.assertEqual(read.json()[0]["state"], "running")
        with mute_logger("odoo.http"):
            attempts = [
                self.call("ops.sync.reconcile", "write", key=self.user_key, ids=[run_id], vals={"state": "done"}),
                self.call("ops.sync.reconcile", "create", key=self.user_key, vals_list=[{"source": "x", "stream": "y"}]),
                self.call(
                    "ops.sync.reconcile.line",
                    "create",
                    key=self.user_key,
                    vals_list=[{"reconcile_id": run_id, "category": "missing", "external_id": "forged"}],
                ),
                self.call("ops.sync.gateway", "reconcile_start", key=self.user_key, source="hubspot", stream="companies"),
                self.call("ops.sync.gateway", "reconcile_finish", key=self.user_key, run_id=run_id, complete=True),
            ]
        self.assertEqual([response.status_code for response in attempts], [403] * len(attempts))
        self.assertEqual(self.env["ops.sync.reconcile"].browse(run_id).state, "running")

    def test_02_the_bridge_cannot_forge_counts_either(self):
        """Even the bridge's user cannot write a run's counts: they come from what the gateway saw."""
        run_id = self.start()
        with mute_logger("odoo.http"):
            forged = self.call("ops.sync.reconcile", "write", ids=[run_id], vals={"deleted_count": 9999})
        self.assertEqual(forged.status_code, 403, forged.text)
        self.assertEqual(self.env["ops.sync.reconcile"].browse(run_id).deleted_count, 0)

    def test_03_junk_payloads_are_422_not_500(self):
        """Malformed reconciliation calls get a 422 with a readable message, never a server error."""
        run_id = self.start()
        bodies = [
            {"run_id": run_id, "records": "junk"},
            {"run_id": run_id, "records": [{"external_id": {"$gt": ""}, "hash": False}]},
            {"run_id": run_id, "records": [{"external_id": "a", "hash": ["x"]}]},
            {"run_id": "1; DROP TABLE", "records": []},
            {"run_id": run_id, "records": [], "mapping_version": "x"},
        ]
        with mute_logger("odoo.http"):
            responses = [self.call("ops.sync.gateway", "reconcile_diff", **body) for body in bodies]
            responses += [
                self.call("ops.sync.gateway", "reconcile_lines", run_id=run_id, lines=[{"category": {}, "status": []}]),
                self.call("ops.sync.gateway", "reconcile_deleted", run_id=run_id, external_ids=[None, 5]),
                self.call("ops.sync.gateway", "reconcile_finish", run_id=run_id, complete="yes"),
                self.call("ops.sync.gateway", "reconcile_claim", source="Bad Source!", limit=1),
            ]
        self.assertEqual([response.status_code for response in responses], [422] * len(responses), [r.text for r in responses])
        self.assertIn("external_id", responses[1].json()["message"])
