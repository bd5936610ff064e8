from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common import OpsAiCase, ai_result


@tagged("post_install", "-at_install")
class TestProcurementIntake(OpsAiCase):
    """A reviewed "procurement request" from the AI intake becomes a draft request, proposal and flags included."""

    def _reviewed(self, fields_, decisions=None):
        job = self._claimed("inbound_request")
        self.gateway.submit_result(job.id, "w1", ai_result(fields_, label="procurement_request"))
        job.with_user(self.reviewer).action_confirm_review(decisions or {})
        return job

    def test_01_the_review_creates_a_draft_request_as_the_reviewer(self):
        """10 docking stations with a budget of 1,500 make a draft of 10 at 150, IT hardware proposed."""
        job = self._reviewed({"item": ("docking stations", 0.7), "quantity": ("10", 0.75), "budget": ("1500.00", 0.85)})
        request = job._ops_result_record()
        self.assertEqual(request._name, "ops.procurement.request")
        self.assertEqual((request.description, request.quantity, request.unit_price), ("docking stations", 10, 150))
        self.assertEqual((request.state, request.requested_by_id), ("draft", self.reviewer))
        self.assertEqual(request.proposed_category_id, self.env.ref("addon_ops_harmony.ops_spend_it_hardware"))
        self.assertFalse(request.category_confirmed, "the requester still confirms the category")

    def test_02_a_bad_quantity_is_refused_with_what_to_correct(self):
        """'a dozen' is no quantity: the reviewer is told to correct it and the job stays to review."""
        job = self._claimed("inbound_request")
        self.gateway.submit_result(
            job.id, "w1", ai_result({"item": ("chairs", 0.7), "quantity": ("a dozen", 0.4)}, label="procurement_request")
        )
        with self.assertRaisesRegex(UserError, "quantity must be a number"):
            job.with_user(self.reviewer).action_confirm_review()
        self.assertEqual(job.state, "to_review")
