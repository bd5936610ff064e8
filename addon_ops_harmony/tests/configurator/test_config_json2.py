import json

from odoo.tests import HttpCase, tagged

from ..common import SHELF_RULES, ConfigCase
from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestConfigJson2(HttpCase, ConfigCase):
    """A salesperson (and a sales manager) over JSON-2 cannot forge rule sets, pins or prices; junk gets a categorised error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "configurator test", None)
            for user in (cls.seller, cls.manager)
        }
        cls.order = cls.env["sale.order"].with_user(cls.seller).create({"partner_id": cls.customer.id}).sudo()
        cls.env["sale.order"].with_user(cls.seller).ops_config_apply(
            cls.order.id, {"product_id": cls.product.id, "version_id": cls.v1.id, "values": {"width": "80"}, "quantity": "1"}
        )
        cls.line = cls.order.order_line
        cls.env.flush_all()

    def _call(self, user, model, method, **params):
        response = json2_post(self, model, method, self.keys[user], **params)
        self.env.invalidate_all()
        return response

    def _apply(self, user=None, **config):
        config = {"product_id": self.product.id, "version_id": self.v1.id, "values": {"width": "80"}, "quantity": "1", **config}
        return self._call(user or self.seller, "sale.order", "ops_config_apply", order_id=self.order.id, config=config)

    def assertRefused(self, response, status, text):
        self.assertEqual(response.status_code, status, response.text)
        self.assertIn(text, response.json()["message"])

    def test_01_rule_set_versions_cannot_be_forged(self):
        """Writing a published version, its bookkeeping fields, or creating a published version is refused for both roles."""
        content = json.dumps({"schema": 1, "options": []})
        for user, status in ((self.seller, 403), (self.manager, 422)):
            for vals in ({"content": content}, {"state": "draft"}, {"published_at": False}, {"version": 9}):
                response = self._call(user, "ops.config.ruleset.version", "write", ids=self.v1.ids, vals=vals)
                self.assertEqual(response.status_code, status, response.text)
            response = self._call(
                user,
                "ops.config.ruleset.version",
                "create",
                vals_list=[{"ruleset_id": self.ruleset.id, "content": content, "state": "published"}],
                context={"ops_config_internal": True},
            )
            self.assertEqual(response.status_code, status, response.text)
            response = self._call(user, "ops.config.ruleset", "write", ids=self.ruleset.ids, vals={"active_version_id": False})
            self.assertEqual(response.status_code, status, response.text)
        self.assertEqual((json.loads(self.v1.content), self.v1.state, self.v1.version), (SHELF_RULES, "published", 1))
        self.assertEqual(self.ruleset.active_version_id, self.v1)
        self.assertEqual(len(self.ruleset.version_ids), 1)

    def test_02_configured_line_fields_cannot_be_written(self):
        """Writing ops_config_* on a configured line, by write or web_save, or creating a line with them, is refused (422)."""
        for vals in (
            {"ops_config_output": '{"unit_price": "1.00"}'},
            {"ops_config_input": "{}"},
            {"ops_config_version_id": False},
        ):
            response = self._call(self.seller, "sale.order.line", "write", ids=self.line.ids, vals=vals)
            self.assertRefused(response, 422, "set by the configurator only")
            response = self._call(
                self.seller,
                "sale.order",
                "web_save",
                ids=self.order.ids,
                vals={"order_line": [[1, self.line.id, vals]]},
                specification={},
            )
            self.assertRefused(response, 422, "set by the configurator only")
        response = self._call(
            self.seller,
            "sale.order.line",
            "create",
            vals_list=[
                {"order_id": self.order.id, "product_id": self.product.id, "ops_config_version_id": self.v1.id, "price_unit": 1}
            ],
        )
        self.assertRefused(response, 422, "set by the configurator only")
        self.assertEqual(len(self.order.order_line), 1)
        self.assertEqual(json.loads(self.line.ops_config_output)["unit_price"], "160.00")

    def test_03_a_typed_price_on_a_configured_line_loses_to_the_server(self):
        """Writing price_unit 1 over JSON-2 leaves the server's 160 and writes the difference to the audit log."""
        response = self._call(self.seller, "sale.order.line", "write", ids=self.line.ids, vals={"price_unit": 1})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.line.price_unit, 160.0)
        self.assertIn("price_unit: 1", self._config_log(self.order).rationale)

    def test_04_only_the_active_published_version_may_be_pinned(self):
        """Pinning a draft or another rule set's version is refused; nothing is written."""
        draft = self.env["ops.config.ruleset.version"].browse(self.v1.with_user(self.manager).action_new_draft()["res_id"])
        other_product = self.env["product.product"].create({"name": "Other JSON-2 shelf"})
        _other, other_version = self._config_ruleset("Other JSON-2", SHELF_RULES, other_product.product_tmpl_id)
        self.env.flush_all()
        for version in (draft, other_version):
            self.assertRefused(self._apply(version_id=version.id), 422, "not the published version")
        self.assertEqual(len(self.order.order_line), 1)

    def test_05_input_outside_the_constraints_is_refused(self):
        """Values over max, unknown options or of the wrong type are refused with their codes, whatever the browser says."""
        for values, code in (
            ({"width": "500"}, "above_max"),
            ({"height": "1"}, "unknown_option"),
            ({"material": 3}, "wrong_type"),
        ):
            response = self._apply(values=values, browser_output={"ok": True, "unit_price": "1.00"})
            self.assertRefused(response, 422, code)
        self.assertEqual(len(self.order.order_line), 1)

    def test_06_junk_gets_a_categorised_error_never_a_500(self):
        """Non-objects, strings for ids, bad quantities, huge values, unknown keys and a broken body answer 4xx."""
        cases = [
            ({"values": "width=80"}, "values must be an object"),
            ({"quantity": "abc"}, "quantity must be"),
            ({"quantity": "-1"}, "quantity must be"),
            ({"quantity": 1.5}, "quantity must be"),
            ({"product_id": "1"}, "product_id must be"),
            ({"version_id": None}, "version_id must be"),
            ({"line_id": 10**12}, "line_id must be"),
            ({"values": {"width": "8" * 70_000}}, "larger than"),
            ({"role": "manager"}, "Unknown keys"),
            ({"browser_output": [1]}, "browser_output must be"),
        ]
        for config, text in cases:
            self.assertRefused(self._apply(**config), 422, text)
        response = self._call(self.seller, "sale.order", "ops_config_apply", order_id=self.order.id, config=[1, 2])
        self.assertRefused(response, 422, "must be an object")
        response = self._call(self.seller, "sale.order", "ops_config_apply", order_id="x", config={})
        self.assertRefused(response, 422, "order_id must be")
        response = self._call(
            self.seller, "ops.config.ruleset", "ops_configurator_load", product_id=self.product.id, role="manager"
        )
        self.assertEqual(response.status_code, 422, response.text)
        response = json2_post(self, "sale.order", "ops_config_apply", self.keys[self.seller], raw="{not json")
        self.assertLess(response.status_code, 500, response.text)
        self.assertEqual(len(self.order.order_line), 1)
        self.assertEqual(self.line.price_unit, 160.0)

    def test_07_the_role_comes_from_the_user(self):
        """ops_configurator_load answers salesperson for the seller and manager for the sales manager."""
        response = self._call(self.seller, "ops.config.ruleset", "ops_configurator_load", product_id=self.product.id)
        self.assertEqual(response.json()["role"], "salesperson", response.text)
        response = self._call(
            self.manager, "ops.config.ruleset", "ops_configurator_load", product_id=self.product.id, line_id=self.line.id
        )
        self.assertEqual((response.json()["role"], response.json()["values"]), ("manager", {"width": "80"}), response.text)

    def test_08_someone_elses_quote_cannot_be_configured(self):
        """A salesperson restricted to their own documents cannot configure another seller's quote."""
        own_docs = self.env["res.users"].create(
            {"name": "Own Docs", "login": "t_cfg_own", "group_ids": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]}
        )
        key = self.env["res.users.apikeys"].with_user(own_docs).sudo()._generate(None, "own", None)
        config = {"product_id": self.product.id, "version_id": self.v1.id, "values": {"width": "80"}, "quantity": "1"}
        response = json2_post(self, "sale.order", "ops_config_apply", key, order_id=self.order.id, config=config)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(len(self.order.order_line), 1)

    def test_09_web_save_of_a_new_quantity_is_priced_by_the_server(self):
        """The quote form saving quantity 3 on the configured line keeps the server's unit price and its new total."""
        response = self._call(
            self.seller,
            "sale.order",
            "web_save",
            ids=self.order.ids,
            vals={"order_line": [[1, self.line.id, {"product_uom_qty": 3}]]},
            specification={"order_line": {"fields": {"price_unit": {}}}},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()[0]["order_line"][0]["price_unit"], 160.0)
        self.assertEqual(json.loads(self.line.ops_config_output)["total"], "480.00")

    def test_10_export_downloads_the_version_as_json(self):
        """The Export action's URL serves the version's JSON file to a salesperson who may read it."""
        self.authenticate("t_cfg_seller", "t_cfg_seller")
        response = self.url_open(self.v1.action_export()["url"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        document = response.json()
        self.assertEqual((document["name"], document["version"], document["content"]), ("Shelf", 1, SHELF_RULES))
