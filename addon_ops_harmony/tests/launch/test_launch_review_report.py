import re

from markupsafe import escape

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import MANAGER_GROUP, OPS_USER_GROUP

REPORT = "addon_ops_harmony.ops_launch_review_report_action"
SEVERITY_ORDER = ["critical", "high", "medium", "low"]


@tagged("post_install", "-at_install")
class TestLaunchReviewReport(HttpCase):
    """The printable remediation list: every finding, critical first then by category, for Ops Managers only.

    An HttpCase: wkhtmltopdf fetches the report's assets from the test server, inside the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_report", groups=MANAGER_GROUP, name="Rita Reviewer")
        cls.ops_user = new_test_user(cls.env, "t_launch_report_user", groups=OPS_USER_GROUP)
        # a critical finding: the administrator with the default password
        cls.env.ref("base.user_admin").sudo().write({"active": True, "password": "admin"})
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)

    def _html(self, review, user=None):
        html, kind = self.env["ir.actions.report"].with_user(user or self.manager)._render_qweb_html(REPORT, review.ids)
        self.assertEqual(kind, "html")
        return html.decode()

    def _rows(self, html):
        """The (severity, code) of each finding row, in print order."""
        return re.findall(r'<tr data-severity="(\w+)" data-code="([\w.]+)"', html)

    def test_01_the_list_holds_every_finding_in_severity_then_category_order(self):
        """Every finding is printed once, critical first; within a severity, by category; with the run's header."""
        review = self.Review.run_review()
        html = self._html(review)
        rows = self._rows(html)
        self.assertEqual(sorted(code for _severity, code in rows), sorted(review.finding_ids.mapped("code")))
        ranks = [SEVERITY_ORDER.index(severity) for severity, _code in rows]
        self.assertEqual(ranks, sorted(ranks))
        self.assertEqual(rows[0], ("critical", "deployment.admin_password"))
        by_code = {finding.code: finding.category for finding in review.finding_ids}
        keys = [(SEVERITY_ORDER.index(severity), by_code[code]) for severity, code in rows]
        self.assertEqual(keys, sorted(keys))
        self.assertIn("Rita Reviewer", html)
        self.assertIn(review.name, html)
        admin_finding = review.finding_ids.filtered(lambda finding: finding.code == "deployment.admin_password")
        self.assertIn(str(escape(admin_finding.remediation)), html)
        self.assertIn(">New</span>", html)  # the first run's findings are all new

    def test_02_a_second_run_marks_findings_already_there_and_drops_fixed_ones(self):
        """After the fix, the next run's list no longer prints the finding, and marks the others as already there."""
        first = self.Review.run_review()
        self.env.ref("base.user_admin").sudo().password = "launch-report-Strong-passphrase-7"
        second = self.Review.run_review()
        html = self._html(second)
        self.assertNotIn("deployment.admin_password", [code for _severity, code in self._rows(html)])
        self.assertIn("deployment.admin_password", first.finding_ids.mapped("code"))
        self.assertIn(">Already there</span>", html)

    def test_03_an_ops_user_cannot_render_it(self):
        """An Ops User reads no review, so rendering the list as them is refused."""
        review = self.Review.run_review()
        with self.assertRaises(AccessError):
            self._html(review, self.ops_user)

    def test_04_the_pdf_renders_and_the_form_has_the_print_button(self):
        """wkhtmltopdf makes a PDF of the list; the form prints it; the Print menu offers it to managers only."""
        review = self.Review.run_review()
        reports = self.env["ir.actions.report"].with_user(self.manager).with_context(force_report_rendering=True)
        pdf, kind = reports._render_qweb_pdf(REPORT, review.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        report = self.env.ref(REPORT)
        self.assertEqual((report.binding_model_id.model, report.report_type), ("ops.launch.review", "qweb-pdf"))
        form = self.Review.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(f'name="{report.id}"', form)
        self.assertIn(self.env.ref(MANAGER_GROUP), report.group_ids)
