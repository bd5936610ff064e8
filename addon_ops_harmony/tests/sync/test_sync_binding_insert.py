from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ...models.sync.ops_sync_schema import content_hash
from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncBindingInsert(SyncCase):
    def test_01_new_bindings_hold_the_sync_values(self):
        """The bindings ingest inserts in one statement hold the key, record, hash, dates, values and author."""
        company = {"name": "Insert Co", "website": "https://insert.example", "country_code": "BE"}
        contact = {"name": "Ann Insert", "email": "ann@insert.example", "company_external_id": "missing-co"}
        [made] = self.ingest("companies", [self.rec("ins-c1", company, modified_at="2026-03-04T05:06:07.250000Z")])
        [partial] = self.ingest("contacts", [self.rec("ins-p1", contact)])
        self.assertEqual((made["status"], partial["status"]), ("created", "created"))

        binding = self.binding("companies", "ins-c1")
        self.assertEqual(len(binding), 1)
        self.assertEqual((binding.res_model, binding.res_id), ("res.partner", made["res_id"]))
        self.assertEqual(binding.content_hash, content_hash(company)[0])
        self.assertEqual(binding.mapping_version, 1)
        self.assertEqual(binding.source_modified_at, datetime(2026, 3, 4, 5, 6, 7, 250000))
        self.assertTrue(binding.synced_at)
        self.assertEqual((binding.create_uid, binding.write_uid), (self.bridge, self.bridge))
        self.assertEqual(binding.written_values["name"], "Insert Co")
        self.assertEqual(binding.written_values["country_id"], self.env.ref("base.be").id)

        later = self.binding("contacts", "ins-p1")
        self.assertFalse(later.content_hash, "a record whose company is not synced yet is applied again next time")
        self.assertFalse(later.source_modified_at)
        self.assertEqual(later.written_values["parent_id"], False)
        self.assertEqual(later.res_id, partial["res_id"])

    def test_02_insert_is_refused_outside_the_gateway(self):
        """Even the superuser cannot insert bindings outside the gateway's trusted code."""
        with self.assertRaises(AccessError):
            self.env["ops.sync.binding"].sudo()._ops_insert(
                [
                    {
                        "source": "hubspot",
                        "stream": "companies",
                        "external_id": "forged",
                        "res_model": "res.users",
                        "res_id": 2,
                        "content_hash": False,
                        "mapping_version": 1,
                        "synced_at": False,
                        "source_modified_at": False,
                        "written_values": {},
                    }
                ]
            )
        self.assertFalse(self.binding("companies", "forged"))
