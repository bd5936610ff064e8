"""The approval engine: guard any model's action with the published policies, no per-model Python.

Like base_automation, the engine patches the guarded methods on the registry's model classes in
`_register_hook`, and re-patches when policies are published or archived. It also guards what
those methods lead to (`ops_approval_effect.py`): writing the state directly, a wizard that posts,
an import. A guarded call on records a policy applies to is stopped with a UserError naming the
request and its approvers; a click in the web client gets a notification saying the same instead
of an error dialog, and the document shows its approval state (`ops_approval_state_mixin.py`).
Superuser code is guarded too: the sync gateway, which ingests as
superuser, gets its requests opened instead of an error, and only a source a policy names in
`exempt_sources` skips that policy.

A click is judged first, and nothing is written until the verdict is known. When something needs
approval, the requests (and their audit entries) are written in a short transaction of their own,
since the error rolls the caller's back; the caller writes nothing, so the side transaction never
waits for a lock the caller holds. When everything may run, the approvals are used up and the
auto-approvals logged in the caller's transaction, with the action. Once a request is approved,
the requester clicks again and the action runs, the way Odoo Studio's approvals behave; the
approval covers the document as it was approved (its fingerprint), and is then used up.
"""

import logging

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo import http

from .ops_approval_effect import approval_cleared, effect_of, not_cleared
from .ops_approval_policy import TIER_RANK

_logger = logging.getLogger(__name__)

OPEN_ATTEMPTS = 5
# a safety net, never the mechanism: the side transaction needs no lock the caller holds
SIDE_LOCK_TIMEOUT = "5s"


class ApprovalRequired(UserError):
    """A guarded call stopped because it needs approval; the requests are open. Its message names them."""


def _clicked(records, method_name):
    """Return whether this call is the web client's click on the `method_name` button of `records`."""
    web_request = http.request
    if not web_request or not web_request.httprequest.path.startswith("/web/dataset/call_button"):
        return False
    params = web_request.params or {}
    return params.get("model") == records._name and params.get("method") == method_name


def _make_guard(method_name):
    def guarded(self, *args, **kwargs):
        records = not_cleared(self)
        if records:
            # a caller who may not even read the records learns nothing of their approvals
            records.check_access("read")
            try:
                records = self.env["ops.approval.policy"]._ops_guard_call(records, method_name)
            except ApprovalRequired as asked:
                # asking for approval is a normal step for the person who clicked: say so, and show
                # the record's approval state; every other caller (JSON-2, code) gets the error
                if not _clicked(self, method_name):
                    raise
                return self.env["ops.approval.request"]._ops_requested_notification(str(asked))
        with approval_cleared(records):
            return guarded.origin(self, *args, **kwargs)

    guarded.ops_approval_guard = True
    return guarded


