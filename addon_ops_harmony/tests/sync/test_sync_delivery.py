from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestSyncDelivery(HttpCase):
    """Webhook deliveries are claimed once, by the bridge's user only, whatever the caller sends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users"]._ops_bridge_provision_key(login="t_delivery_bridge")
        cls.bridge = cls.env["res.users"].search([("login", "=", "t_delivery_bridge")])
        cls.employee = new_test_user(cls.env, "t_delivery_employee", groups="base.group_user")
        cls.ops_user = new_test_user(cls.env, "t_delivery_ops_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "delivery test", None)
            for user in (cls.employee, cls.ops_user)
        }

    def _claim(self, deliveries, key=None, source="shopify"):
        with mute_logger("odoo.http"):
            return json2_post(self, "ops.sync.gateway", "claim_deliveries", key or self.key, source=source, deliveries=deliveries)

    def test_01_a_delivery_is_claimed_once(self):
        """The first trace id to claim a delivery owns it; another copy of the delivery is refused."""
        first = self._claim([{"delivery_id": "d1", "trace_id": "trace-a", "topic": "orders/create"}])
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.json(), {"claimed": [True]})
        copy = self._claim([{"delivery_id": "d1", "trace_id": "trace-b", "topic": "orders/create"}])
        self.assertEqual(copy.json(), {"claimed": [False]})
        delivery = self.env["ops.sync.delivery"].search([("source", "=", "shopify"), ("delivery_id", "=", "d1")])
        self.assertEqual(delivery.trace_id, "trace-a")
        self.assertEqual(delivery.create_uid, self.bridge)

    def test_02_the_same_trace_claims_again(self):
        """A bridge replaying its journal after a crash still owns the deliveries it claimed."""
        self._claim([{"delivery_id": "d2", "trace_id": "trace-c"}])
        again = self._claim([{"delivery_id": "d2", "trace_id": "trace-c"}, {"delivery_id": "d3", "trace_id": "trace-d"}])
        self.assertEqual(again.json(), {"claimed": [True, True]})

    def test_03_copies_in_one_batch_and_sources_apart(self):
        """Two copies in one call give one claim; the same id from another source is another delivery."""
        answer = self._claim([{"delivery_id": "d4", "trace_id": "t1"}, {"delivery_id": "d4", "trace_id": "t2"}])
        self.assertEqual(answer.json(), {"claimed": [True, False]})
        other = self._claim([{"delivery_id": "d4", "trace_id": "t3"}], source="woocommerce")
        self.assertEqual(other.json(), {"claimed": [True]})

    def test_04_others_cannot_claim(self):
        """An employee and an Ops user are refused with 403, and nothing is claimed."""
        for user in (self.employee, self.ops_user):
            refused = self._claim([{"delivery_id": "d5", "trace_id": "evil"}], key=self.keys[user])
            self.assertEqual(refused.status_code, 403, refused.text)
        self.assertFalse(self.env["ops.sync.delivery"].search([("delivery_id", "=", "d5")]))

    def test_05_junk_is_a_422(self):
        """Malformed claims are refused with a ValidationError, never a server error."""
        for deliveries in (
            "d6",
            [42],
            [{"delivery_id": "", "trace_id": "t"}],
            [{"delivery_id": "d6"}],
            [{"delivery_id": "x" * 201, "trace_id": "t"}],
            [{"delivery_id": "d6", "trace_id": "t\x00"}],
            [{"delivery_id": "d6", "trace_id": "t", "topic": ["a"]}],
            [{"delivery_id": "d6", "trace_id": "t"}] * 1001,
        ):
            refused = self._claim(deliveries)
            self.assertEqual(refused.status_code, 422, f"{deliveries!r:.80}: {refused.text}")
            self.assertEqual(refused.json()["name"], "odoo.exceptions.ValidationError")
        refused = self._claim([{"delivery_id": "d6", "trace_id": "t"}], source="../etc")
        self.assertEqual(refused.status_code, 422, refused.text)
        self.assertFalse(self.env["ops.sync.delivery"].search([("delivery_id", "=", "d6")]))

    def test_06_nobody_edits_a_claim(self):
        """Not even an administrator moves a claim to another trace id through the ORM."""
        self._claim([{"delivery_id": "d7", "trace_id": "t7"}])
        delivery = self.env["ops.sync.delivery"].search([("delivery_id", "=", "d7")])
        with self.assertRaises(AccessError):
            delivery.with_user(self.env.ref("base.user_admin")).write({"trace_id": "stolen"})
