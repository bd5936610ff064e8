from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ...models.sync.ops_sync_guard import sync_writes
from ..json2 import json2_post
from ..common import INTEGRATION_GROUP, MANAGER_GROUP

SYSTEM_GROUP = "base.group_system"


@tagged("post_install", "-at_install")
class TestSyncPrivilege(HttpCase):
    """Nobody, not even an administrator, edits the sync's records over JSON-2 to reach other models."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge_key = cls.env["res.users"]._ops_bridge_provision_key(login="t_priv_bridge")
        cls.bridge = cls.env["res.users"].search([("login", "=", "t_priv_bridge")])
        cls.manager = new_test_user(cls.env, "t_priv_manager", groups=MANAGER_GROUP, name="Mo Manager")
        cls.ops_user = new_test_user(
            cls.env, "t_priv_ops_user", groups="addon_ops_harmony.addon_ops_harmony_group_user", name="Uma User"
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "privilege test", None)
            for user in (cls.manager, cls.ops_user, cls.admin)
        }
        cls.gateway = cls.env["ops.sync.gateway"].with_user(cls.bridge)
        for model in ("res.partner", "crm.lead"):
            cls.env["ops.sync.ownership"].create(
                {"source": "hubspot", "model_id": cls.env["ir.model"]._get_id(model), "policy": "odoo_wins"}
            )

    def _json2(self, user, model, method, **params):
        with mute_logger("odoo.http"):
            return json2_post(self, model, method, self.keys[user], **params)

    def _conflict(self, stream, values, edited, res_model):
        """Sync a record, edit it in Odoo, sync it again with another value: return the open conflict."""
        [created] = self.gateway.ingest("hubspot", stream, [{"external_id": "x1", "values": values}])["results"]
        self.assertEqual(created["status"], "created", created["reason"])
        record = self.env[res_model].browse(created["res_id"])
        record.write(edited)
        incoming = {**values, "name": f"{values['name']} (from the source)"}
        [result] = self.gateway.ingest("hubspot", stream, [{"external_id": "x1", "values": incoming}])["results"]
        self.assertEqual(result["status"], "conflict", result["reason"])
        conflict = self.env["ops.sync.conflict"].search([("res_model", "=", res_model), ("state", "=", "open")])
        self.assertEqual(len(conflict), 1)
        return conflict, record

    def assertRefused(self, response, status=403):
        self.assertEqual(response.status_code, status, response.text)

    def test_01_the_reported_escalation_chain_fails(self):
        """An Ops Manager cannot point a binding at res.users, a conflict at group_ids, and accept it."""
        conflict, partner = self._conflict("companies", {"name": "Acme"}, {"name": "Acme (edited)"}, "res.partner")
        binding = conflict.binding_id
        system = self.env.ref(SYSTEM_GROUP)
        self.assertRefused(
            self._json2(
                self.manager,
                "ops.sync.binding",
                "write",
                ids=binding.ids,
                vals={"res_model": "res.users", "res_id": self.manager.id},
            )
        )
        self.assertRefused(
            self._json2(
                self.manager,
                "ops.sync.conflict",
                "write",
                ids=conflict.ids,
                vals={"field_name": "group_ids", "incoming_raw": {"value": [Command.link(system.id)]}},
            )
        )
        self.assertEqual((binding.res_model, binding.res_id), ("res.partner", partner.id))
        self.assertEqual((conflict.field_name, conflict.incoming_raw), ("name", {"value": "Acme (from the source)"}))
        accepted = self._json2(self.manager, "ops.sync.conflict", "action_accept", ids=conflict.ids)
        self.assertEqual(accepted.status_code, 200, accepted.text)
        self.assertEqual(partner.name, "Acme (from the source)", "the genuine conflict is accepted as it was raised")
        self.manager.invalidate_recordset()
        self.assertFalse(self.manager.has_group(SYSTEM_GROUP))
        self.assertEqual(partner.write_uid, self.manager, "written as the accepting user")

    def test_02_a_conflict_on_a_field_the_stream_does_not_map_is_refused(self):
        """Even a conflict forged in the database cannot write a field its stream does not map."""
        conflict, partner = self._conflict("companies", {"name": "Acme"}, {"name": "Acme (edited)"}, "res.partner")
        system = self.env.ref(SYSTEM_GROUP)
        with sync_writes():
            conflict.binding_id.write({"res_model": "res.users", "res_id": self.manager.id})
            conflict.write({"field_name": "group_ids", "incoming_raw": {"value": [Command.link(system.id)]}})
        refused = self._json2(self.manager, "ops.sync.conflict", "action_accept", ids=conflict.ids)
        self.assertRefused(refused, 422)
        self.assertIn("not synced by the stream companies", refused.json()["message"])
        self.manager.invalidate_recordset()
        self.assertFalse(self.manager.has_group(SYSTEM_GROUP))
        self.assertEqual(conflict.state, "open")

    def test_03_accepting_needs_write_access_to_the_record(self):
        """A manager cannot accept a conflict on a lead they may not write: accept is not a back door."""
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "s1", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        conflict, lead = self._conflict(
            "deals", {"name": "Big deal", "stage_key": "s1"}, {"name": "Big deal (edited)"}, "crm.lead"
        )
        lead.user_id = new_test_user(self.env, "t_priv_owner", groups="sales_team.group_sale_salesman")
        refused = self._json2(self.manager, "ops.sync.conflict", "action_accept", ids=conflict.ids)
        self.assertRefused(refused)
        self.assertEqual(refused.json()["name"], "odoo.exceptions.AccessError")
        self.assertEqual((lead.name, conflict.state), ("Big deal (edited)", "open"))

    def test_04_sync_records_are_read_only_over_rpc_even_for_an_administrator(self):
        """No one creates, edits or deletes bindings, conflicts, events or cursors over JSON-2."""
        conflict, _partner = self._conflict("companies", {"name": "Acme"}, {"name": "Acme (edited)"}, "res.partner")
        self.gateway.set_cursor("hubspot", "companies", "2025-05-01")
        cursor = self.env["ops.sync.cursor"].search([("source", "=", "hubspot"), ("stream", "=", "companies")])
        event = self.env["ops.sync.event"].search([("res_model", "=", "res.partner")], limit=1)
        records = {
            "ops.sync.binding": (conflict.binding_id, {"res_model": "res.users"}),
            "ops.sync.conflict": (conflict, {"field_name": "group_ids"}),
            "ops.sync.event": (event, {"res_model": "res.users", "sync_values": "{}"}),
            "ops.sync.cursor": (cursor, {"value": "2000-01-01"}),
        }
        for user in (self.manager, self.admin):
            for model, (record, vals) in records.items():
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(record)
                    self.assertRefused(self._json2(user, model, "write", ids=record.ids, vals=vals))
                    self.assertRefused(self._json2(user, model, "unlink", ids=record.ids))
                    self.assertRefused(
                        self._json2(
                            user,
                            model,
                            "create",
                            vals_list=[
                                {
                                    "source": "hubspot",
                                    "stream": "companies",
                                    "external_id": "forged",
                                    "res_model": "res.users",
                                    "binding_id": conflict.binding_id.id,
                                    "field_name": "group_ids",
                                }
                            ],
                        )
                    )
                    self.assertTrue(record.exists())
        self.assertEqual(cursor.value, "2025-05-01")
        self.assertEqual(conflict.binding_id.res_model, "res.partner")

    def test_05_sudo_outside_the_gateway_cannot_write_either(self):
        """The guard does not trust a forged context: only the gateway's own code paths write."""
        conflict, _partner = self._conflict("companies", {"name": "Acme"}, {"name": "Acme (edited)"}, "res.partner")
        forged = conflict.sudo().with_context(ops_sync_write=True, sync_writes=True)
        with self.assertRaises(AccessError):
            forged.write({"field_name": "group_ids"})
        self.assertEqual(conflict.field_name, "name")

    def test_06_review_buttons_work_for_managers_only(self):
        """Re-sync and cursor reset go through their buttons, for Ops Managers and nobody else."""
        conflict, _partner = self._conflict("companies", {"name": "Acme"}, {"name": "Acme (edited)"}, "res.partner")
        self.gateway.set_cursor("hubspot", "companies", "2025-05-01")
        cursor = self.env["ops.sync.cursor"].search([("source", "=", "hubspot"), ("stream", "=", "companies")])
        binding = conflict.binding_id
        for model, record, method in (
            ("ops.sync.binding", binding, "action_force_resync"),
            ("ops.sync.cursor", cursor, "action_reset"),
            ("ops.sync.conflict", conflict, "action_reject"),
        ):
            self.assertRefused(self._json2(self.ops_user, model, method, ids=record.ids))
        self.assertTrue(binding.content_hash)
        self.assertEqual(cursor.value, "2025-05-01")
        for model, record, method in (
            ("ops.sync.binding", binding, "action_force_resync"),
            ("ops.sync.cursor", cursor, "action_reset"),
        ):
            response = self._json2(self.manager, model, method, ids=record.ids)
            self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual((binding.content_hash, cursor.value), (False, False))

    def test_07_close_and_requeue_check_the_caller(self):
        """A plain user cannot close or requeue events; the bridge closes only what it was queued."""
        dead_id, queued_id = self.gateway.report_failures(
            "hubspot",
            "contacts",
            [
                {"external_id": "p1", "category": "validation", "message": "bad email"},
                {"external_id": "p2", "category": "mapping", "message": "unknown stage"},
            ],
        )["event_ids"]
        dead, queued = self.env["ops.sync.event"].browse([dead_id, queued_id])
        queued.with_user(self.manager).action_replay()
        self.assertEqual((dead.state, queued.state), ("dead", "received"))
        for method, params in (
            ("close_events", {"event_ids": [dead_id, queued_id]}),
            ("requeue_events", {"event_ids": [dead_id], "dead": True}),
        ):
            response = self._json2(self.ops_user, "ops.sync.gateway", method, **params)
            self.assertRefused(response)
            self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")
        self.assertEqual((dead.state, queued.state), ("dead", "received"))
        closed = json2_post(self, "ops.sync.gateway", "close_events", self.bridge_key, event_ids=[dead_id, queued_id])
        self.assertEqual(closed.status_code, 200, closed.text)
        self.assertEqual((dead.state, queued.state), ("dead", "done"), "a dead letter is not the bridge's to close")

    def test_08_bridge_reads_only_what_its_streams_need(self):
        """The bridge's user reads no other user's login, no bank account, message, attachment or activity."""
        partner = self.env["res.partner"].create({"name": "Private person"})
        self.env["res.partner.bank"].create({"partner_id": partner.id, "acc_number": "BE71096123456769"})
        partner.message_post(body="Confidential note")
        self.env["ir.attachment"].create(
            {"name": "payroll.txt", "raw": b"secret", "res_model": "res.partner", "res_id": partner.id}
        )
        partner.activity_schedule("mail.mail_activity_data_todo", summary="Call about salary", user_id=self.admin.id)

        def call(model, method, **params):
            with mute_logger("odoo.http"):
                return json2_post(self, model, method, self.bridge_key, **params)

        users = call("res.users", "search_read", domain=[], fields=["login"])
        self.assertEqual(users.status_code, 200, users.text)
        self.assertEqual([user["login"] for user in users.json()], ["t_priv_bridge"])
        self.assertRefused(call("res.users", "read", ids=self.admin.ids, fields=["login"]))
        for model in ("res.partner.bank", "mail.message", "ir.attachment", "mail.activity"):
            with self.subTest(model=model):
                self.assertTrue(self.env[model].search_count([]), "something to hide")
                found = call(model, "search_read", domain=[], fields=["display_name"])
                if found.status_code == 200:
                    self.assertEqual(found.json(), [], model)
                else:
                    self.assertRefused(found)
        message = partner.message_ids[:1]
        self.assertRefused(call("mail.message", "read", ids=message.ids, fields=["body"]))
        # what its streams need still works
        contacts = call("res.partner", "search_read", domain=[("name", "=", "Private person")], fields=["name"])
        self.assertEqual([row["name"] for row in contacts.json()], ["Private person"])
        ingested = call(
            "ops.sync.gateway",
            "ingest",
            source="hubspot",
            stream="companies",
            records=[{"external_id": "b1", "values": {"name": "Bridge Co"}}],
        )
        self.assertEqual(ingested.json()["results"][0]["status"], "created", ingested.text)
        self.assertTrue(self.bridge.has_group(INTEGRATION_GROUP))

    def test_09_bridge_key_is_scoped_and_expires(self):
        """The provisioned key works for RPC only, expires in 90 days, and the self-check reports it."""
        key = self.env["res.users.apikeys"].sudo().search([("user_id", "=", self.bridge.id)])
        self.assertEqual((len(key), key.scope), (1, "rpc"))
        self.assertAlmostEqual((key.expiration_date - key.create_date).days, 90, delta=1)
        apikeys = self.env["res.users.apikeys"]
        self.assertEqual(apikeys._check_credentials(scope="rpc", key=self.bridge_key), self.bridge.id)
        self.assertFalse(apikeys._check_credentials(scope="odoo.plugin.outlook", key=self.bridge_key))
        report = json2_post(self, "res.users", "ops_bridge_self_check", self.bridge_key).json()
        self.assertEqual(
            report["api_key"],
            {
                "name": "ops-bridge",
                "scope": "rpc",
                "identified_by": "request",
                "keys": 1,
                "expiration_date": key.expiration_date.strftime("%Y-%m-%d %H:%M:%S"),
            },
        )
        legacy = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.bridge.id, self.bridge_key, "res.users", "ops_bridge_self_check", []
        )
        self.assertEqual((legacy["api_key"]["scope"], legacy["api_key"]["identified_by"]), ("rpc", "user"))
        # a user with two keys: JSON-2 names the one in use
        second = self.env["res.users.apikeys"].with_user(self.manager).sudo()._generate("rpc", "second", None)
        report = json2_post(self, "res.users", "ops_bridge_self_check", second).json()
        self.assertEqual((report["api_key"]["name"], report["api_key"]["keys"]), ("second", 2))

    def test_10_each_stream_declares_the_fields_it_maps(self):
        """What a stream writes is what it declares: the only fields a conflict on it may ever accept."""
        streams = {
            model._ops_stream: self.env[name]
            for name, model in self.env.registry.items()
            if name.startswith("ops.sync.stream.") and getattr(model, "_ops_stream", None)
        }
        self.assertGreaterEqual(len(streams), 7)
        for stream, handler in streams.items():
            with self.subTest(stream=stream):
                self.assertTrue(handler._ops_synced_fields)
                self.assertLessEqual(set(handler._ops_synced_fields), set(self.env[handler._ops_target_model]._fields))
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "s1", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        samples = {
            "companies": {
                "name": "Co",
                "website": "https://co.example",
                "phone": "+32 2 555 01 01",
                "email": "co@example.com",
                "industry": "Unknown",
                "street": "Rue 1",
                "city": "Bxl",
                "zip": "1000",
                "country_code": "BE",
            },
            "contacts": {
                "name": "Al",
                "email": "al@example.com",
                "phone": "+32 2 555 01 02",
                "function": "CTO",
                "company_external_id": "s-companies",
            },
            "customers": {"name": "Cy", "email": "cy@example.com", "street": "Rue 2", "country_code": "BE"},
            "deals": {
                "name": "Deal",
                "stage_key": "s1",
                "expected_revenue": 10,
                "date_deadline": "2025-07-01",
                "contact_external_id": "s-contacts",
            },
            "campaigns": {"name": "Spring", "status": "enabled"},
            "campaign_spend": {
                "campaign_external_id": "s-campaigns",
                "date": "2025-05-01",
                "amount": 12.5,
                "clicks": 3,
                "impressions": 40,
            },
        }
        for stream, values in samples.items():
            with self.subTest(stream=stream):
                [result] = self.gateway.ingest("hubspot", stream, [{"external_id": f"s-{stream}", "values": values}])["results"]
                self.assertEqual(result["status"], "created", result["reason"])
                binding = self.env["ops.sync.binding"].search([("stream", "=", stream), ("external_id", "=", f"s-{stream}")])
                self.assertLessEqual(set(binding.written_values), set(streams[stream]._ops_synced_fields))

    def test_11_history_lines_cannot_be_read_by_users_or_forged_by_managers(self):
        """Over JSON-2 an Ops User reads no sync history, and an Ops Manager cannot forge or edit a line."""
        [created] = self.gateway.ingest(
            "hubspot", "companies", [{"external_id": "h1", "values": {"name": "Hist"}, "trace_id": "run-h1"}]
        )["results"]
        self.assertEqual(created["status"], "created", created["reason"])
        line = self.env["ops.sync.trace"].search([("trace_id", "=", "run-h1")])
        self.assertEqual(len(line), 1)
        self.assertRefused(self._json2(self.ops_user, "ops.sync.trace", "search_read", domain=[], fields=["trace_id"]))
        forged = {"source": "hubspot", "stream": "companies", "external_id": "h1", "status": "created", "trace_id": "x"}
        self.assertRefused(self._json2(self.manager, "ops.sync.trace", "create", vals_list=[forged]))
        self.assertRefused(self._json2(self.manager, "ops.sync.trace", "write", ids=line.ids, vals={"trace_id": "forged"}))
        self.assertRefused(self._json2(self.admin, "ops.sync.trace", "unlink", ids=line.ids))
        self.assertEqual(line.trace_id, "run-h1")

    def test_12_leases_are_taken_by_the_bridge_only_and_never_for_another_holder(self):
        """Over JSON-2 only the bridge takes leases; users cannot forge, read or free them; junk is refused."""
        lease_args = {"source": "hubspot", "stream": "companies", "ttl": 60}
        refused = self._json2(self.ops_user, "ops.sync.gateway", "acquire_lease", holder="host:1:run", **lease_args)
        self.assertRefused(refused)
        self.assertFalse(self.env["ops.sync.lease"].search([("stream", "=", "companies")]))

        with mute_logger("odoo.http"):
            granted = json2_post(self, "ops.sync.gateway", "acquire_lease", self.bridge_key, holder="host-a:1:r1", **lease_args)
        self.assertEqual(granted.status_code, 200, granted.text)
        self.assertTrue(granted.json()["granted"])
        lease = self.env["ops.sync.lease"].search([("stream", "=", "companies")])
        self.assertEqual(lease.holder, "host-a:1:r1")

        # the bridge cannot act for another holder: renew, release or take it before it expires
        def bridge(method, **params):
            with mute_logger("odoo.http"):
                return json2_post(self, "ops.sync.gateway", method, self.bridge_key, **params)

        self.assertFalse(bridge("renew_lease", holder="host-b:2:r2", **lease_args).json()["renewed"])
        other = {key: value for key, value in lease_args.items() if key != "ttl"}
        self.assertFalse(bridge("release_lease", holder="host-b:2:r2", **other).json()["released"])
        self.assertFalse(bridge("acquire_lease", holder="host-b:2:r2", **lease_args).json()["granted"])
        # junk: a holder with control characters, a ttl out of range or of another type, windows not a list
        self.assertRefused(bridge("acquire_lease", holder="host\x00b", **lease_args), 422)
        self.assertRefused(bridge("acquire_lease", holder="h", source="hubspot", stream="companies", ttl=10**9), 422)
        self.assertRefused(bridge("acquire_lease", holder="h", source="hubspot", stream="companies", ttl="60"), 422)
        self.assertRefused(bridge("plan_windows", source="hubspot", stream="companies", windows="all"), 422)
        self.assertRefused(bridge("release_lease", holder="host-a:1:r1", done="yes", **other), 422)

        # users cannot forge or edit a lease row, an Ops User cannot read or free one
        forged = {"source": "hubspot", "stream": "deals", "holder": "me", "state": "held"}
        self.assertRefused(self._json2(self.manager, "ops.sync.lease", "create", vals_list=[forged]))
        self.assertRefused(self._json2(self.manager, "ops.sync.lease", "write", ids=lease.ids, vals={"holder": "me"}))
        self.assertRefused(self._json2(self.ops_user, "ops.sync.lease", "search_read", domain=[], fields=["holder"]))
        self.assertRefused(self._json2(self.ops_user, "ops.sync.lease", "action_release", ids=lease.ids))
        self.assertEqual((lease.holder, lease.state), ("host-a:1:r1", "held"))
        # an Ops Manager may free it (a bridge that died), and then another bridge takes it
        self.assertEqual(self._json2(self.manager, "ops.sync.lease", "action_release", ids=lease.ids).status_code, 200)
        self.assertTrue(bridge("acquire_lease", holder="host-b:2:r2", **lease_args).json()["granted"])
