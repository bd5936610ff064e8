import copy
import json

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..common import SHELF_RULES, ConfigCase, archive_published, attempt


@tagged("post_install", "-at_install")
class TestConfigQuote(ConfigCase):
    """Configured quote lines: pinned to a published version, priced by the server, evaluated again on save and confirm."""

    def test_01_load_gives_the_active_version_and_the_users_role(self):
        """The dialog gets the active version's parsed content, hash and currency; the role comes from the user."""
        data = self.env["ops.config.ruleset"].with_user(self.seller).ops_configurator_load(self.product.id)
        self.assertEqual((data["ruleset_id"], data["version_id"], data["version"]), (self.ruleset.id, self.v1.id, 1))
        self.assertEqual(data["content"], SHELF_RULES)
        self.assertEqual(data["hash"], self.v1.content_hash)
        self.assertEqual((data["role"], data["values"], data["quantity"]), ("salesperson", {}, "1"))
        self.assertEqual(set(data["currency"]), {"symbol", "position", "decimals"})
        self.assertEqual(
            self.env["ops.config.ruleset"].with_user(self.manager).ops_configurator_load(self.product.id)["role"], "manager"
        )
        plain = self.env["product.product"].create({"name": "Plain"})
        with self.assertRaises(UserError):
            self.env["ops.config.ruleset"].with_user(self.seller).ops_configurator_load(plain.id)

    def test_02_apply_writes_the_servers_price_and_pins_the_version(self):
        """Add to quote writes the line with the server's unit price, the version, hash, input, output and trace."""
        order = self._quote()
        answer = self._apply(order, {"width": "90", "material": "oak"}, quantity="3")
        line = order.order_line
        self.assertEqual(answer["line_id"], line.id)
        self.assertFalse(answer["differs"])
        self.assertEqual((line.price_unit, line.product_uom_qty, line.discount), (220.0, 3.0, 0.0))
        self.assertEqual((line.ops_config_version_id, line.ops_config_hash), (self.v1, self.v1.content_hash))
        self.assertEqual(json.loads(line.ops_config_input), {"values": {"width": "90", "material": "oak"}, "quantity": "3"})
        self.assertEqual(json.loads(line.ops_config_output)["total"], "660.00")
        self.assertEqual(line.ops_config_trace.splitlines(), ["price:base", "price:oak", "price:rebate_rule", "cost:wood"])
        self.assertIn("Material: Oak", line.name)
        self.assertEqual(line.ops_config_ruleset_id, self.ruleset)
        loaded = self.env["ops.config.ruleset"].with_user(self.seller).ops_configurator_load(self.product.id, line.id)
        self.assertEqual((loaded["values"], loaded["quantity"]), ({"width": "90", "material": "oak"}, "3"))
        self.assertFalse(self._config_log(order))

    def test_03_a_browser_result_that_differs_is_logged_and_the_server_wins(self):
        """A browser output with another price is ignored: the line has the server's price and the audit log the difference."""
        order = self._quote()
        answer = self._apply(order, {"width": "80"}, browser_output={"ok": True, "unit_price": "1.00", "trace": []})
        self.assertTrue(answer["differs"])
        self.assertEqual(order.order_line.price_unit, 160.0)
        [entry] = self._config_log(order)
        self.assertIn('$.output.unit_price: the browser said "1.00", the server "160.00"', entry.rationale)
        self.assertEqual(entry.user_id, self.seller)

    def test_04_input_outside_the_constraints_is_refused(self):
        """Above max, off step, an unknown option, a wrong type and a constraint error are refused; no line is written."""
        order = self._quote()
        for values, code in (
            ({"width": "130"}, "above_max"),
            ({"width": "85"}, "off_step"),
            ({"height": "3"}, "unknown_option"),
            ({"width": 80.5}, "wrong_type"),
            ({"material": "steel"}, "not_in_values"),
            ({"material": "oak", "width": "60"}, "constraint"),
        ):
            with self.assertRaises(ValidationError) as caught:
                self._apply(order, values)
            self.assertIn(code, str(caught.exception))
        self.assertFalse(order.order_line)

    def test_05_only_the_active_published_version_is_pinned(self):
        """A draft, a retired version or another rule set's version is refused."""
        order = self._quote()
        draft = self.env["ops.config.ruleset.version"].browse(self.v1.with_user(self.manager).action_new_draft()["res_id"])
        other_product = self.env["product.product"].create({"name": "Other shelf"})
        _other, other_version = self._config_ruleset("Other", SHELF_RULES, other_product.product_tmpl_id)
        for version in (draft, other_version):
            with self.assertRaises(UserError):
                self._apply(order, {}, version_id=version.id)
        draft.action_publish()
        with self.assertRaises(UserError):
            self._apply(order, {}, version_id=self.v1.id)
        self.assertFalse(order.order_line)

    def test_06_configuration_fields_refuse_direct_writes(self):
        """Creating or writing a line's ops_config_* fields outside the configurator is refused, whatever the context."""
        order = self._quote()
        self._apply(order, {"width": "80"})
        line = order.order_line.with_user(self.seller)
        for vals in (
            {"ops_config_output": '{"unit_price": "1.00"}'},
            {"ops_config_input": '{"values": {"width": "120"}}'},
            {"ops_config_version_id": False},
            {"ops_config_hash": "0" * 64},
        ):
            for context in ({}, {"ops_config_internal": True}):
                with self.assertRaises(UserError):
                    line.with_context(**context).write(vals)
        with self.assertRaises(UserError):
            order.with_user(self.seller).write(
                {"order_line": [Command.create({"product_id": self.product.id, "ops_config_version_id": self.v1.id})]}
            )
        self.assertEqual(json.loads(line.ops_config_output)["unit_price"], "160.00")

    def test_07_saving_a_configured_line_evaluates_it_again(self):
        """A new quantity is priced by the rule set; a typed unit price or discount is replaced by the server's and logged."""
        order = self._quote()
        self._apply(order, {"width": "80"}, quantity="1")
        line = order.order_line.with_user(self.seller)
        line.write({"product_uom_qty": 4})
        self.assertEqual((line.price_unit, json.loads(line.ops_config_output)["total"]), (160.0, "640.00"))
        self.assertEqual(json.loads(line.ops_config_input)["quantity"], "4")
        self.assertFalse(self._config_log(order), "a new quantity is no discrepancy")
        line.write({"price_unit": 1.0, "discount": 50})
        self.assertEqual((line.price_unit, line.discount), (160.0, 0.0))
        [entry] = self._config_log(order)
        self.assertIn("price_unit: 1.0 sent or stored, the server's is 160.0", entry.rationale)
        self.assertIn("discount: 50", entry.rationale)

    def test_08_confirm_evaluates_again_and_fixes_a_tampered_line(self):
        """A line whose stored price was changed behind the ORM is priced again at confirm, and the difference logged."""
        archive_published(self.env, "sale.order")
        order = self._quote()
        self._apply(order, {"width": "100"})
        self.env.cr.execute("UPDATE sale_order_line SET price_unit = 1 WHERE id = %s", [order.order_line.id])
        order.order_line.invalidate_recordset(["price_unit"])
        order.with_user(self.seller).action_confirm()
        self.assertEqual((order.state, order.order_line.price_unit), ("sale", 200.0))
        [entry] = self._config_log(order)
        self.assertIn("confirmed", entry.rationale)

    def test_09_reprice_moves_lines_to_the_newer_version_and_says_so(self):
        """After v2 is published, Re-price pins v2 with its price and posts the change in the chatter."""
        order = self._quote()
        self._apply(order, {"width": "80"})
        self.assertEqual(order.ops_config_outdated_count, 0)
        rules = copy.deepcopy(SHELF_RULES)
        rules["price_rules"][0]["amount"] = {"*": [{"var": "width"}, "3"]}
        v2 = self.env["ops.config.ruleset.version"].browse(self.v1.with_user(self.manager).action_new_draft()["res_id"])
        v2.write({"content": json.dumps(rules)})
        v2.vector_ids.write({"expect": '{"unit_price": "240.00"}'})
        v2.action_publish()
        self.assertEqual((order.ops_config_outdated_count, order.order_line.price_unit), (1, 160.0), "nothing moves by itself")
        order.with_user(self.seller).action_ops_config_reprice()
        line = order.order_line
        self.assertEqual((line.ops_config_version_id, line.price_unit), (v2, 240.0))
        self.assertIn("version 1 → 2", order.message_ids[0].body)
        with self.assertRaises(UserError):
            order.with_user(self.seller).action_ops_config_reprice()

    def test_10_a_duplicated_quote_keeps_its_configured_lines(self):
        """Duplicating a quote copies the lines' configuration; the copy is priced the same."""
        order = self._quote()
        self._apply(order, {"width": "120", "material": "oak"})
        copy_order = order.with_user(self.seller).copy()
        self.assertEqual(copy_order.order_line.ops_config_version_id, self.v1)
        self.assertEqual(copy_order.order_line.price_unit, 280.0)

    def test_11_a_guardrail_asks_approval_with_its_message_as_the_reason(self):
        """A rebate over the seller's limit flags the quote; the shipped policy's request gives the message as its reason."""
        archive_published(self.env, "sale.order")
        policy = self.env.ref("addon_ops_harmony.ops_policy_config_guardrails")
        policy.action_publish()
        order = self._quote()
        self._apply(order, {"width": "80", "rebate": "15"})
        self.assertEqual(order.order_line.ops_config_guardrails, "Rebate above the role's limit.")
        self.assertTrue(order.ops_config_guardrail_breached)
        self.assertEqual(order.ops_config_guardrail_reason, "Shelf: Rebate above the role's limit.")
        message = attempt(self, order.with_user(self.seller).action_confirm)
        self.assertIn("Approval required", message or "")
        request = self.env["ops.approval.request"].sudo().search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(request.policy_id, policy)
        self.assertEqual(request.reason, "Shelf: Rebate above the role's limit.")
        self.assertIn("Reason:", request.snapshot_html)
        self.assertIn("Rebate above the role's limit.", request.snapshot_html)
        self.assertEqual(order.state, "draft")
        within = self._quote()
        self._apply(within, {"width": "80", "rebate": "15"}, user=self.manager)
        self.assertFalse(within.ops_config_guardrail_breached, "a manager may give 15 %")

    def test_12_reason_field_must_be_a_text_field_of_the_model(self):
        """A policy naming a reason field the model lacks is refused."""
        policy = self.env.ref("addon_ops_harmony.ops_policy_config_guardrails")
        with self.assertRaises(ValidationError):
            policy.copy({"reason_field": "no_such_field"})
        self.assertEqual(policy._ops_reason(self._quote()), False)

    def test_13_a_product_with_a_rule_set_must_be_configured_to_confirm(self):
        """A line that adds the shelf at a typed price without configuring it blocks the confirmation, naming the product."""
        archive_published(self.env, "sale.order")
        order = (
            self.env["sale.order"]
            .with_user(self.seller)
            .create(
                {"partner_id": self.customer.id, "order_line": [Command.create({"product_id": self.product.id, "price_unit": 1})]}
            )
        )
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        self.assertIn("Configure Shelf", str(caught.exception))
        self.assertEqual(order.state, "draft")
        order.order_line.unlink()
        self._apply(order, {"width": "80"})
        order.action_confirm()
        self.assertEqual(order.state, "sale")
