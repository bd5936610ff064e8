"""Fuzzing the addon's public RPC surface over JSON-2: junk in, a categorised error out, never a 500.

The targets are found, not listed: every public method the addon defines on any model, and
`create`/`write` of every field the addon defines, each called through JSON-2 by real users (an Ops
User and the bridge's integration user) with junk of every JSON type. The generator is seeded, so
a failure replays exactly; the report names each call that answered 500.
"""

import inspect
import json
import logging
import random

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..json2 import json2_post

_logger = logging.getLogger(__name__)

MODULE = "addon_ops_harmony"
SEED = 20250601
# JSON can carry these; NaN and infinities it cannot
JUNK = [
    0,
    -1,
    7,
    2**31,
    -(2**31) - 1,
    2**63,
    1.5,
    -1e300,
    True,
    False,
    None,
    "",
    "junk",
    "2025-13-45",
    "nul\u0000byte",
    "x" * 100_000,
    [],
    [1, "a", None],
    [[0, 0, {"name": 5}]],
    {},
    {"a": {"b": [1, {"c": None}]}},
]
MAGIC_FIELDS = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}
JUNK_PER_FIELD = 2
JUNK_PER_PARAMETER = 3
LOGINS = {"ops_user": "t_fuzz_ops_user", "bridge": "t_fuzz_bridge"}
# what a call passes for the parameters that are not being fuzzed
PLAUSIBLE = {
    "source": "hubspot",
    "stream": "companies",
    "records": [],
    "failures": [],
    "payloads": [],
    "event_ids": [],
    "vals_list": [],
    "rationale": "Looks right.",
    "value": "2025-05-01",
    "limit": 10,
}
# core models the addon extends: only the fields it adds are fuzzed (Odoo's own are Odoo's business)
EXTENDED_MODELS = ("crm.lead", "res.partner", "utm.campaign", "sale.order")
# char fields of crm.lead the lead pipeline reads before anything else
LEAD_INPUTS = ("phone", "email_from", "contact_name", "name", "website")


def addon_methods(model_class):
    """Public method names defined on `model_class` by the addon alone (not overrides of Odoo's)."""
    names = []
    for name in dir(model_class):
        if name.startswith("_") or not callable(getattr(model_class, name, None)):
            continue
        owners = [cls for cls in model_class.__mro__ if name in vars(cls)]
        if owners and all(getattr(cls, "_module", None) == MODULE for cls in owners):
            names.append(name)
    return sorted(names)


