"""The shared bases of the addon's tests: accounting fixtures, approvals, the sync gateway, routing and SLA."""

import ast
import json

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import freeze_time

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


# --- accounting: sales with invoicing
class OpsSalesAccountingCase(AccountTestInvoicingCommon):
    """Accounting fixtures with a sales and Ops manager user; products invoiced on order."""

    @classmethod
    def get_default_groups(cls):
        return (
            super().get_default_groups()
            | cls.quick_ref("sales_team.group_sale_manager")
            | cls.quick_ref("addon_ops_harmony.addon_ops_harmony_group_manager")
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_a.invoice_policy = "order"


# --- approvals: users, a product, and a policy on sales order confirmation
SALESMAN = "sales_team.group_sale_salesman"


def archive_published(env, model_name, keep=None):
    """Archive the published policies on `model_name` but `keep` (a database with demo data publishes the templates)."""
    domain = [("model_name", "=", model_name), ("state", "=", "published")]
    if keep:
        domain.append(("id", "not in", keep.ids))
    env["ops.approval.policy"].sudo().search(domain).action_archive_version()


def attempt(case, action):
    """Run `action` with the engine's side transactions in test mode; return the UserError's message or None.

    The engine writes requests in a transaction of its own; the registry's test mode makes that
    transaction a savepoint of the test's, so the test sees it and rolls it back.
    """
    with case.enter_registry_test_mode():
        try:
            action()
        except UserError as error:
            return str(error)
    return None


def publish_discount_policy(env, approver):
    """Publish the only policy on quotes: a discount above 10 % needs `approver` (medium tier)."""
    archive_published(env, "sale.order")
    policy = env["ops.approval.policy"].create(
        {
            "name": "Big discounts",
            "model_id": env["ir.model"]._get_id("sale.order"),
            "method_name": "action_confirm",
            "domain": "[('order_line.discount', '>', 10)]",
            "default_tier": "medium",
            "step_ids": [
                Command.create(
                    {"name": approver.name, "tier": "medium", "approver_type": "user", "user_ids": [Command.set(approver.ids)]}
                )
            ],
        }
    )
    policy.action_publish()
    return policy


def discounted_quote(env, seller, customer, product, discount):
    """Create, as `seller`, a quote of one line at 1,000 with `discount` %, flushed for the HTTP calls."""
    order = (
        env["sale.order"]
        .with_user(seller)
        .create(
            {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": product.id, "price_unit": 1000, "discount": discount})],
            }
        )
    )
    env.flush_all()
    return order


class OpsApprovalCase(TransactionCase):
    """Quotes priced 500 (low), 2,000 (medium) or 20,000 (high) under one published policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requester = new_test_user(cls.env, "t_apr_requester", groups=SALESMAN, name="Rhea Requester")
        cls.approver = new_test_user(
            cls.env,
            "t_apr_approver",
            groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver",
            name="Ada Approver",
        )
        cls.approver2 = new_test_user(
            cls.env,
            "t_apr_approver2",
            groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver",
            name="Bo Approver",
        )
        cls.outsider = new_test_user(cls.env, "t_apr_outsider", groups=SALESMAN, name="Otto Outsider")
        cls.escalation = new_test_user(cls.env, "t_apr_escalation", groups=SALESMAN, name="Esme Escalation")
        cls.customer = cls.env["res.partner"].create({"name": "Approval Customer"})
        cls.product = cls.env["product.product"].create({"name": "Approval Widget", "list_price": 1.0, "type": "consu"})
        cls.policy = cls.env["ops.approval.policy"].create(
            {
                "name": "Quote amount",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('amount_untaxed', '>', 0)]",
                "default_tier": "low",
                "escalation_user_id": cls.escalation.id,
                "tier_rule_ids": [
                    Command.create({"name": "Above 1,000", "domain": "[('amount_untaxed', '>', 1000)]", "risk_tier": "medium"}),
                    Command.create({"name": "Above 10,000", "domain": "[('amount_untaxed', '>', 10000)]", "risk_tier": "high"}),
                ],
                "step_ids": [
                    Command.create(
                        {"name": "Ada", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(cls.approver.ids)]}
                    ),
                    Command.create(
                        {
                            "name": "Ada first",
                            "tier": "high",
                            "sequence": 10,
                            "approver_type": "user",
                            "user_ids": [Command.set(cls.approver.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Both approvers",
                            "tier": "high",
                            "sequence": 20,
                            "approver_type": "group",
                            "group_id": cls.env.ref("addon_ops_harmony.addon_ops_harmony_group_approver").id,
                            "min_approvals": 2,
                        }
                    ),
                ],
            }
        )
        cls.policy.action_publish()

    def _quote(self, amount, user=None):
        order = (
            self.env["sale.order"]
            .with_user(user or self.requester)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1, "price_unit": amount})],
                }
            )
        )
        return order.sudo()

    def _confirm(self, order, user=None):
        """Confirm `order` as `user`; return the UserError's message, or None when it went through."""
        return attempt(self, order.with_user(user or self.requester).action_confirm)

    def _request(self, order):
        return (
            self.env["ops.approval.request"]
            .sudo()
            .search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc", limit=1)
        )

    def _activities(self, request, user=None):
        domain = [("ops_approval_request_id", "=", request.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].sudo().search(domain)

    def _log(self, event, request=None):
        domain = [("event", "=", event)] + ([("request_id", "=", request.id)] if request else [])
        return self.env["ops.audit.log"].sudo().search(domain)


# --- the sync gateway: the bridge's user and an Ops Manager
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
        return self.env["ops.sync.binding"].search(
            [("source", "=", source), ("stream", "=", stream), ("external_id", "=", external_id)]
        )

    def events(self, stream, external_id=None, source="hubspot"):
        domain = [("source", "=", source), ("stream", "=", stream)]
        if external_id is not None:
            domain.append(("external_id", "=", external_id))
        return self.env["ops.sync.event"].search(domain)


# --- routing and SLA: teams, members with calendars, a clean rule table
# A Wednesday, 10:00 UTC: inside the 9-18 Monday-Friday test calendar.
WORKING_NOW = "2025-01-15 10:00:00"


@freeze_time(WORKING_NOW)
class OpsRoutingCase(TransactionCase):
    """Teams, members with working calendars and a clean rule table, shared by routing and SLA tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ops.routing.rule"].search([]).action_archive()
        cls.env["ops.size.band"].search([]).action_archive()
        cls.small = cls.env["ops.size.band"].create(
            {"name": "Small", "code": "t_ops_small", "min_employees": 1, "max_employees": 49}
        )
        cls.large = cls.env["ops.size.band"].create({"name": "Large", "code": "t_ops_large", "min_employees": 50})
        cls.software = cls.env["res.partner.industry"].create({"name": "Test Software"})
        cls.retail = cls.env["res.partner.industry"].create({"name": "Test Retail"})
        cls.belgium = cls.env.ref("base.be")
        cls.france = cls.env.ref("base.fr")
        cls.usa = cls.env.ref("base.us")
        cls.california = cls.env["res.country.state"].search([("country_id", "=", cls.usa.id), ("code", "=", "CA")], limit=1)
        cls.new_york = cls.env["res.country.state"].search([("country_id", "=", cls.usa.id), ("code", "=", "NY")], limit=1)
        cls.calendar = cls._calendar("Test 9-18", [(day, 9, 18) for day in range(5)])

        cls.leader = new_test_user(cls.env, "t_ops_leader", groups="sales_team.group_sale_salesman", tz="UTC")
        cls.ann, cls.bob, cls.cid = (cls._salesperson(login) for login in ("t_ops_ann", "t_ops_bob", "t_ops_cid"))
        cls.dan = cls._salesperson("t_ops_dan")
        cls.team = cls._team("Test Benelux", cls.ann | cls.bob | cls.cid)
        cls.team_fr = cls._team("Test France", cls.dan)
        cls.queue = cls.env["crm.team"].create({"name": "Test Queue", "use_leads": True})
        cls.env["ir.config_parameter"].set_param("addon_ops_harmony.default_team_id", str(cls.queue.id))
        cls.rule = cls.env["ops.routing.rule"].create(
            {
                "name": "Benelux",
                "sequence": 10,
                "country_ids": [Command.set(cls.belgium.ids)],
                "team_id": cls.team.id,
            }
        )

    @classmethod
    def _calendar(cls, name, slots):
        """Return a UTC calendar with (weekday, hour from, hour to) attendances."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {start}-{stop}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": stop,
                            "day_period": "morning",
                        }
                    )
                    for day, start, stop in slots
                ],
            }
        )

    @classmethod
    def _salesperson(cls, login):
        user = new_test_user(cls.env, login, groups="sales_team.group_sale_salesman", tz="UTC", name=login[6:].title())
        cls.env["resource.resource"].create({"name": user.name, "user_id": user.id, "calendar_id": cls.calendar.id, "tz": "UTC"})
        return user

    @classmethod
    def _team(cls, name, users):
        team = cls.env["crm.team"].create({"name": name, "use_leads": True, "user_id": cls.leader.id})
        cls.env["crm.team.member"].create([{"crm_team_id": team.id, "user_id": user.id, "assignment_max": 0} for user in users])
        return team

    def _member(self, user):
        return self.env["crm.team.member"].search([("user_id", "=", user.id), ("crm_team_id", "!=", False)])

    def _route(self, *vals_list):
        """Create leads as an integration would (no salesperson given) and run the pipeline on them."""
        leads = self.env["crm.lead"].create([{"name": "Routed lead", "type": "lead", **vals} for vals in vals_list])
        leads._ops_run_pipeline()
        return leads

    def _open_leads(self, user, count):
        """Give `user` `count` open leads in their team, assigned by hand."""
        self.env["crm.lead"].create(
            [{"name": f"Owned {i}", "user_id": user.id, "team_id": self._member(user).crm_team_id.id} for i in range(count)]
        )


