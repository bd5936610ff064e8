import random
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import ConcurrencyError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ...models.sync.ops_sync_guard import sync_writes
from ..common import SyncCase

STATUSES = {"created", "updated", "unchanged", "conflict", "rejected"}


@tagged("post_install", "-at_install")
class TestSyncIngest(SyncCase):
    def _company(self, name="Acme", **values):
        return {"name": name, "website": "https://acme.example", "country_code": "BE", **values}

    def test_01_created_updated_unchanged(self):
        """A record is created once, updated when its values change and left alone when they do not."""
        [created] = self.ingest("companies", [self.rec("c1", self._company())])
        self.assertEqual((created["status"], created["category"], created["reason"]), ("created", False, False))
        partner = self.env["res.partner"].browse(created["res_id"])
        self.assertTrue(partner.is_company)
        self.assertEqual(partner.country_id, self.env.ref("base.be"))
        self.assertEqual(partner.create_uid, self.bridge, "written by the bridge's user, not the superuser")
        [note] = partner.message_ids
        self.assertIn("trace-c1", note.body, "one chatter note naming the sync's trace, no notifications")
        self.assertFalse(note.notification_ids)
        binding = self.binding("companies", "c1")
        self.assertEqual((binding.res_model, binding.res_id), ("res.partner", partner.id))

        [unchanged] = self.ingest("companies", [self.rec("c1", self._company())])
        self.assertEqual((unchanged["status"], unchanged["res_id"]), ("unchanged", partner.id))

        [updated] = self.ingest("companies", [self.rec("c1", self._company(name="Acme Corp"))])
        self.assertEqual((updated["status"], updated["res_id"]), ("updated", partner.id))
        self.assertEqual(partner.name, "Acme Corp")
        self.assertEqual(self.env["res.partner"].search_count([("name", "like", "Acme")]), 1)

    def test_02_idempotent_reingest(self):
        """Ingesting the same batch twice creates every record once, and a repeated key applies in order."""
        records = [self.rec(f"p{i}", {"name": f"Person {i}", "email": f"p{i}@example.com"}) for i in range(20)]
        first = self.ingest("customers", records, source="woocommerce")
        self.assertEqual({result["status"] for result in first}, {"created"})
        second = self.ingest("customers", records, source="woocommerce")
        self.assertEqual({result["status"] for result in second}, {"unchanged"})
        self.assertEqual([r["res_id"] for r in first], [r["res_id"] for r in second])
        partners = self.env["res.partner"].search_count([("email", "like", "@example.com"), ("name", "like", "Person")])
        self.assertEqual(partners, 20)

        twice = self.ingest(
            "customers",
            [
                self.rec("dup", {"name": "First version"}),
                self.rec("dup", {"name": "Second version"}),
            ],
            source="woocommerce",
        )
        self.assertEqual([r["status"] for r in twice], ["created", "updated"])
        self.assertEqual(twice[0]["res_id"], twice[1]["res_id"])
        self.assertEqual(self.env["res.partner"].browse(twice[0]["res_id"]).name, "Second version")
        bad_twice = self.ingest("customers", [self.rec("bad", {"name": 1}), self.rec("bad", {"name": 2})], source="woocommerce")
        self.assertEqual(bad_twice[0]["event_id"], bad_twice[1]["event_id"], "one open event per key")
        self.assertEqual(self.env["ops.sync.event"].browse(bad_twice[0]["event_id"]).attempts, 2)

    def test_03_one_bad_record_never_fails_the_batch(self):
        """A record refused by validation and one refused by the database leave the rest of the batch in."""
        [campaign] = self.ingest("campaigns", [self.rec("cmp1", {"name": "Spring sale"})], source="google_ads")
        self.assertEqual(campaign["status"], "created")
        day = {"campaign_external_id": "cmp1", "date": "2025-03-01", "channel": "google_ads", "amount": 10.0}
        [taken] = self.ingest("campaign_spend", [self.rec("cmp1:2025-03-01", day)], source="google_ads")
        self.assertEqual(taken["status"], "created")
        with mute_logger("odoo.sql_db"):
            results = self.ingest(
                "campaign_spend",
                [
                    self.rec("cmp1:2025-03-02", {**day, "date": "2025-03-02"}),
                    self.rec("bad-amount", {**day, "date": "2025-03-03", "amount": "ten"}),
                    # same campaign, day and channel as an already bound line: the database refuses it
                    self.rec("other-key", day),
                    self.rec("cmp1:2025-03-04", {**day, "date": "2025-03-04"}),
                ],
                source="google_ads",
            )
        self.assertEqual([r["status"] for r in results], ["created", "rejected", "rejected", "created"])
        self.assertEqual([r["category"] for r in results], [False, "validation", "odoo", False])
        self.assertIn('the field "amount" must be a number, but it is a string', results[1]["reason"])
        self.assertIn("campaign, day and channel", results[2]["reason"])
        spend = self.env["ops.campaign.spend"].search([("campaign_id", "=", campaign["res_id"])])
        self.assertEqual(sorted(str(line.date) for line in spend), ["2025-03-01", "2025-03-02", "2025-03-04"])
        events = self.env["ops.sync.event"].browse([r["event_id"] for r in results if r["event_id"]])
        self.assertEqual(events.mapped("state"), ["dead", "failed"])
        self.assertEqual(events.mapped("external_id"), ["bad-amount", "other-key"])

    def test_04_malformed_records_are_rejected_with_a_reason(self):
        """Wrong types, missing keys, huge strings, bad dates and bad unicode are rejected as validation errors."""
        good = self._company()
        malformed = [
            "not an object",
            None,
            ["a", "list"],
            {"values": good},
            {"external_id": 42, "values": good},
            {"external_id": "x1", "values": "name=Acme"},
            self.rec("x2", {**good, "name": 123}),
            self.rec("x3", {**good, "name": "A" * 10_000}),
            self.rec("x4", good, modified_at="yesterday"),
            self.rec("x5", {**good, "name": "bad \ud800 surrogate"}),
            self.rec("x6", {**good, "website": "nul\x00byte"}),
            self.rec("x7", {**good, "country_code": 32}),
            self.rec("x8", {"website": "https://no-name.example"}),
            self.rec("x\udc00", good, trace_id="trace-13"),
            self.rec("x9", good, trace_id={"not": "text"}),
        ]
        results = self.ingest("companies", malformed)
        self.assertEqual(len(results), len(malformed))
        for record, result in zip(malformed, results):
            self.assertEqual((result["status"], result["category"]), ("rejected", "validation"), f"{record!r}: {result}")
            self.assertTrue(result["reason"])
            self.assertTrue(result["event_id"])
            result["reason"].encode("utf-8")  # safe to send back, whatever came in
        reasons = [result["reason"] for result in results]
        self.assertIn("the record is a string, not an object with an external_id and values", reasons[0])
        self.assertIn("the external id is missing", reasons[3])
        self.assertIn("the external id must be text, but it is a number", reasons[4])
        self.assertIn("the values must be an object (a set of fields), but they are a string", reasons[5])
        self.assertIn('the field "name" must be text, but it is a number', reasons[6])
        self.assertIn('the field "name" is too long: 10000 characters', reasons[7])
        self.assertIn('the field "modified_at" is not an ISO 8601 date-time', reasons[8])
        self.assertIn("invalid unicode", reasons[9])
        self.assertIn("NUL character", reasons[10])
        self.assertIn('the field "country_code" must be text, but it is a number', reasons[11])
        self.assertIn('the field "name" is required but empty', reasons[12])
        self.assertIn("invalid unicode", reasons[13])
        self.assertIn("the trace id must be printable text", reasons[14])
        # a person sees each of them in Odoo, with its message and payload
        events = self.env["ops.sync.event"].with_user(self.manager).browse([r["event_id"] for r in results])
        self.assertEqual(set(events.mapped("category")), {"validation"})
        self.assertEqual(set(events.mapped("state")), {"dead"})
        self.assertTrue(all(events.mapped("message")))
        self.assertIn("acme.example", events[6].sync_values, "the values are kept for replay")
        self.assertFalse(self.env["res.partner"].search_count([("website", "=", "https://acme.example")]))

    def test_05_generated_garbage_never_crashes(self):
        """Hundreds of generated malformed deals each get a result, and a well-formed one still goes in."""
        rng = random.Random(5)
        junk = [None, True, 3.5, -1, float("nan"), "", " ", "\x00", "\ud83d", "é" * 3000, [], {}, {"a": 1}, "2024-13-45"]
        keys = ["name", "expected_revenue", "stage_key", "date_deadline", "company_external_id", "currency_code"]
        records = []
        for index in range(400):
            values = {"name": f"Deal {index}", "stage_key": "default:appointmentscheduled"}
            for key in rng.sample(keys, rng.randint(1, 3)):
                values[key] = rng.choice(junk)
            envelope = self.rec(f"g{index}", values, modified_at=rng.choice([None, "2025-01-01T00:00:00Z", "nope", 7]))
            if index % 17 == 0:
                envelope = rng.choice(junk)
            records.append(envelope)
        records.append(self.rec("well-formed", {"name": "Real deal", "stage_key": "default:appointmentscheduled"}))
        results = self.ingest("deals", records)
        self.assertEqual(len(results), len(records))
        self.assertTrue({result["status"] for result in results} <= STATUSES)
        for result in results:
            if result["status"] == "rejected":
                self.assertIn(result["category"], ("validation", "mapping"))
                self.assertTrue(result["reason"] and result["event_id"])
        self.assertEqual(results[-1]["status"], "created")
        self.assertGreater(sum(result["status"] == "rejected" for result in results), 300)

    def test_06_malformed_calls_are_refused(self):
        """A call that is not a batch (records not a list, unknown stream, bad source) is a ValidationError."""
        with self.assertRaises(ValidationError):
            self.gateway.ingest("hubspot", "companies", {"external_id": "c1"})
        with self.assertRaises(ValidationError):
            self.gateway.ingest("hubspot", "invoices", [])
        with self.assertRaises(ValidationError):
            self.gateway.ingest("HubSpot!", "companies", [])
        with self.assertRaises(ValidationError):
            self.gateway.ingest("hubspot", "companies", [], mapping_version="2")
        with self.assertRaises(ValidationError):
            self.gateway.ingest("hubspot", "companies", [self.rec(str(i), {}) for i in range(2001)])
        with self.assertRaises(ValidationError):
            self.gateway.ingest("hubspot", "partner", [])  # a mapper base, not a stream

    def test_07_keys_are_locked_and_unique(self):
        """Ingest takes advisory locks; a key bound behind its back raises a retryable error, never a duplicate."""
        self.ingest("companies", [self.rec("c1", self._company())])
        self.env.cr.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
        self.assertGreaterEqual(self.env.cr.fetchone()[0], 1)
        binding = self.binding("companies", "c1")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint(), sync_writes():
            binding.copy()
        # another bridge committed the binding after this transaction's snapshot: it cannot see it
        partners = self.env["res.partner"].search_count([])
        Binding = self.env.registry["ops.sync.binding"]
        with patch.object(Binding, "_ops_states", lambda self, *args: {}), mute_logger("odoo.sql_db"):
            with self.assertRaises(ConcurrencyError):
                self.ingest("companies", [self.rec("c1", self._company(name="Acme by the other bridge"))])
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_08_unchanged_resync_costs_a_few_queries(self):
        """Re-syncing unchanged records runs the same handful of queries for 10 or 200 records."""
        counts = []
        for size in (10, 200):
            records = [self.rec(f"q{size}-{i}", self._company(name=f"Company {size}-{i}")) for i in range(size)]
            self.ingest("companies", records)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            results = self.ingest("companies", records)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual({result["status"] for result in results}, {"unchanged"})
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 8)

    def test_09_older_versions_and_deleted_records(self):
        """An older version than the last synced one is skipped; a record deleted in Odoo is created again."""
        [first] = self.ingest("companies", [self.rec("c1", self._company(), modified_at="2025-05-02T10:00:00Z")])
        [older] = self.ingest("companies", [self.rec("c1", self._company(name="Stale"), modified_at="2025-05-01T10:00:00+02:00")])
        self.assertEqual(older["status"], "unchanged")
        self.assertIn("older than the version synced last", older["reason"])
        self.assertEqual(self.env["res.partner"].browse(first["res_id"]).name, "Acme")

        self.env["res.partner"].browse(first["res_id"]).unlink()
        [again] = self.ingest("companies", [self.rec("c1", self._company(), modified_at="2025-05-02T10:00:00Z")])
        self.assertEqual(again["status"], "created")
        self.assertNotEqual(again["res_id"], first["res_id"])
        self.assertEqual(self.binding("companies", "c1").res_id, again["res_id"])

    def test_10_mapping_version_reapplies(self):
        """A new mapping version applies records again even when their values did not change."""
        self.ingest("companies", [self.rec("c1", self._company())])
        [same] = self.ingest("companies", [self.rec("c1", self._company())], mapping_version=2)
        self.assertEqual(same["status"], "unchanged", "nothing differed, so nothing was written")
        self.assertEqual(self.binding("companies", "c1").mapping_version, 2)

    def test_11_a_mapper_bug_rejects_only_its_record(self):
        """An unexpected error while mapping or writing one record rejects it alone, as an Odoo error."""
        Companies = self.env.registry["ops.sync.stream.companies"]
        original_map = Companies._ops_map
        original_write = Companies._ops_write

        def flaky_map(self, item, lookups):
            if item.values["name"] == "Boom on map":
                raise TypeError("unsupported operand")
            return original_map(self, item, lookups)

        def flaky_write(self, record, vals, item):
            if vals.get("name") == "Boom on write":
                raise KeyError("lost")
            return original_write(self, record, vals, item)

        self.ingest("companies", [self.rec("c2", self._company(name="Fine before"))])
        with patch.object(Companies, "_ops_map", flaky_map), patch.object(Companies, "_ops_write", flaky_write), mute_logger(
            "odoo.addons.addon_ops_harmony.models.sync.ops_sync_gateway_ingest"
        ):
            results = self.ingest(
                "companies",
                [
                    self.rec("c1", self._company(name="Boom on map")),
                    self.rec("c2", self._company(name="Boom on write")),
                    self.rec("c3", self._company(name="Fine")),
                ],
            )
        self.assertEqual([r["status"] for r in results], ["rejected", "rejected", "created"])
        self.assertEqual([r["category"] for r in results[:2]], ["odoo", "odoo"])
        self.assertEqual(results[0]["reason"], "TypeError: unsupported operand")
        self.assertIn("KeyError", results[1]["reason"])
        self.assertEqual(self.env["res.partner"].browse(self.binding("companies", "c2").res_id).name, "Fine before")
