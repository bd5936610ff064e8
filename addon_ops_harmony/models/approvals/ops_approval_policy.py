"""Approval policies: which action of which model needs approval, at which risk tier, from whom.

A policy is versioned. A published (or archived) version is frozen: editing its definition creates
the next draft version, and publishing that draft archives the version before it. Its state and
version bookkeeping are set by Publish, New version and Stop enforcing only, never by a write or a
create, whatever context an RPC caller sends. Requests point to the version they started with and
copy its steps, so editing a policy never rewrites reviews in flight.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools.safe_eval import safe_eval

TIERS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
TIER_RANK = {"low": 0, "medium": 1, "high": 2}
# what a version is made of: changing any of these on a published version makes a new draft
DEFINITION_FIELDS = {
    "model_id",
    "method_name",
    "domain",
    "default_tier",
    "tier_rule_ids",
    "step_ids",
    "company_id",
    "medium_sla_hours",
    "high_sla_hours",
    "reminder_share",
    "escalation_user_id",
    "escalation_group_id",
    "expire_after_hours",
    "exempt_sources",
    "reason_field",
}
# what Publish, New version and Stop enforcing set; a write or create from outside never does
VERSION_FIELDS = {"state", "version", "family_id", "previous_version_id"}
# what else a frozen version takes into its next draft version when written
NEW_VERSION_FIELDS = DEFINITION_FIELDS | {"name", "description"}
# The engine's own writes carry this object in their context. An RPC caller's context is JSON, so
# it can hold True under the same key but never this very object.
_INTERNAL = object()
# methods that may never be guarded: the ORM itself and what the engine calls
FORBIDDEN_METHODS = {"create", "write", "unlink", "copy", "read", "search", "name_create", "web_save"}


def parse_domain(env, text, what):
    """Return `text` (a domain as admins type it) as a Domain; a broken one is a ValidationError naming `what`."""
    try:
        return Domain(safe_eval(text or "[]"))
    except Exception as error:  # noqa: BLE001 - any parse error is the admin's typo
        raise ValidationError(env._("%(what)s cannot be read: %(error)s", what=what, error=error)) from error


class OpsApprovalPolicy(models.Model):
    _name = "ops.approval.policy"
    _inherit = ["mail.thread"]
    _description = "Approval policy"
    _order = "name, version desc"

    name = fields.Char(required=True, tracking=True)
    description = fields.Text()
    model_id = fields.Many2one(
        "ir.model",
        "Model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False)],
        help="The model whose action is guarded, e.g. Sales Order.",
    )
    model_name = fields.Char(related="model_id.model", store=True, index=True, string="Model name")
    method_name = fields.Char(
        "Guarded action",
        required=True,
        index=True,
        help="The method that needs approval, e.g. action_confirm on sale.order or action_post on account.move.",
    )
    domain = fields.Char(
        "Applies to",
        default="[]",
        required=True,
        help="Only records matching this domain need approval, e.g. [('move_type', '=', 'out_refund')].",
    )
    default_tier = fields.Selection(
        TIERS,
        "Tier when no rule matches",
        required=True,
        default="medium",
        help="The risk tier of a record that matches none of the tier rules.",
    )
    tier_rule_ids = fields.One2many("ops.approval.policy.tier", "policy_id", "Tier rules", copy=True)
    step_ids = fields.One2many("ops.approval.policy.step", "policy_id", "Approval steps", copy=True)
    medium_sla_hours = fields.Float("Medium tier deadline (business hours)", default=8.0)
    high_sla_hours = fields.Float("High tier deadline (business hours)", default=16.0)
    reminder_share = fields.Float(
        "Remind at",
        default=0.5,
        help="Share of the deadline after which approvers are reminded (0.5 = halfway).",
    )
    escalation_user_id = fields.Many2one("res.users", "Escalate to user", domain=[("share", "=", False)])
    escalation_group_id = fields.Many2one("res.groups", "Escalate to group")
    exempt_sources = fields.Char(
        "Exempt sync sources",
        help="Sync sources whose records skip this policy, comma-separated, e.g. woocommerce. Only the sync "
        "gateway names a source: a click or an RPC call is never exempt. Empty: nothing is exempt.",
    )
    expire_after_hours = fields.Float(
        "Expire after escalation (business hours)",
        default=16.0,
        help="An escalated step still undecided this long after its escalation expires the request.",
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    family_id = fields.Many2one(
        "ops.approval.policy",
        "First version",
        readonly=True,
        copy=False,
        index=True,
        help="All versions of a policy share their first version; approvals are matched per family.",
    )
    previous_version_id = fields.Many2one("ops.approval.policy", "Previous version", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.company)
    request_count = fields.Integer(compute="_compute_request_count")

    _version_unique = models.Constraint("UNIQUE(family_id, version)", "A policy version number is used once per policy.")

    @api.constrains("method_name", "model_id")
    def _check_method_name(self):
        for policy in self:
            model = self.env.get(policy.model_name)
            method = policy.method_name or ""
            if method in FORBIDDEN_METHODS or method.startswith("_"):
                raise ValidationError(
                    self.env._("%(method)s cannot be guarded: pick a public action such as action_confirm.", method=method)
                )
            if model is not None and not callable(getattr(type(model), method, None)):
                raise ValidationError(self.env._("%(model)s has no method %(method)s.", model=policy.model_name, method=method))

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for policy in self:
            policy._ops_domain()

    @api.constrains("reminder_share")
    def _check_reminder_share(self):
        if any(not 0 < policy.reminder_share < 1 for policy in self):
            raise ValidationError(self.env._("Remind at is a share of the deadline, between 0 and 1 (e.g. 0.5)."))

    def _compute_request_count(self):
        counts = dict(self.env["ops.approval.request"]._read_group([("policy_id", "in", self.ids)], ["policy_id"], ["__count"]))
        for policy in self:
            policy.request_count = counts.get(policy, 0)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ops_is_internal():
            for vals in vals_list:
                self._ops_check_version_fields(vals)
        policies = super().create(vals_list)
        for policy in policies.filtered(lambda p: not p.family_id):
            policy._ops_internal().family_id = policy
        return policies

    def write(self, vals):
        if self._ops_is_internal():
            return super().write(vals)
        self._ops_check_version_fields(vals)
        frozen = self.filtered(lambda policy: policy.state != "draft")
        changed = {fname for fname in vals if not fname.startswith("message_")}
        if not frozen or not changed:
            return super().write(vals)
        if changed - NEW_VERSION_FIELDS:
            raise UserError(
                self.env._(
                    "%(name)s version %(version)s is %(state)s and cannot change. Click New version to edit a draft "
                    "of it, or Stop enforcing to retire it.",
                    name=frozen[0].name,
                    version=frozen[0].version,
                    state=frozen[0].state,
                )
            )
        # the edit goes to a new draft version; the frozen one stays as it was
        for policy in frozen:
            policy._ops_new_version(vals)
        return super(OpsApprovalPolicy, self - frozen).write(vals) if self - frozen else True

    def unlink(self):
        frozen = self.filtered(lambda policy: policy.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "%(name)s version %(version)s was published: requests and the audit log refer to it, so it "
                    "cannot be deleted. Stop enforcing it instead.",
                    name=frozen[0].name,
                    version=frozen[0].version,
                )
            )
        if self.env["ops.approval.request"].sudo().search_count([("policy_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("A policy version with requests cannot be deleted: archive it instead."))
        return super().unlink()

    def action_new_version(self):
        """Open a new draft version of this published policy."""
        self.ensure_one()
        draft = self._ops_new_version({})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_publish(self):
        """Publish these drafts: each becomes the enforced version and archives its predecessor."""
        for policy in self:
            if policy.state != "draft":
                raise UserError(self.env._("Only a draft version can be published."))
            if not policy.step_ids and policy._ops_may_need_approvers():
                raise UserError(
                    self.env._("Policy %(name)s needs at least one approval step for its medium or high tier.", name=policy.name)
                )
            older = self.search(
                [
                    ("family_id", "=", policy.family_id.id),
                    ("state", "=", "published"),
                    ("id", "!=", policy.id),
                ]
            )
            older._ops_internal().write({"state": "archived"})
            policy._ops_internal().write({"state": "published"})
            self.env["ops.audit.log"]._ops_record("publish", policy=policy)
        self._ops_update_registry()
        return True

    def action_archive_version(self):
        """Stop enforcing these published versions."""
        if any(policy.state != "published" for policy in self):
            raise UserError(self.env._("Only a published version can stop being enforced."))
        self._ops_internal().write({"state": "archived"})
        for policy in self:
            self.env["ops.audit.log"]._ops_record("unpublish", policy=policy)
        self._ops_update_registry()
        return True

    def action_open_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.approval.request",
            "name": self.env._("Requests"),
            "view_mode": "list,form",
            "domain": [("policy_id.family_id", "=", self.family_id.id)],
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_internal(self):
        """These policies, for a write only the engine makes (publishing, archiving, versioning)."""
        return self.with_context(ops_policy_internal=_INTERNAL)

    def _ops_is_internal(self):
        return self.env.context.get("ops_policy_internal") is _INTERNAL

    def _ops_check_version_fields(self, vals):
        forced = VERSION_FIELDS & set(vals)
        if forced:
            raise UserError(
                self.env._(
                    "A policy's %(fields)s cannot be edited: only Publish, New version and Stop enforcing set them.",
                    fields=", ".join(sorted(forced)),
                )
            )

    def _ops_domain(self):
        """Return the policy's domain as a Domain; a broken domain is a clear error."""
        self.ensure_one()
        return parse_domain(self.env, self.domain, self.env._("The domain of policy %(name)s", name=self.name))

    def _ops_may_need_approvers(self):
        self.ensure_one()
        tiers = {self.default_tier} | set(self.tier_rule_ids.mapped("risk_tier"))
        return bool(tiers - {"low"})

    def _ops_tier_for(self, record):
        """Return the risk tier of `record`: the highest tier among the rules it matches."""
        self.ensure_one()
        tiers = [rule.risk_tier for rule in self.tier_rule_ids if rule._ops_matches(record)]
        return max(tiers, key=TIER_RANK.get) if tiers else self.default_tier

    def _ops_steps_for(self, tier):
        """Return the step templates of `tier`; a high tier without its own steps uses the medium ones."""
        self.ensure_one()
        steps = self.step_ids.filtered(lambda step: step.tier == tier)
        if not steps and tier == "high":
            steps = self.step_ids.filtered(lambda step: step.tier == "medium")
        return steps.sorted(lambda step: (step.sequence, step.id))

    def _ops_sla_hours(self, tier):
        self.ensure_one()
        return self.high_sla_hours if tier == "high" else self.medium_sla_hours

    def _ops_new_version(self, vals):
        """Create the next draft version of this policy, with `vals` applied (line commands remapped)."""
        self.ensure_one()
        family = self.family_id or self
        last = self.with_context(active_test=False).search([("family_id", "=", family.id)], order="version desc", limit=1)
        # archived approvers are copied too: the new version starts as the published one is, and the
        # edit that made it (or the launch review) replaces them; without them a step could be empty
        draft = (
            self._ops_internal()
            .with_context(active_test=False)
            .copy(
                {"family_id": family.id, "version": last.version + 1, "previous_version_id": self.id},
            )
            .with_env(self.env)
        )
        if vals:
            vals = dict(vals)
            for fname in ("tier_rule_ids", "step_ids"):
                if fname in vals:
                    vals[fname] = self._ops_remap_commands(vals[fname], self[fname], draft[fname])
            draft.write(vals)
        self.message_post(
            body=self.env._("Edited while published: version %(version)s was created as a draft.", version=draft.version)
        )
        return draft

    @api.model
    def _ops_remap_commands(self, commands, old_lines, new_lines):
        """Point x2many commands aimed at the published lines to their copies in the new draft."""
        mapping = dict(zip(old_lines.ids, new_lines.ids))
        remapped = []
        for command in commands:
            if command[0] in (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK):
                remapped.append((command[0], mapping.get(command[1], command[1]), *command[2:]))
            elif command[0] == Command.SET:
                remapped.append((Command.SET, 0, [mapping.get(line_id, line_id) for line_id in command[2]]))
            else:
                remapped.append(command)
        return remapped

    def _ops_update_registry(self):
        """Re-install the method guards in this worker and tell the other workers to reload."""
        if self.env.registry.ready:
            self._unregister_hook()
            self._register_hook()
            self.env.registry.registry_invalidated = True
