"""Support-to-finance fixtures: a support agent, a finance approver, an accountant, a customer's invoices."""

from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..common import BILLING_GROUP, OPS_USER_GROUP, sync_guards

FINANCE_GROUP = "addon_ops_harmony.addon_ops_harmony_group_finance"
PROJECT_USER = "project.group_project_user"


class OpsSupportCase(AccountTestInvoicingCommon):
    """Two posted invoices of one customer, the credit note policy published, and the people."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.agent = new_test_user(env, "t_sup_agent", groups=f"{OPS_USER_GROUP},{PROJECT_USER}", name="Sam Support")
        cls.finance = new_test_user(env, "t_sup_finance", groups=FINANCE_GROUP, name="Fran Finance")
        cls.accountant = new_test_user(env, "t_sup_accountant", groups=f"{BILLING_GROUP},base.group_user", name="Acc Accountant")
        cls.customer = env["res.partner"].create({"name": "Hooli Support Customer", "email": "ap@hooli.example"})
        cls.old_invoice = cls.init_invoice("out_invoice", cls.customer, "2026-10-01", post=True, amounts=[400])
        cls.invoice = cls.init_invoice("out_invoice", cls.customer, "2026-11-01", post=True, amounts=[1200])
        cls.project = env.ref("addon_ops_harmony.ops_support_project")
        cls.billing = env.ref("addon_ops_harmony.ops_support_tag_billing")
        env.ref("addon_ops_harmony.ops_policy_credit_note").sudo().action_publish()

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _case(self, description, tagged=True, name="Charged twice"):
        return (
            self.env["project.task"]
            .with_user(self.agent)
            .create(
                {
                    "name": name,
                    "project_id": self.project.id,
                    "partner_id": self.customer.id,
                    "description": description,
                    "tag_ids": [(6, 0, self.billing.ids if tagged else [])],
                }
            )
        )