# --- the configurator: a small rule set (a shelf), its rule set records, a salesperson and a manager
SHELF_RULES = {
    "schema": 1,
    "options": [
        {"key": "width", "label": "Width (cm)", "type": "decimal", "min": "60", "max": "120", "step": "10", "default": "80"},
        {
            "key": "material",
            "label": "Material",
            "type": "enum",
            "values": [{"value": "oak", "label": "Oak"}, {"value": "pine", "label": "Pine"}],
            "default": "pine",
        },
        {"key": "rebate", "label": "Rebate (%)", "type": "decimal", "min": "0", "max": "50", "default": "0"},
    ],
    "constraints": [
        {
            "id": "oak_narrow",
            "level": "error",
            "when": {"and": [{"==": [{"var": "material"}, "oak"]}, {"<": [{"var": "width"}, "70"]}]},
            "message": "Oak shelves start at 70 cm.",
        }
    ],
    "price_rules": [
        {"id": "base", "phase": "list", "label": "Base", "amount": {"*": [{"var": "width"}, "2"]}},
        {"id": "oak", "phase": "adjust", "when": {"==": [{"var": "material"}, "oak"]}, "amount": "40"},
        {
            "id": "rebate_rule",
            "phase": "discount",
            "amount": {"-": [{"/": [{"*": [{"var": "price"}, {"var": "rebate"}]}, "100"]}]},
        },
    ],
    "cost_rules": [{"id": "wood", "amount": "100"}],
    "guardrails": [
        {"id": "margin", "kind": "min_margin", "percent": "20", "message": "Margin under 20 %."},
        {
            "id": "max_rebate",
            "kind": "max_discount",
            "by_role": {"salesperson": "10", "manager": "30"},
            "message": "Rebate above the role's limit.",
        },
    ],
}
# 80 cm pine, no rebate: 160.00 a unit, cost 100.00
SHELF_VECTOR = {
    "name": "default shelf",
    "values": '{"width": "80"}',
    "quantity": "2",
    "role": "salesperson",
    "expect": '{"ok": true, "unit_price": "160.00", "total": "320.00"}',
}


