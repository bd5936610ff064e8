"""The approval engine: guard any model's action with the published policies, no per-model Python.

Like base_automation, the engine patches the guarded methods on the registry's model classes in
`_register_hook`, and re-patches when policies are published or archived. A guarded call on
records a policy applies to is stopped with a UserError naming the request and its approvers.

The request has to outlive that error, which rolls the caller's transaction back: it is written
in its own short transaction. Once the request is approved, the requester clicks again and the
action runs (the approval is then consumed; the next run needs a new approval), the way Odoo
Studio's approvals behave. Code running as superuser, such as e-commerce payment confirmation,
is not stopped.
"""

import logging

import psycopg2

from odoo import api, models
from odoo.exceptions import UserError

from .ops_approval_policy import TIER_RANK

_logger = logging.getLogger(__name__)


def _make_guard(method_name):
    def guarded(self, *args, **kwargs):
        if self and not self.env.su:
            self.env["ops.approval.policy"]._ops_guard(self, method_name)
        return guarded.origin(self, *args, **kwargs)

    guarded.ops_approval_guard = True
    return guarded


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    def _register_hook(self):
        super()._register_hook()
        registry = self.env.registry
        patched = set()
        self.env["ops.approval.policy"].flush_model(["state", "active", "model_name", "method_name"])
        self.env.cr.execute("""
            SELECT DISTINCT model_name, method_name FROM ops_approval_policy
             WHERE state = 'published' AND active
        """)
        for model_name, method_name in self.env.cr.fetchall():
            model_class = registry.get(model_name)
            method = getattr(model_class, method_name, None) if model_class is not None else None
            if method is None or getattr(method, "ops_approval_guard", False):
                if method is None:
                    _logger.warning("Approval policy on %s.%s: no such method, not guarded", model_name, method_name)
                continue
            guard = _make_guard(method_name)
            guard.origin = method
            setattr(model_class, method_name, guard)
            patched.add((model_name, method_name))
        registry.ops_approval_patched = patched

    def _unregister_hook(self):
        registry = self.env.registry
        for model_name, method_name in getattr(registry, "ops_approval_patched", ()):
            model_class = registry.get(model_name)
            if model_class is not None and method_name in vars(model_class):
                delattr(model_class, method_name)
        registry.ops_approval_patched = set()
        super()._unregister_hook()

    @api.model
    def _ops_guard(self, records, method_name):
        """Let the call through, or raise UserError naming the requests that now wait for approval."""
        policies = self.sudo().search([
            ("model_name", "=", records._name), ("method_name", "=", method_name), ("state", "=", "published"),
        ])
        blocked = []
        Request = self.env["ops.approval.request"].sudo()
        for policy in policies:
            for record in records.sudo().filtered_domain(policy._ops_domain()):
                tier = policy._ops_tier_for(record)
                if tier == "low":
                    self.env["ops.audit.log"]._ops_record("auto_approve", record=record, policy=policy)
                    continue
                approved = Request.search([
                    ("policy_family_id", "=", policy.family_id.id), ("res_model", "=", record._name),
                    ("res_id", "=", record.id), ("state", "=", "approved"), ("consumed", "=", False),
                ], order="id desc", limit=1)
                if approved and TIER_RANK[approved.risk_tier] >= TIER_RANK[tier]:
                    approved.consumed = True
                    self.env["ops.audit.log"]._ops_record("pass", approved)
                    continue
                blocked.append((policy, record, tier))
        if blocked:
            raise UserError("\n".join(self._ops_open_requests_apart(blocked, method_name)))

    @api.model
    def _ops_open_requests_apart(self, blocked, method_name):
        """Open or join the requests in a transaction of their own; return one message per request."""
        messages = []
        self.env.flush_all()  # the other transaction reads the documents as this one left them
        for policy, record, tier in blocked:
            for attempt in range(3):
                try:
                    with self.env.registry.cursor() as cr:
                        cr.execute("SET LOCAL lock_timeout = '10s'")
                        env = api.Environment(cr, self.env.uid, self.env.context)
                        message = env["ops.approval.request"].sudo()._ops_open_or_join(
                            policy.with_env(env), record.with_env(env), tier, method_name, env.user,
                        )
                    messages.append(message)
                    break
                except psycopg2.errors.UniqueViolation:
                    # someone opened the same request at the same moment: join theirs
                    if attempt == 2:
                        raise
        return messages


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    def init(self):
        # at most one pending request per policy and document: concurrent clicks join one request
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS ops_approval_request_one_pending
                ON ops_approval_request (policy_family_id, res_model, res_id) WHERE state = 'pending'
        """)

    @api.model
    def _ops_open_or_join(self, policy, record, tier, method_name, requester):
        """Open a request for `record` under `policy` at `tier`, or join the pending one; return the message."""
        if not record.exists():
            return self.env._("Approval required for %(name)s: save the document first, then try again.",
                              name=record.display_name)
        pending = self.search([
            ("policy_family_id", "=", policy.family_id.id), ("res_model", "=", record._name),
            ("res_id", "=", record.id), ("state", "=", "pending"),
        ], limit=1)
        if pending:
            return self.env._("Approval required: request %(name)s is already pending with %(approvers)s.",
                              name=pending.name, approvers=pending._ops_approver_names())
        request = self._ops_open(policy, record, tier, method_name, requester)
        return self.env._("Approval required: request %(name)s sent to %(approvers)s.",
                          name=request.name, approvers=request._ops_approver_names())

    @api.model
    def _ops_open(self, policy, record, tier, method_name, requester):
        """Create the request with its steps frozen from `policy`, and start its first steps."""
        company = record.company_id if "company_id" in record._fields and record.company_id else requester.company_id
        request = self.create({
            "policy_id": policy.id, "policy_version": policy.version, "res_model": record._name,
            "res_id": record.id, "res_name": record.display_name, "method_name": method_name,
            "requested_by_id": requester.id, "risk_tier": tier, "company_id": company.id,
        })
        fallback = (policy.escalation_user_id | policy.escalation_group_id.sudo().all_user_ids
                    or self.env.ref("addon_ops_harmony.addon_ops_harmony_group_manager").sudo().all_user_ids)
        fallback = fallback.filtered(lambda user: not user.share) - requester
        step_values = []
        for template in policy._ops_steps_for(tier):
            approvers = template._ops_resolve(record, requester) or fallback
            step_values.append({
                "request_id": request.id, "sequence": template.sequence, "name": template.name,
                "approver_ids": [(6, 0, approvers.ids)],
                "min_approvals": max(1, min(template.min_approvals, len(approvers))),
            })
        if not step_values:
            step_values.append({"request_id": request.id, "sequence": 10, "name": self.env._("Approval"),
                                "approver_ids": [(6, 0, fallback.ids)], "min_approvals": 1})
        self.env["ops.approval.request.step"].create(step_values)
        self.env["ops.audit.log"].with_user(requester)._ops_record("request", request)
        request._ops_post(self.env._(
            "%(requester)s needs approval (%(policy)s, version %(version)s): request %(name)s, %(tier)s risk.",
            requester=requester.name, name=request.name, tier=tier, policy=policy.name, version=policy.version))
        request._ops_activate_next()
        return request

    def _ops_approver_names(self):
        self.ensure_one()
        pending = self.step_ids.filtered(lambda step: step.state == "pending")
        return ", ".join((pending.approver_ids | pending.delegate_ids).mapped("name")) or self.env._("the approvers")

    @api.model
    def _ops_ask(self, policy, record, requester):
        """Ask for approval of `record` under `policy` without running the action; return the request."""
        tier = policy._ops_tier_for(record)
        if tier == "low":
            return self.browse()
        self._ops_open_or_join(policy, record, tier, policy.method_name, requester)
        return self.search([
            ("policy_family_id", "=", policy.family_id.id), ("res_model", "=", record._name),
            ("res_id", "=", record.id), ("state", "=", "pending"),
        ], limit=1)

    @api.model
    def _ops_ask_ids(self, policy_id, res_model, res_id, requester_id):
        """`_ops_ask` with ids, for data files (the demo's pending requests)."""
        policy = self.env["ops.approval.policy"].browse(policy_id)
        record = self.env[res_model].browse(res_id)
        return self._ops_ask(policy, record, self.env["res.users"].browse(requester_id)).id