class Verdict:
    """What the published policies say about some records, decided before anything is written."""

    def __init__(self):
        self.auto = []  # (policy, record, rationale): low tier, or a source the policy exempts
        self.passes = []  # (request, record): an approval that covers the record as it is now
        self.blocked = []  # (policy, record, tier, fingerprint): needs a request


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    def _register_hook(self):
        super()._register_hook()
        registry = self.env.registry
        patched = set()
        effects = {}
        self.env["ops.approval.policy"].flush_model(["state", "active", "model_name", "method_name"])
        self.env.cr.execute(
            """
            SELECT DISTINCT model_name, method_name FROM ops_approval_policy
             WHERE state = 'published' AND active
        """
        )
        for model_name, method_name in self.env.cr.fetchall():
            model_class = registry.get(model_name)
            method = getattr(model_class, method_name, None) if model_class is not None else None
            if method is None:
                _logger.warning("Approval policy on %s.%s: no such method, not guarded", model_name, method_name)
                continue
            effect = effect_of(model_class, model_name, method_name)
            if effect and effect[0] in model_class._fields:
                methods_by_value = effects.setdefault(model_name, {}).setdefault(effect[0], {})
                for value in effect[1]:
                    methods_by_value.setdefault(value, set()).add(method_name)
            if getattr(method, "ops_approval_guard", False):
                continue
            guard = _make_guard(method_name)
            guard.origin = method
            setattr(model_class, method_name, guard)
            patched.add((model_name, method_name))
        registry.ops_approval_patched = patched
        registry.ops_approval_effects = effects

    def _unregister_hook(self):
        registry = self.env.registry
        for model_name, method_name in getattr(registry, "ops_approval_patched", ()):
            model_class = registry.get(model_name)
            if model_class is not None and method_name in vars(model_class):
                delattr(model_class, method_name)
        registry.ops_approval_patched = set()
        registry.ops_approval_effects = {}
        super()._unregister_hook()

    # ------------------------------------------------------------
    # The guard's entry points
    # ------------------------------------------------------------

    @api.model
    def _ops_guard_call(self, records, method_name):
        """Judge a call of `method_name` on `records`: raise, or return the records it lets through."""
        policies = self._ops_published(records._name, [method_name])
        if not policies:
            return records
        effect = effect_of(type(records), records._name, method_name)
        if effect:
            # a record already there is the method's own business (it refuses, or does nothing)
            fname, values = effect
            records = records.filtered(lambda record: record.sudo()[fname] not in values)
        self._ops_guard(records, policies)
        return records

    @api.model
    def _ops_guard_effect(self, records, method_names, created=False):
        """Judge `records` reaching what `method_names` lead to, by any road; raise when it needs approval."""
        policies = self._ops_published(records._name, method_names)
        if policies:
            self._ops_guard(records, policies, created=created)

    @api.model
    def _ops_hold(self, records, method_name, source=False):
        """For code that must not fail (the sync gateway): open the requests `records` need, in this
        transaction, and let the others through; return {record id: message} of those held.

        :param source: the sync source the records come from; a policy exempting it is skipped (logged)
        """
        policies = self._ops_published(records._name, [method_name])
        if not policies:
            return {}
        verdict = self._ops_verdict(records, policies, source)
        Request = self.env["ops.approval.request"].sudo()
        held = {}
        for policy, record, tier, fingerprint in verdict.blocked:
            message = Request._ops_open_or_join(policy, record, tier, policy.method_name, self.env.user, fingerprint=fingerprint)
            held[record.id] = f"{held[record.id]} {message}" if record.id in held else message
        self._ops_let_through(verdict, held)
        return held

    # ------------------------------------------------------------
    # Judging, then acting on the verdict
    # ------------------------------------------------------------

    @api.model
    def _ops_published(self, model_name, method_names):
        return self.sudo().search(
            [
                ("model_name", "=", model_name),
                ("method_name", "in", list(method_names)),
                ("state", "=", "published"),
            ]
        )

    def _ops_exempt_sources(self):
        """Return the sync sources this policy exempts (its comma-separated `exempt_sources`)."""
        self.ensure_one()
        return {name.strip() for name in (self.exempt_sources or "").split(",") if name.strip()}

    @api.model
    def _ops_verdict(self, records, policies, source=False):
        """Judge `records` under `policies` without writing anything; return a Verdict."""
        verdict = Verdict()
        Request = self.env["ops.approval.request"].sudo()
        for policy in policies:
            exempt = bool(source) and source in policy._ops_exempt_sources()
            for record in records.sudo().filtered_domain(policy._ops_domain()):
                if exempt:
                    verdict.auto.append((policy, record, self.env._("Source %(name)s is exempt from this policy.", name=source)))
                    continue
                tier = policy._ops_tier_for(record)
                if tier == "low":
                    verdict.auto.append((policy, record, False))
                    continue
                fingerprint = policy._ops_fingerprint(record)
                approved = Request._ops_unused_approval(policy, record)
                if approved and approved.fingerprint == fingerprint and TIER_RANK[approved.risk_tier] >= TIER_RANK[tier]:
                    verdict.passes.append((approved, record))
                else:
                    verdict.blocked.append((policy, record, tier, fingerprint))
        return verdict

    @api.model
    def _ops_guard(self, records, policies, created=False):
        """Let `records` through `policies`, or raise UserError naming the requests that now wait."""
        verdict = self._ops_verdict(records, policies)
        if verdict.blocked and created:
            names = ", ".join(dict.fromkeys(record.display_name for _policy, record, *_rest in verdict.blocked))
            raise UserError(
                self.env._(
                    "Approval required: %(names)s cannot be created already past approval. Create it as a draft, "
                    "then run its action to ask for approval.",
                    names=names,
                )
            )
        if verdict.blocked:
            raise ApprovalRequired("\n".join(self._ops_open_requests_apart(verdict.blocked)))
        self._ops_let_through(verdict)

    @api.model
    def _ops_let_through(self, verdict, held=()):
        """Use up the approvals and log the auto-approvals of what goes through (not the `held` ids)."""
        Log = self.env["ops.audit.log"]
        for request, record in verdict.passes:
            if record.id not in held:
                request._ops_consume()
                Log._ops_record("pass", request)
        for policy, record, rationale in verdict.auto:
            if record.id not in held:
                Log._ops_record("auto_approve", record=record, policy=policy, rationale=rationale)

    @api.model
    def _ops_open_requests_apart(self, blocked):
        """Open or join the requests in a transaction of their own; return one message per request.

        The caller wrote nothing of the engine's before this, and the side transaction only inserts
        rows of its own or updates older requests: it never waits on the caller.
        """
        messages = []
        self.env.flush_all()  # in test mode the side transaction shares this connection
        context = {key: self.env.context[key] for key in ("lang", "tz") if key in self.env.context}
        for policy, record, tier, fingerprint in blocked:
            record_name = record.display_name  # the side transaction cannot see a record created here
            for attempt in range(OPEN_ATTEMPTS):
                try:
                    with self.env.registry.cursor() as cr:
                        cr.execute(f"SET LOCAL lock_timeout = '{SIDE_LOCK_TIMEOUT}'")
                        # as the caller: superuser code (the sync gateway, a support review posting a
                        # credit note) asks as its user, who may not read the document themselves
                        env = api.Environment(cr, self.env.uid, context, su=self.env.su)
                        message = (
                            env["ops.approval.request"]
                            .sudo()
                            ._ops_open_or_join(
                                policy.with_env(env),
                                record.with_env(env),
                                tier,
                                policy.method_name,
                                env.user,
                                fingerprint=fingerprint,
                                record_name=record_name,
                            )
                        )
                    messages.append(message)
                    break
                except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
                    # someone opened the same request at the same moment: join theirs
                    if attempt == OPEN_ATTEMPTS - 1:
                        raise
                except pg_errors.LockNotAvailable as error:
                    _logger.error("Approval request for %s: the side transaction waited on a lock", record, exc_info=True)
                    raise UserError(
                        self.env._(
                            "The approval request for %(name)s could not be opened right now. Try again in a moment.",
                            name=record.display_name,
                        )
                    ) from error
        return messages


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    fingerprint = fields.Char(
        readonly=True,
        copy=False,
        help="SHA-256 of what the policy reads on the document when the request was opened: the approval "
        "covers the document with these values only.",
    )

    def init(self):
        # at most one pending request per policy and document: concurrent clicks join one request
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS ops_approval_request_one_pending
                ON ops_approval_request (policy_family_id, res_model, res_id) WHERE state = 'pending'
        """
        )

    @api.model
    def _ops_unused_approval(self, policy, record):
        """Return the latest approved request of `policy`'s family for `record` not used yet."""
        return self.search(
            [
                ("policy_family_id", "=", policy.family_id.id),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("state", "=", "approved"),
                ("consumed", "=", False),
            ],
            order="id desc",
            limit=1,
        )

    def _ops_consume(self):
        """Use this approval up; the caller runs the action in the same transaction."""
        self.ensure_one()
        # a concurrent click using the same approval waits for nothing: Odoo retries the later one,
        # which then finds the approval used up
        self.env.cr.execute("SELECT id FROM ops_approval_request WHERE id = %s FOR UPDATE NOWAIT", [self.id])
        self.consumed = True

    @api.model
    def _ops_open_or_join(self, policy, record, tier, method_name, requester, fingerprint=None, record_name=None):
        """Open a request for `record` under `policy` at `tier`, or join the pending one; return the message.

        A pending or approved request made for other values of the document (another fingerprint)
        no longer covers it: it is outdated, and a new request is opened. A document created by the
        stopped action itself (a wizard that creates and posts) does not exist here: there is nothing
        to approve yet, and the message says how to go on.
        """
        if not record.exists():
            return self.env._(
                "Approval required for %(name)s: it is created and confirmed in one step here. Save it as a "
                "draft first, then run the action again to ask for approval.",
                name=record_name or f"{record._description} #{record.id}",
            )
        fingerprint = fingerprint or policy._ops_fingerprint(record)
        pending = self.search(
            [
                ("policy_family_id", "=", policy.family_id.id),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("state", "=", "pending"),
            ],
            limit=1,
        )
        if pending and pending.fingerprint == fingerprint and TIER_RANK[pending.risk_tier] >= TIER_RANK[tier]:
            return self.env._(
                "Approval required: request %(name)s is already pending with %(approvers)s.",
                name=pending.name,
                approvers=pending._ops_approver_names(),
            )
        outdated = (pending | self._ops_unused_approval(policy, record))._ops_outdate()
        request = self._ops_open(policy, record, tier, method_name, requester, fingerprint=fingerprint)
        message = self.env._(
            "Approval required: request %(name)s sent to %(approvers)s.",
            name=request.name,
            approvers=request._ops_approver_names(),
        )
        if outdated:
            message = self.env._(
                "%(old)s no longer covers %(document)s: it changed since that request. %(message)s",
                old=", ".join(outdated.mapped("name")),
                document=record.display_name,
                message=message,
            )
        return message

    def _ops_outdate(self):
        """Outdate these requests (the document changed since); return those this call outdated.

        A row another transaction holds (a click using that approval right now) is skipped.
        """
        if not self:
            return self
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id FROM ops_approval_request WHERE id IN %s AND state IN ('pending', 'approved')
               AND consumed IS NOT TRUE FOR UPDATE SKIP LOCKED
        """,
            [tuple(self.ids)],
        )
        outdated = self.browse([row[0] for row in self.env.cr.fetchall()])
        outdated.invalidate_recordset()
        for request in outdated:
            request._ops_finish("outdated", self.env._("The document changed since this request."))
            self.env["ops.audit.log"]._ops_record(
                "outdate", request, rationale=self.env._("The document changed since this request.")
            )
        outdated.flush_recordset(["state"])  # the new pending request must not meet this one
        return outdated

    @api.model
    def _ops_open(self, policy, record, tier, method_name, requester, fingerprint=None):
        """Create the request with its steps frozen from `policy`, and start its first steps."""
        company = record.company_id if "company_id" in record._fields and record.company_id else requester.company_id
        request = self.create(
            {
                "policy_id": policy.id,
                "policy_version": policy.version,
                "res_model": record._name,
                "res_id": record.id,
                "res_name": record.display_name,
                "method_name": method_name,
                "requested_by_id": requester.id,
                "risk_tier": tier,
                "company_id": company.id,
                "fingerprint": fingerprint or policy._ops_fingerprint(record),
                "snapshot": policy._ops_snapshot(record, tier),
            }
        )
        fallback = (
            policy.escalation_user_id | policy.escalation_group_id.sudo().all_user_ids
            or self.env.ref("addon_ops_harmony.addon_ops_harmony_group_manager").sudo().all_user_ids
        )
        fallback = fallback.filtered(lambda user: not user.share) - requester
        step_values = []
        for template in policy._ops_steps_for(tier):
            approvers = template._ops_resolve(record, requester) or fallback
            step_values.append(
                {
                    "request_id": request.id,
                    "sequence": template.sequence,
                    "name": template.name,
                    "approver_ids": [(6, 0, approvers.ids)],
                    "min_approvals": template.min_approvals,  # never lowered: a short step escalates
                }
            )
        if not step_values:
            step_values.append(
                {
                    "request_id": request.id,
                    "sequence": 10,
                    "name": self.env._("Approval"),
                    "approver_ids": [(6, 0, fallback.ids)],
                    "min_approvals": 1,
                }
            )
        self.env["ops.approval.request.step"].create(step_values)
        self.env["ops.audit.log"].with_user(requester)._ops_record("request", request)
        request._ops_post(
            self.env._(
                "%(requester)s needs approval (%(policy)s, version %(version)s): request %(name)s, %(tier)s risk.",
                requester=requester.name,
                name=request.name,
                tier=tier,
                policy=policy.name,
                version=policy.version,
            )
        )
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
        return self.search(
            [
                ("policy_family_id", "=", policy.family_id.id),
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("state", "=", "pending"),
            ],
            limit=1,
        )

    @api.model
    def _ops_ask_ids(self, policy_id, res_model, res_id, requester_id):
        """`_ops_ask` with ids, for data files (the demo's pending requests)."""
        policy = self.env["ops.approval.policy"].browse(policy_id)
        record = self.env[res_model].browse(res_id)
        return self._ops_ask(policy, record, self.env["res.users"].browse(requester_id)).id
