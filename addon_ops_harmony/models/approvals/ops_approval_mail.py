"""Approve or reject from the notification email: one signed link per approver and decision.

When a step starts, each of its approvers (and stand-ins) gets a notification, by email or in
their inbox as they chose, with the request's snapshot and two links. A link is an HMAC-signed
token naming the request, the approver and the decision, valid for LINK_DAYS days; it does not
decide anything by itself (see controllers/approval_mail.py): the approver confirms on a page
that shows the snapshot, and the decision then runs as them through action_approve or
action_reject, which check every rule again.
"""

from markupsafe import Markup

from odoo import models
from odoo.tools.misc import hash_sign, verify_hash_signed

LINK_SCOPE = "addon_ops_harmony.approval_mail"
LINK_DAYS = 14
DECISIONS = ("approve", "reject")
DECIDE_PATH = "/ops_harmony/approval/decide"


def read_link_token(env, token):
    """Return (request, user, decision) named by a link's `token`, or None if it is not one of ours.

    None for anything forged, changed, expired or malformed, and for a user who is gone.
    """
    try:
        values = verify_hash_signed(env(su=True), LINK_SCOPE, token or "")
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    if not (
        isinstance(values, list)
        and len(values) == 3
        and values[2] in DECISIONS
        and all(isinstance(value, int) and not isinstance(value, bool) for value in values[:2])
    ):
        return None
    request = env["ops.approval.request"].sudo().browse(values[0]).exists()
    user = env["res.users"].sudo().browse(values[1]).exists()
    if not request or not user or not user.active or user.share:
        return None
    return request, user, values[2]


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    def _ops_link_token(self, user, decision):
        """The signed token of `user`'s link to `decision` this request."""
        self.ensure_one()
        return hash_sign(self.env(su=True), LINK_SCOPE, [self.id, user.id, decision], expiration_hours=24 * LINK_DAYS)

    def _ops_decision_url(self, user, decision):
        self.ensure_one()
        return f"{self.get_base_url()}{DECIDE_PATH}?token={self._ops_link_token(user, decision)}"

    def _ops_notify_approvers(self, users, on_behalf_of=None):
        """Send each of `users` the request's snapshot and their Approve / Reject links."""
        self.ensure_one()
        for user in users:
            body = Markup("<p>%s</p>%s<p>%s</p><p><a href='%s'>%s</a> · <a href='%s'>%s</a></p>") % (
                self.env._(
                    "%(requester)s asks for your approval of %(document)s (%(policy)s, %(tier)s risk).",
                    requester=self.requested_by_id.name,
                    document=self.res_name,
                    policy=self.policy_id.name,
                    tier=dict(self._fields["risk_tier"]._description_selection(self.env))[self.risk_tier],
                ),
                self.snapshot_html or "",
                self.env._("You stand in for %(user)s.", user=on_behalf_of.name) if on_behalf_of else "",
                self._ops_decision_url(user, "approve"),
                self.env._("Approve"),
                self._ops_decision_url(user, "reject"),
                self.env._("Reject"),
            )
            self.sudo().message_notify(
                partner_ids=user.partner_id.ids,
                body=body,
                subject=self.env._("Approval needed: %(name)s, %(document)s", name=self.name, document=self.res_name),
                email_layout_xmlid="mail.mail_notification_light",
            )
