"""Vendor validation: a purchase order goes only to a vendor whose identity and bank account check out.

Odoo 19 keeps a purchase warning message on the partner but no way to stop ordering from a vendor,
so a vendor can be blocked here, with the reason (purchase and ops managers only). A vendor is
valid when it is active and not blocked, its VAT number passes its country's check digits
(python-stdnum, which Odoo's own base_vat uses), and it has a bank account whose IBAN, when it is
one, passes its check digits too. What fails is listed in words a buyer can act on.
"""

import stdnum.eu.vat
import stdnum.iban
from stdnum.util import get_cc_module

from odoo import fields, models

BLOCKERS_GROUPS = "purchase.group_purchase_manager,addon_ops_harmony.addon_ops_harmony_group_manager"


def vat_is_valid(vat, country_code):
    """Return True/False when `vat` can be checked (EU prefix or the partner's country), None when not."""
    number = (vat or "").replace(" ", "").replace(".", "").replace("-", "").upper()
    if len(number) > 2 and number[:2].isalpha() and number[:2].lower() in stdnum.eu.vat.MEMBER_STATES | {"el"}:
        return bool(stdnum.eu.vat.is_valid(number))
    module = get_cc_module((country_code or "").lower(), "vat") if country_code else None
    if module is None or not hasattr(module, "is_valid"):
        return None
    return bool(module.is_valid(number))


class ResPartner(models.Model):
    _inherit = "res.partner"

    ops_vendor_blocked = fields.Boolean(
        "Blocked for purchasing",
        groups=BLOCKERS_GROUPS,
        tracking=True,
        help="No procurement request can order from a blocked vendor.",
    )
    ops_vendor_block_reason = fields.Char("Why blocked", groups=BLOCKERS_GROUPS, tracking=True)

    def _ops_vendor_problems(self):
        """Return what stops ordering from this vendor, as sentences (empty: the vendor is valid)."""
        self.ensure_one()
        vendor = self.sudo().commercial_partner_id
        problems = []
        if not vendor.active:
            problems.append(self.env._("%(name)s is archived.", name=vendor.name))
        if vendor.ops_vendor_blocked:
            problems.append(
                self.env._(
                    "%(name)s is blocked for purchasing: %(reason)s",
                    name=vendor.name,
                    reason=vendor.ops_vendor_block_reason or self.env._("no reason given"),
                )
            )
        if not vendor.vat:
            problems.append(self.env._("%(name)s has no VAT number.", name=vendor.name))
        elif vat_is_valid(vendor.vat, vendor.country_id.code) is False:
            problems.append(self.env._("The VAT number %(vat)s fails its check digits.", vat=vendor.vat))
        banks = vendor.bank_ids
        if not banks:
            problems.append(self.env._("%(name)s has no bank account.", name=vendor.name))
        for bank in banks:
            number = bank.sanitized_acc_number or ""
            if number[:2].isalpha() and number[2:4].isdigit() and not stdnum.iban.is_valid(number):
                problems.append(self.env._("The IBAN %(iban)s fails its check digits.", iban=bank.acc_number))
        return problems