@tagged("post_install", "-at_install")
class TestRpcFuzz(HttpCase):
    """Every public call of the addon, fed junk by real users over JSON-2, answers below 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(cls.env, LOGINS["ops_user"], groups="addon_ops_harmony.addon_ops_harmony_group_user")
        cls.keys = {
            "ops_user": cls.env["res.users.apikeys"].with_user(cls.ops_user).sudo()._generate(None, "fuzz", None),
            "bridge": cls.env["res.users"]._ops_bridge_provision_key(login=LOGINS["bridge"]),
        }
        campaign = cls.env["utm.campaign"].create({"name": "Fuzz campaign"})
        lead = cls.env["crm.lead"].create({"name": "Fuzz lead", "user_id": cls.ops_user.id, "campaign_id": campaign.id})
        cls.env["ops.touchpoint"].create({"lead_id": lead.id, "campaign_id": campaign.id})
        cls.env["ops.campaign.spend"].create({"campaign_id": campaign.id, "date": "2025-06-01", "amount": 10.0})

    def _targets(self):
        """Return [(model, method, record ids, [params])] for the addon's public methods."""
        targets = []
        for name, model_class in sorted(self.env.registry.items()):
            if model_class._original_module != MODULE and name not in EXTENDED_MODELS:
                continue
            model = self.env[name]
            for method in addon_methods(model_class):
                function = getattr(model_class, method)
                params = [
                    p
                    for p in list(inspect.signature(function).parameters.values())[1:]
                    if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
                ]
                is_model_method = hasattr(function, "_api_model")
                ids = [] if is_model_method or model._abstract else model.sudo().search([], limit=1).ids or [999_999_999]
                targets.append((name, method, ids, params))
        return targets

    def _writable_fields(self, model):
        """Return the names of `model`'s fields to fuzz in create and write."""
        names = []
        for fname, field in model._fields.items():
            if fname in MAGIC_FIELDS or (field.compute and not field.inverse and field.readonly):
                continue
            if (
                model._original_module == MODULE
                or field._module == MODULE
                or (model._name == "crm.lead" and fname in LEAD_INPUTS)
            ):
                names.append(fname)
        return sorted(names)

    def _base_values(self, model):
        """Return values that make a valid record of `model` once the fuzzed field is added."""
        values = {}
        for fname, field in model._fields.items():
            if not field.required or fname in MAGIC_FIELDS or field.default:
                continue
            if field.type == "many2one":
                values[fname] = self.env[field.comodel_name].sudo().search([], limit=1).id
            elif field.type == "selection":
                values[fname] = field._description_selection(self.env)[0][0]
            elif field.type in ("date", "datetime"):
                values[fname] = fields.Datetime.to_string(fields.Datetime.now())
            elif field.type in ("char", "text", "html"):
                values[fname] = "Fuzz"
            elif field.type in ("integer", "float", "monetary"):
                values[fname] = 1
        return values

    def _calls(self):
        """Yield (user, model, method, ids, params) for every call of the run, in a reproducible order.

        Each user calls every method; create and write go field by field to the users whose
        access rights allow them (the others get one call each, to show the refusal is clean).
        """
        rng = random.Random(SEED)
        users = {who: self.env["res.users"].search([("login", "=", login)]) for who, login in LOGINS.items()}
        for model_name, method, ids, params in self._targets():
            base = {p.name: PLAUSIBLE.get(p.name, "x") for p in params if p.default is inspect.Parameter.empty}
            for who in users:
                yield who, model_name, method, ids, base
                for param in params:
                    for junk in rng.sample(JUNK, JUNK_PER_PARAMETER):
                        yield who, model_name, method, ids, {**base, param.name: junk}
        for model_name in sorted(self.env.registry):
            model_class = self.env.registry[model_name]
            if model_class._abstract or model_class._auto is False:
                continue
            if model_class._original_module != MODULE and model_name not in EXTENDED_MODELS:
                continue
            model = self.env[model_name]
            base = self._base_values(model)
            record_ids = model.sudo().search([], limit=1).ids
            for operation in ("create", "write"):
                if operation == "write" and not record_ids:
                    continue
                allowed = [who for who, user in users.items() if model.with_user(user).has_access(operation)]
                for who in sorted(set(users) - set(allowed)):
                    yield who, model_name, *self._operation(operation, record_ids, base, "name", "junk")
                for fname in self._writable_fields(model) if allowed else ():
                    for junk in rng.sample(JUNK, JUNK_PER_FIELD):
                        yield rng.choice(allowed), model_name, *self._operation(operation, record_ids, base, fname, junk)

    def _operation(self, operation, record_ids, base, fname, junk):
        """Return (method, ids, params) of a create or write that sets `fname` to `junk`."""
        if operation == "create":
            return "create", [], {"vals_list": [{**base, fname: junk}]}
        return "write", record_ids, {"vals": {fname: junk}}

    @mute_logger("odoo.http", "odoo.sql_db", "odoo.addons.addon_ops_harmony.models.sync.ops_sync_gateway_ingest")
    def test_01_no_call_answers_500(self):
        """No public call of the addon, with junk in any parameter or field, answers a server error."""
        server_errors = []
        count = 0
        for who, model_name, method, ids, params in self._calls():
            body = {**params, **({"ids": ids} if ids else {})}
            response = json2_post(self, model_name, method, self.keys[who], **body)
            count += 1
            if response.status_code >= 500:
                error = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
                server_errors.append(
                    f"{who} {model_name}.{method}({_short(body)}) -> {response.status_code} "
                    f"{error.get('name')}: {_short(error.get('message'))}"
                )
        _logger.info("rpc fuzz: %s calls, seed %s", count, SEED)
        self.assertGreater(count, 300, "the fuzz run made fewer calls than it should have")
        self.assertEqual(
            server_errors, [], f"{len(server_errors)} of {count} calls answered a server error:\n" + "\n".join(server_errors)
        )


def _short(value, limit=160):
    text = json.dumps(value, default=repr) if not isinstance(value, str) else value
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"