class ConfigCase(TransactionCase):
    """A shelf rule set with one published version (v1), a salesperson, a sales manager and a quote."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_cfg_seller", groups=SALESMAN, name="Cora Seller")
        cls.manager = new_test_user(cls.env, "t_cfg_manager", groups="sales_team.group_sale_manager", name="Max Manager")
        cls.customer = cls.env["res.partner"].create({"name": "Configurator customer"})
        cls.product = cls.env["product.product"].create({"name": "Shelf", "type": "consu", "list_price": 1.0})
        cls.ruleset, cls.v1 = cls._config_ruleset("Shelf", SHELF_RULES, cls.product.product_tmpl_id)

    @classmethod
    def _config_ruleset(cls, name, rules, templates, publish=True):
        """Create a rule set for `templates` with version 1 holding `rules` and the shelf vector; publish it."""
        ruleset = (
            cls.env["ops.config.ruleset"]
            .with_user(cls.manager)
            .create({"name": name, "product_tmpl_ids": [Command.set(templates.ids)]})
        )
        version = (
            cls.env["ops.config.ruleset.version"]
            .with_user(cls.manager)
            .create({"ruleset_id": ruleset.id, "content": json.dumps(rules), "vector_ids": [Command.create(dict(SHELF_VECTOR))]})
        )
        if publish:
            version.action_publish()
        return ruleset.sudo(), version.sudo()

    def _quote(self, user=None):
        return self.env["sale.order"].with_user(user or self.seller).create({"partner_id": self.customer.id})

    def _apply(self, order, values, quantity="1", user=None, **extra):
        """Configure a shelf on `order` as `user` (the seller); return the RPC's answer."""
        config = {
            "product_id": self.product.id,
            "version_id": self.ruleset.active_version_id.id,
            "values": values,
            "quantity": quantity,
        }
        config.update(extra)
        return self.env["sale.order"].with_user(user or self.seller).ops_config_apply(order.id, config)

    def _config_log(self, order):
        return (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "config_differs"), ("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        )


# --- AI intake: a bridge user, a reviewer, and jobs handed to the worker
OPS_USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
BILLING_GROUP = "account.group_account_invoice"
# the smallest file guess_mimetype reads as a PDF
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
INPUT_SHA256 = "a" * 64


def ai_result(fields_, text="ACME BV invoice INV-7 total 121.00", label=None, lines=None):
    """Return a result as the worker submits it: `fields_` as {name: (value, confidence)}."""
    return {
        "provider": "local",
        "model_version": "extractor-test-1",
        "input_sha256": INPUT_SHA256,
        "text": text,
        "pages": [{"number": 1, "width": 595, "height": 842}],
        "class": {"label": label, "confidence": 0.9, "candidates": [{"label": label, "confidence": 0.9}]} if label else None,
        "fields": [
            {
                "name": name,
                "raw": value,
                "value": value,
                "confidence": confidence,
                "evidence": {"span": [0, 4]},
                "generator": "test",
            }
            for name, (value, confidence) in fields_.items()
        ],
        "lines": lines or [],
        "checks": [{"name": "totals", "ok": True, "detail": None}],
    }


class OpsAiCase(TransactionCase):
    """A bridge user calling the AI gateway, a reviewer with billing rights, and job factories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge = new_test_user(cls.env, "t_ai_bridge", groups=INTEGRATION_GROUP, name="AI Bridge")
        cls.reviewer = new_test_user(cls.env, "t_ai_reviewer", groups=f"{OPS_USER_GROUP},{BILLING_GROUP}", name="Rita Reviewer")
        cls.gateway = cls.env["ops.ai.gateway"].with_user(cls.bridge)
        cls.bill_type = cls.env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill")
        cls.request_type = cls.env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")
        cls.Job = cls.env["ops.ai.job"]

    def _mail(self, alias_xmlid, subject="Invoice INV-7", body="<p>Please find our invoice.</p>", attachments=()):
        """Deliver an email to an alias as Odoo's mail gateway routes it: `message_new` with the alias's defaults."""
        alias = self.env.ref(alias_xmlid)
        msg = {"subject": subject, "body": body, "email_from": "ap@acme.example", "attachments": list(attachments)}
        return self.Job.sudo().message_new(msg, ast.literal_eval(alias.alias_defaults))

    def _claimed(self, doc_type="vendor_bill", worker="w1"):
        """Create a bill (or request) job by mail and have `worker` claim it; return the job."""
        if doc_type == "vendor_bill":
            job = self._mail("addon_ops_harmony.ops_ai_mail_alias_vendor_bills", attachments=[("inv.pdf", PDF_BYTES, {})])
        else:
            job = self._mail(
                "addon_ops_harmony.ops_ai_mail_alias_requests",
                subject="Pricing for 40 seats",
                body="<p>Hello, we want 40 seats.</p>",
            )
        claimed = self.gateway.claim_jobs(worker, limit=50)["jobs"]
        self.assertIn(job.id, [item["id"] for item in claimed])
        return job


def sync_guards(env):
    """Install the method guards the published policies ask for: a test that archived one rolled back
    its database change, but not the guards it removed from the registry's classes."""
    policies = env["ops.approval.policy"].sudo()
    policies._unregister_hook()
    policies._register_hook()
