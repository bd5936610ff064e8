"""The page behind the Approve / Reject links of the approval email (see models/approvals/ops_approval_mail.py).

GET shows the request's snapshot and a confirmation form: mail scanners and previews open links,
so opening one never decides. POST decides, as the approver the link was signed for, through the
request's public action_approve / action_reject: the step must still be theirs, not their own
request, with the rationale the tier needs, and the request still pending. Whatever the engine
refuses is shown on the page; a bad or expired link gets a 403 page that says what to do instead.
"""

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.approvals.ops_approval_mail import DECIDE_PATH, read_link_token

METHODS = {"approve": "action_approve", "reject": "action_reject"}


class ApprovalMailController(http.Controller):
    def _page(self, status=200, **values):
        approval = values.get("approval")
        if approval:
            labels = {
                field: dict(approval._fields[field]._description_selection(request.env)) for field in ("state", "risk_tier")
            }
            values.update(
                state_label=labels["state"][approval.state],
                tier_label=labels["risk_tier"][approval.risk_tier],
                action=DECIDE_PATH,
            )
        return request.render("addon_ops_harmony.approval_mail_decide_page", values, status=status)

    def _invalid(self):
        return self._page(
            status=403,
            error=request.env._("This approval link is not valid or has expired. Open the request from your activities in Odoo."),
        )

    @http.route(DECIDE_PATH, type="http", auth="public", methods=["GET"], sitemap=False, readonly=True)
    def decide_page(self, token=None, **_kw):
        parsed = read_link_token(request.env, token)
        if not parsed:
            return self._invalid()
        approval, user, decision = parsed
        return self._page(approval=approval, user=user, decision=decision, token=token)

    @http.route(DECIDE_PATH, type="http", auth="public", methods=["POST"], sitemap=False)
    def decide(self, token=None, rationale=None, **_kw):
        parsed = read_link_token(request.env, token)
        if not parsed:
            return self._invalid()
        approval, user, decision = parsed
        rationale = rationale.strip() if isinstance(rationale, str) else ""
        try:
            # the engine's public method, as the approver: every rule is checked there
            getattr(approval.with_user(user), METHODS[decision])(rationale=rationale or None)
        except (UserError, AccessError) as error:
            request.env.cr.rollback()
            return self._page(
                status=422, approval=approval, user=user, decision=decision, token=token, error=str(error), rationale=rationale
            )
        approval.invalidate_recordset()
        return self._page(approval=approval, user=user, decision=decision, done=True)
