from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

INTEGRATION_GROUP = "addon_ops_harmony.addon_ops_harmony_group_integration"
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


class SyncCase(TransactionCase):
    """The bridge's user calling the gateway in-process, plus an Ops Manager who reviews what failed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge = new_test_user(cls.env, "t_sync_bridge", groups=INTEGRATION_GROUP)
        cls.manager = new_test_user(cls.env, "t_sync_manager", groups=MANAGER_GROUP)
        cls.gateway = cls.env["ops.sync.gateway"].with_user(cls.bridge)

    def ingest(self, stream, records, source="hubspot", **kwargs):
        return self.gateway.ingest(source, stream, records, **kwargs)["results"]

    @staticmethod
    def rec(external_id, values, modified_at=None, **extra):
        """An ingest record as the bridge sends it."""
        return {
            "external_id": external_id,
            "values": values,
            "payload": {"id": external_id, "properties": values},
            "trace_id": f"trace-{external_id}",
            "modified_at": modified_at,
            **extra,
        }

    def binding(self, stream, external_id, source="hubspot"):
        return self.env["ops.sync.binding"].search([
            ("source", "=", source), ("stream", "=", stream), ("external_id", "=", external_id)])

    def events(self, stream, external_id=None, source="hubspot"):
        domain = [("source", "=", source), ("stream", "=", stream)]
        if external_id is not None:
            domain.append(("external_id", "=", external_id))
        return self.env["ops.sync.event"].search(domain)
