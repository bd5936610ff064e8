from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OpsSupportCase

PASSWORD = "<p>The password reset email never arrives, I cannot log in to the portal.</p>"
VAT = "<p>The invoice shows the wrong VAT rate for Belgium, 6 % instead of 21 %.</p>"


@tagged("post_install", "-at_install")
class TestSupportRootCause(OpsSupportCase):
    """Cases saying the same thing are grouped; a name a person confirmed survives regrouping."""

    def test_01_cases_are_grouped_by_what_they_say(self):
        """Two password cases and two VAT cases make two root causes; a lone case joins none."""
        password = self._case(PASSWORD, tagged=False, name="Password reset email") | self._case(
            "<p>No password reset email received, cannot log in.</p>", tagged=False, name="Cannot log in"
        )
        vat = self._case(VAT, tagged=False, name="Wrong VAT") | self._case(
            "<p>Wrong VAT rate on our invoice: 6 % charged, Belgium is 21 %.</p>", tagged=False, name="VAT rate"
        )
        lone = self._case("<p>Can you add dark mode?</p>", tagged=False, name="Dark mode")
        causes = self.env["ops.support.root.cause"].sudo()._ops_regroup()
        self.assertEqual(len(causes), 2)
        self.assertEqual(len(password.ops_root_cause_id), 1)
        self.assertEqual(len(vat.ops_root_cause_id), 1)
        self.assertNotEqual(password.ops_root_cause_id, vat.ops_root_cause_id)
        self.assertFalse(lone.ops_root_cause_id)
        # named by words both password cases use
        self.assertLessEqual(
            set(password.ops_root_cause_id.keywords.split(", ")), {"password", "reset", "email", "cannot", "log"}
        )

    def test_02_a_confirmed_name_survives_and_only_managers_regroup(self):
        """Renamed and confirmed, the cause keeps its name when a third case joins; an Ops User cannot regroup."""
        self._case(PASSWORD, tagged=False, name="Password reset email")
        self._case("<p>No password reset email received, cannot log in.</p>", tagged=False, name="Cannot log in")
        cause = self.env["ops.support.root.cause"].sudo()._ops_regroup()
        cause.write({"name": "Reset emails blocked by spam filters", "confirmed": True})
        third = self._case("<p>Password reset email not received again.</p>", tagged=False, name="Reset email")
        again = self.env["ops.support.root.cause"].sudo()._ops_regroup()
        self.assertEqual(again, cause)
        self.assertEqual(cause.name, "Reset emails blocked by spam filters")
        self.assertEqual(third.ops_root_cause_id, cause)
        with self.assertRaises(AccessError):
            cause.with_user(self.agent).action_regroup()
