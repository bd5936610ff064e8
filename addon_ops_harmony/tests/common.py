from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class OpsSalesAccountingCase(AccountTestInvoicingCommon):
    """Accounting fixtures with a sales and Ops manager user; products invoiced on order."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref("sales_team.group_sale_manager") | cls.quick_ref(
            "addon_ops_harmony.addon_ops_harmony_group_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_a.invoice_policy = "order"
