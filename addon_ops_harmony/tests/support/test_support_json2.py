from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


from ..json2 import json2_call
from .common import OpsSupportCase


@tagged("post_install", "-at_install")
class TestSupportJson2(OpsSupportCase, HttpCase):
    """The support agent, with an API key, tries every road to a posted credit note; each one fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users.apikeys"].with_user(cls.agent).sudo()._generate(None, "support test", None)

    def _call(self, model, method, **params):
        with mute_logger("odoo.sql_db"):
            return json2_call(self, model, method, self.key, **params)

    def test_01_no_road_to_a_posted_credit_note(self):
        """Write the review's state or credit note, create a review, choose a line by write, post the note: all 4xx."""
        case = self._case(f"<p>Charged twice on {self.invoice.name}.</p>")
        case.action_ops_confirm_summary()
        review = case.ops_invoice_review_ids
        review.with_user(self.agent).action_propose_credit_note()
        credit = review.sudo().credit_note_id
        for vals in ({"state": "credited"}, {"credit_note_id": self.old_invoice.id}, {"line_ids": [(5, 0, 0)]}):
            response = self._call("ops.invoice.review", "write", ids=review.ids, vals=vals)
            self.assertIn(response.status_code, (403, 422), (vals, response.text))
        response = self._call("ops.invoice.review", "create", vals_list=[{"task_id": case.id, "partner_id": self.customer.id}])
        self.assertIn(response.status_code, (403, 422))
        response = self._call("ops.invoice.review.line", "write", ids=review.line_ids.ids, vals={"chosen": True})
        self.assertIn(response.status_code, (403, 422))
        response = self._call("account.move", "action_post", ids=credit.ids)
        self.assertEqual(response.status_code, 403)
        self.assertEqual((credit.state, review.state), ("draft", "proposed"))
