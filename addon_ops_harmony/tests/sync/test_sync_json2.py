import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ...models.sync.ops_sync_schema import content_hash
from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestSyncJson2(HttpCase):
    """The sync gateway over JSON-2 with real API keys, as the bridge calls it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users"]._ops_bridge_provision_key(login="t_sync_json2_bridge")
        cls.bridge = cls.env["res.users"].search([("login", "=", "t_sync_json2_bridge")])
        cls.employee = new_test_user(cls.env, "t_sync_json2_employee", groups="base.group_user")
        cls.employee_key = cls.env["res.users.apikeys"].with_user(cls.employee).sudo()._generate(None, "employee", None)

    def _json2(self, method, key=None, raw=None, **params):
        return json2_post(self, "ops.sync.gateway", method, key or self.key, raw=raw, **params)

    def test_01_bridge_ingests_a_batch_in_one_call(self):
        """The integration user ingests a batch over JSON-2 and gets one result per record."""
        records = [
            {
                "external_id": f"c{i}",
                "values": {"name": f"Json Company {i}"},
                "payload": {"id": i},
                "trace_id": f"t{i}",
                "modified_at": "2025-05-01T10:00:00Z",
            }
            for i in range(5)
        ]
        response = self._json2("ingest", source="hubspot", stream="companies", records=records)
        self.assertEqual(response.status_code, 200, response.text)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["created"] * 5)
        partners = self.env["res.partner"].browse([r["res_id"] for r in results])
        self.assertEqual(partners.mapped("name"), [f"Json Company {i}" for i in range(5)])
        self.assertEqual(partners.create_uid, self.bridge)
        again = self._json2("ingest", source="hubspot", stream="companies", records=records, mapping_version=1)
        self.assertEqual({r["status"] for r in again.json()["results"]}, {"unchanged"})

    def test_02_bad_unicode_over_the_wire(self):
        """Lone surrogates and NUL escapes in the JSON body are rejected per record, in a valid JSON answer."""
        body = (
            '{"source": "hubspot", "stream": "companies", "records": ['
            '{"external_id": "u1", "values": {"name": "bad \\ud800 name"}},'
            '{"external_id": "u2\\u0000", "values": {"name": "Fine"}},'
            '{"external_id": "u3", "values": {"name": "Fine \\u00e9t\\u00e9"}}]}'
        )
        response = self._json2("ingest", raw=body)
        self.assertEqual(response.status_code, 200, response.text)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["rejected", "rejected", "created"])
        self.assertEqual({r["category"] for r in results[:2]}, {"validation"})
        self.assertEqual(self.env["res.partner"].browse(results[2]["res_id"]).name, "Fine été")

    def test_03_cursors_and_queue_with_named_arguments(self):
        """Cursor, queue, close and status calls work with JSON-2's named arguments."""
        self.assertEqual(self._json2("set_cursor", source="hubspot", stream="deals", value="2025-05-01").json(), True)
        self.assertEqual(self._json2("get_cursor", source="hubspot", stream="deals").json(), {"value": "2025-05-01"})
        failures = [
            {
                "external_id": "d1",
                "trace_id": "t1",
                "category": "validation",
                "message": "bad",
                "payload": {"id": "d1", "properties": {"amount": None}},
            }
        ]
        event_ids = self._json2("report_failures", source="hubspot", stream="deals", failures=failures).json()["event_ids"]
        self.env["ops.sync.event"].browse(event_ids).action_replay()
        queue = self._json2("replay_queue", source="hubspot", limit=10).json()["events"]
        self.assertEqual([event["id"] for event in queue], event_ids)
        self.assertEqual(queue[0]["payload"], {"id": "d1", "properties": {"amount": None}}, "exact over JSON-2")
        self.assertEqual(self._json2("close_events", event_ids=event_ids).json(), True)
        status = self._json2("status").json()
        self.assertEqual(status["events"]["done"], 1)

    @mute_logger("odoo.http")
    def test_04_malformed_call_is_a_422(self):
        """A call whose records are not a list is refused with a ValidationError, not a server error."""
        response = self._json2("ingest", source="hubspot", stream="companies", records="nope")
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError")

    @mute_logger("odoo.http")
    def test_05_plain_internal_user_is_refused(self):
        """An internal user without the integration group gets a 403 from every gateway method."""
        for method, params in (
            ("ingest", {"source": "hubspot", "stream": "companies", "records": []}),
            ("check_unchanged", {"source": "hubspot", "stream": "companies", "records": []}),
            ("status", {}),
            ("get_cursor", {"source": "hubspot", "stream": "deals"}),
        ):
            response = self._json2(method, key=self.employee_key, **params)
            self.assertEqual(response.status_code, 403, f"{method}: {response.text}")
            self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")
        refused = self._json2(
            "ingest",
            key=self.employee_key,
            source="hubspot",
            stream="companies",
            records=[{"external_id": "x", "values": {"name": "Sneaky"}}],
        )
        self.assertEqual(refused.status_code, 403)
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", "Sneaky")]))

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_06_legacy_xmlrpc(self):
        """The same calls work over the legacy XML-RPC transport, whose answers cannot carry null."""

        def call(method, **params):
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, self.bridge.id, self.key, "ops.sync.gateway", method, [], params
            )

        records = [
            {
                "external_id": "x1",
                "values": {"name": "Legacy Co", "website": False},
                "payload": {"id": 1},
                "trace_id": "t1",
                "modified_at": False,
            },
            {"external_id": "x2", "values": {"name": 5}, "payload": {"id": 2}, "trace_id": "t2"},
        ]
        results = call("ingest", source="hubspot", stream="companies", records=records)["results"]
        self.assertEqual([r["status"] for r in results], ["created", "rejected"])
        failures = [
            {
                "external_id": "x3",
                "trace_id": "t3",
                "category": "validation",
                "message": "bad",
                "payload": {"id": 3, "email": None},
            }
        ]  # as JSON-2 would have stored it
        event_ids = (
            self.env["ops.sync.gateway"].with_user(self.bridge).report_failures("hubspot", "companies", failures)["event_ids"]
        )
        self.env["ops.sync.event"].browse(event_ids).action_replay()
        [queued] = call("replay_queue", source="hubspot")["events"]
        self.assertEqual(queued["payload"], {"id": 3, "email": False})
        self.assertEqual(call("status")["events"]["received"], 1)

    def test_07_payloads_follow_the_failed_records(self):
        """ingest decides without payloads; attach_payloads stores those of the failures, on their own events only."""
        records = [{"external_id": "ok", "values": {"name": "Fine Company"}}, {"external_id": "bad", "values": {"name": ""}}]
        results = self._json2("ingest", source="hubspot", stream="companies", records=records).json()["results"]
        self.assertEqual([r["status"] for r in results], ["created", "rejected"])
        event = self.env["ops.sync.event"].browse(results[1]["event_id"])
        self.assertEqual((event.state, event.payload), ("dead", False))
        self.assertIn('"name": ""', event.sync_values, "the values are kept for replay whatever happens next")
        payload = {"id": "bad", "properties": {"name": "", "domain": None}}
        other_stream = self._json2(
            "attach_payloads", source="hubspot", stream="contacts", payloads=[{"event_id": event.id, "payload": payload}]
        )
        self.assertEqual(other_stream.json(), {"stored": 0}, "an event of another stream is left alone")
        stored = self._json2(
            "attach_payloads", source="hubspot", stream="companies", payloads=[{"event_id": event.id, "payload": payload}]
        )
        self.assertEqual(stored.json(), {"stored": 1})
        event.invalidate_recordset()
        self.assertEqual(json.loads(event.payload), payload)
        with mute_logger("odoo.http"):
            refused = self._json2("attach_payloads", source="hubspot", stream="companies", payloads=[{"event_id": "1"}])
        self.assertEqual(refused.status_code, 422, refused.text)
        with mute_logger("odoo.http"):
            outsider = self._json2(
                "attach_payloads",
                key=self.employee_key,
                source="hubspot",
                stream="companies",
                payloads=[{"event_id": event.id, "payload": {}}],
            )
        self.assertEqual(outsider.status_code, 403, outsider.text)

    @mute_logger("odoo.addons.rpc.controllers.xmlrpc")
    def test_08_check_unchanged_over_both_transports(self):
        """The bridge asks which records Odoo holds by their hashes, over JSON-2 and XML-RPC alike."""
        records = [{"external_id": f"h{i}", "values": {"name": f"Hashed Co {i}"}} for i in range(3)]
        created = self._json2("ingest", source="hubspot", stream="companies", records=records).json()["results"]
        items = [{"external_id": record["external_id"], "hash": content_hash(record["values"])[0]} for record in records]
        items[2]["hash"] = content_hash({"name": "Hashed Co 2, renamed"})[0]
        expected = [created[0]["res_id"], created[1]["res_id"], False]
        response = self._json2("check_unchanged", source="hubspot", stream="companies", records=items)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), {"res_ids": expected})
        legacy = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.bridge.id,
            self.key,
            "ops.sync.gateway",
            "check_unchanged",
            [],
            {"source": "hubspot", "stream": "companies", "records": items},
        )
        self.assertEqual(legacy, {"res_ids": expected})
