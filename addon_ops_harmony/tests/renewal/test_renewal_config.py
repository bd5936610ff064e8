import copy
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..common import SHELF_RULES, ConfigCase, sync_guards


@tagged("post_install", "-at_install")
class TestRenewalConfig(ConfigCase):
    """A renewal re-prices its configured lines under the rule set's active version, as standard terms."""

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def test_01_a_configured_line_renews_at_the_active_versions_price(self):
        """Sold at 160 under v1; v2 prices the same shelf at 240: the renewal pins v2 at 240, no approval needed."""
        order = self._quote()
        self._apply(order, {"width": "80"})
        order.sudo().ops_term_end = fields.Date.today() + timedelta(days=10)
        order.sudo().action_confirm()
        self.assertEqual(order.order_line.price_unit, 160.0)
        rules = copy.deepcopy(SHELF_RULES)
        rules["price_rules"][0]["amount"] = {"*": [{"var": "width"}, "3"]}
        v2 = self.env["ops.config.ruleset.version"].browse(self.v1.with_user(self.manager).action_new_draft()["res_id"])
        v2.write({"content": json.dumps(rules)})
        v2.vector_ids.write({"expect": '{"unit_price": "240.00"}'})
        v2.action_publish()

        renewal = self.env["sale.order"]._cron_open_renewals()
        self.assertEqual(renewal.ops_renewal_of_id, order)
        line = renewal.order_line
        self.assertEqual((line.ops_config_version_id, line.price_unit), (v2, 240.0))
        self.assertFalse(renewal.ops_renewal_nonstandard, renewal.ops_renewal_deviations)
        self.assertIn("version 1 → 2", "\n".join(renewal.message_ids.mapped("body")))
