import re
from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import hash_sign

from ...models.approvals.ops_approval_mail import DECIDE_PATH, LINK_SCOPE
from ..common import SALESMAN, discounted_quote, publish_discount_policy

APPROVER = "addon_ops_harmony.addon_ops_harmony_group_approver"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestApprovalMail(HttpCase):
    """The approval email's links: opening one shows what is approved; only a confirmed POST decides, as that approver."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_am_seller", groups=SALESMAN, name="Mae Seller")
        cls.approver = new_test_user(cls.env, "t_am_approver", groups=APPROVER, name="Max Approver")
        cls.other = new_test_user(cls.env, "t_am_other", groups=APPROVER, name="Ola Other")
        cls.policy = publish_discount_policy(cls.env, cls.approver)
        cls.customer = cls.env["res.partner"].create({"name": "Mail customer"})
        cls.product = cls.env["product.product"].create({"name": "Mail widget", "type": "consu"})

    def _request(self):
        order = discounted_quote(self.env, self.seller, self.customer, self.product, 40)
        request = self.env["ops.approval.request"].sudo()._ops_ask(self.policy, order.sudo(), self.seller)
        self.env.flush_all()
        self.assertEqual(request.state, "pending")
        return request

    def _path(self, request, decision="approve", user=None):
        token = request._ops_link_token(user or self.approver, decision)
        return f"{DECIDE_PATH}?token={token}", token

    def _post(self, path, token, rationale=""):
        page = self.url_open(path)
        csrf = CSRF_RE.search(page.text)
        self.assertTrue(csrf, "the confirmation form carries a CSRF token")
        return self.url_open(DECIDE_PATH, data={"token": token, "rationale": rationale, "csrf_token": csrf.group(1)})

    def test_01_the_approver_is_sent_the_snapshot_and_two_links(self):
        """Starting the step notifies the approver with the snapshot and signed Approve / Reject links."""
        request = self._request()
        message = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", "ops.approval.request"),
                    ("res_id", "=", request.id),
                    ("partner_ids", "in", self.approver.partner_id.ids),
                ],
                limit=1,
            )
        )
        self.assertTrue(message)
        self.assertEqual(message.body.count(DECIDE_PATH + "?token="), 2)
        self.assertIn("Mail customer", message.body)

    def test_02_opening_a_link_decides_nothing(self):
        """GET shows the snapshot and a confirmation form; the request stays pending (mail scanners open links)."""
        request = self._request()
        path, _token = self._path(request)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Mail customer", page.text)
        self.assertIn("o_ops_harmony_mail_form", page.text)
        request.invalidate_recordset()
        self.assertEqual(request.state, "pending")

    def test_03_confirming_approves_as_the_approver(self):
        """The POST approves as the approver the link was signed for, and the link is then spent."""
        request = self._request()
        path, token = self._path(request)
        response = self._post(path, token, "Fine for a first order")
        self.assertEqual(response.status_code, 200, response.text[-500:])
        self.assertIn("o_ops_harmony_mail_done", response.text)
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        decision = request.decision_ids
        self.assertEqual((decision.user_id, decision.rationale), (self.approver, "Fine for a first order"))
        again = self.url_open(path)
        self.assertIn("already Approved", again.text)

    def test_04_forged_changed_expired_or_junk_links_are_refused(self):
        """A token signed with another scope, changed by one character, expired, or junk: 403, nothing decided."""
        request = self._request()
        _path, token = self._path(request)
        forged = hash_sign(self.env(su=True), "another.scope", [request.id, self.approver.id, "approve"])
        expired = hash_sign(
            self.env(su=True),
            LINK_SCOPE,
            [request.id, self.approver.id, "approve"],
            expiration=datetime.now() - timedelta(hours=1),
        )
        other_values = hash_sign(self.env(su=True), LINK_SCOPE, [request.id, self.approver.id, "approve-all"])
        changed = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
        for bad in (forged, expired, other_values, changed, "junk", "", "%00%ff", "A" * 5000):
            with self.subTest(token=bad[:20]):
                page = self.url_open(f"{DECIDE_PATH}?token={bad}")
                self.assertEqual(page.status_code, 403)
                self.assertIn("not valid or has expired", page.text)
        # a POST with a bad token and a valid CSRF token is refused the same way
        csrf = CSRF_RE.search(self.url_open(self._path(request)[0]).text).group(1)
        response = self.url_open(DECIDE_PATH, data={"token": changed, "csrf_token": csrf})
        self.assertEqual(response.status_code, 403)
        request.invalidate_recordset()
        self.assertEqual(request.state, "pending")

    def test_05_every_rule_still_holds(self):
        """A link signed for someone who is not the approver, the requester's own, a rejection without a rationale: refused."""
        request = self._request()
        for user, decision in ((self.other, "approve"), (self.seller, "approve"), (self.approver, "reject")):
            with self.subTest(user=user.name, decision=decision):
                path, token = self._path(request, decision, user)
                response = self._post(path, token)
                self.assertEqual(response.status_code, 422)
                self.assertIn("o_ops_harmony_mail_error", response.text)
                request.invalidate_recordset()
                self.assertEqual(request.state, "pending")
        path, token = self._path(request, "reject")
        self.assertEqual(self._post(path, token, "Discount too deep").status_code, 200)
        request.invalidate_recordset()
        self.assertEqual(request.state, "rejected")

    def test_06_no_post_without_the_form(self):
        """A POST without the page's CSRF token (a link clicked from another site) is refused."""
        request = self._request()
        _path, token = self._path(request)
        response = self.url_open(DECIDE_PATH, data={"token": token})
        self.assertNotEqual(response.status_code, 200)
        request.invalidate_recordset()
        self.assertEqual(request.state, "pending")
