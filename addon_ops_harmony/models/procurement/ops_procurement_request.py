"""Procurement requests: what, how much, why and from whom, approved by policy, then ordered.

A requester describes the purchase; the spend category is proposed (`ops_procurement_category_ai.py`)
and confirmed by the requester; anomalies are flagged (`ops_procurement_anomaly.py`). "Order" asks
the published approval policy on `action_order` (thresholds and steps are policy data: by default
up to 1,000 automatic, up to 10,000 the requester's manager, above that the manager then finance).
Once approved, the purchase order is created at once, as if the requester clicked again.

What the server works out (state, purchase order, proposal, flags, requester) is never written by a
client: only this model's own code writes it, marked by an object a JSON caller cannot send.
Without a published policy on `action_order`, nothing orders: the control fails closed.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from . import ops_procurement_anomaly as anomaly
from .ops_procurement_category_ai import HISTORY_LIMIT, SpendModel

STATES = [("draft", "Draft"), ("ordered", "Ordered"), ("cancelled", "Cancelled")]
STATUSES = [
    ("draft", "Draft"),
    ("pending", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("ordered", "Ordered"),
    ("cancelled", "Cancelled"),
]
# written by this model's code only
SERVER_FIELDS = {
    "state",
    "purchase_order_id",
    "purchase_order_ref",
    "requested_by_id",
    "proposed_category_id",
    "category_probability",
    "category_reason",
    "category_confirmed",
    "anomaly_codes",
    "anomaly_count",
    "anomaly_note",
    "ordered_date",
}
# what the approval covers, and what a requester may change while the request is a draft
TERMS_FIELDS = {"description", "reason", "product_id", "quantity", "unit_price", "currency_id", "vendor_id", "category_id"}
_INTERNAL = object()
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


class OpsProcurementRequest(models.Model):
    _name = "ops.procurement.request"
    _inherit = ["mail.thread", "mail.activity.mixin", "ops.approval.state.mixin"]
    _description = "Procurement request"
    _order = "id desc"
    _ops_approval_effects = {"action_order": ("state", ("ordered",))}

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: self.env._("New"))
    requested_by_id = fields.Many2one(
        "res.users", "Requested by", required=True, readonly=True, default=lambda self: self.env.user, index=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    description = fields.Char("What", required=True, tracking=True)
    reason = fields.Text("Why", tracking=True)
    product_id = fields.Many2one("product.product", "Product", domain=[("purchase_ok", "=", True)], tracking=True)
    quantity = fields.Float(default=1.0, required=True, tracking=True, digits="Product Unit")
    unit_price = fields.Monetary("Unit price", currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one("res.currency", required=True, default=lambda self: self.env.company.currency_id, tracking=True)
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company currency")
    amount_company = fields.Monetary(
        "Amount (company currency)",
        compute="_compute_amount",
        store=True,
        currency_field="company_currency_id",
        help="What the approval thresholds compare.",
    )
    vendor_id = fields.Many2one("res.partner", "Vendor", tracking=True, help="The vendor you suggest.")
    vendor_problems = fields.Text(compute="_compute_vendor_problems")
    category_id = fields.Many2one("ops.spend.category", "Spend category", tracking=True)
    proposed_category_id = fields.Many2one("ops.spend.category", "Proposed category", readonly=True)
    category_probability = fields.Float("Proposal confidence", readonly=True)
    category_reason = fields.Char("Why this category", readonly=True)
    category_confirmed = fields.Boolean(readonly=True, tracking=True)
    anomaly_codes = fields.Char("Anomalies", readonly=True, help="price, duplicate, split")
    anomaly_count = fields.Integer(readonly=True)
    anomaly_note = fields.Text("Anomaly details", readonly=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True, index=True)
    status = fields.Selection(STATUSES, compute="_compute_status")
    purchase_order_id = fields.Many2one(
        "purchase.order", "Purchase order", readonly=True, copy=False, groups="purchase.group_purchase_user"
    )
    purchase_order_ref = fields.Char(
        "Purchase order number", readonly=True, copy=False, help="The order's number, for requesters without purchase rights."
    )
    ordered_date = fields.Datetime(readonly=True, copy=False)

    @api.depends("quantity", "unit_price", "currency_id", "company_id")
    def _compute_amount(self):
        for request in self:
            request.amount = request.quantity * request.unit_price
            company = request.company_id or self.env.company
            request.amount_company = request.currency_id._convert(
                request.amount, company.currency_id, company, fields.Date.context_today(request)
            )

    @api.depends("vendor_id")
    def _compute_vendor_problems(self):
        for request in self:
            problems = request.vendor_id._ops_vendor_problems() if request.vendor_id else []
            request.vendor_problems = "\n".join(problems) or False

    @api.depends("state", "ops_approval_state")
    def _compute_status(self):
        for request in self:
            if request.state == "draft" and request.ops_approval_state:
                request.status = request.ops_approval_state
            else:
                request.status = request.state

    # ------------------------------------------------------------
    # Writes: the server's fields are the server's
    # ------------------------------------------------------------

    def _ops_internal(self):
        return self.with_context(ops_procurement_internal=_INTERNAL)

    def _ops_is_internal(self):
        return self.env.context.get("ops_procurement_internal") is _INTERNAL

    @api.model_create_multi
    def create(self, vals_list):
        # data files load as superuser and name the requester; an RPC caller is never superuser
        if not self._ops_is_internal() and not self.env.su:
            for vals in vals_list:
                # a request is made by whoever creates it: nobody requests for someone else
                if vals.get("requested_by_id", self.env.uid) != self.env.uid:
                    raise AccessError(self.env._("You cannot make a procurement request for someone else."))
                forced = sorted(SERVER_FIELDS & set(vals) - {"requested_by_id"})
                if forced:
                    raise AccessError(self.env._("These fields are set by Odoo, not by you: %s.", ", ".join(forced)))
                vals["requested_by_id"] = self.env.uid
        for vals in vals_list:
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ops.procurement.request") or self.env._("New")
        requests = super().create(vals_list)
        requests._ops_refresh()
        return requests

    def write(self, vals):
        if not self._ops_is_internal():
            forced = sorted(SERVER_FIELDS & set(vals))
            if forced:
                raise AccessError(self.env._("These fields are set by Odoo, not by you: %s.", ", ".join(forced)))
            if TERMS_FIELDS & set(vals):
                closed = self.filtered(lambda request: request.state != "draft")
                if closed:
                    raise UserError(
                        self.env._(
                            "%(names)s is no longer a draft: its terms cannot change.",
                            names=", ".join(closed.mapped("name")),
                        )
                    )
        result = super().write(vals)
        if not self._ops_is_internal() and TERMS_FIELDS & set(vals):
            changed = {"category_confirmed": False} if "category_id" in vals else {}
            if changed:
                self._ops_internal().write(changed)
            self._ops_refresh()
        return result

    def _ops_refresh(self):
        """Propose the category and set the anomaly flags from the request as it is now."""
        thresholds = anomaly.policy_thresholds(self.env, self._name)
        model = None
        for request in self.sudo():
            values = {}
            if not request.category_confirmed:
                model = model or request._ops_spend_model()
                proposal = model.propose(request._ops_category_text(), request.vendor_id)
                values.update(request._ops_proposal_values(proposal))
            flags = {
                "price": anomaly.price_flag(request),
                "duplicate": anomaly.duplicate_flag(request),
                "split": anomaly.split_flag(request, thresholds),
            }
            found = {code: reason for code, reason in flags.items() if reason}
            values.update(
                anomaly_codes=",".join(found) or False,
                anomaly_count=len(found),
                anomaly_note="\n".join(found.values()) or False,
            )
            request._ops_internal().write(values)

    # ------------------------------------------------------------
    # The category proposal (AI) and its confirmation (human)
    # ------------------------------------------------------------

    def _ops_category_text(self):
        self.ensure_one()
        return " ".join(filter(None, [self.description, self.product_id.name, self.reason]))

    def _ops_spend_model(self):
        categories = self.env["ops.spend.category"].sudo().search([("company_id", "in", [False, self.company_id.id])])
        confirmed = self.sudo().search(
            [("category_confirmed", "=", True), ("company_id", "=", self.company_id.id), ("id", "not in", self.ids)],
            limit=HISTORY_LIMIT,
        )
        return SpendModel(categories, confirmed)

    def _ops_proposal_values(self, proposal):
        if not proposal:
            return {"proposed_category_id": False, "category_probability": 0.0, "category_reason": False}
        reason = self.env._("words: %(words)s", words=", ".join(proposal["words"]))
        if proposal["vendor_total"]:
            reason += self.env._(
                "; the vendor's past requests: %(hits)s of %(total)s in this category",
                hits=proposal["vendor_hits"],
                total=proposal["vendor_total"],
            )
        values = {
            "proposed_category_id": proposal["category"].id,
            "category_probability": proposal["probability"],
            "category_reason": reason,
        }
        if not self.category_id:
            values["category_id"] = proposal["category"].id
        return values

    def action_confirm_category(self):
        """The requester confirms the spend category shown (proposed or picked)."""
        for request in self:
            request._ops_check_requester()
            if request.state != "draft":
                raise UserError(self.env._("%(name)s is no longer a draft.", name=request.name))
            if not request.category_id:
                raise UserError(self.env._("Pick a spend category first."))
            request._ops_internal().write({"category_confirmed": True})
            request.message_post(
                body=self.env._(
                    "Spend category %(category)s confirmed by %(user)s (proposed: %(proposed)s).",
                    category=request.category_id.name,
                    user=self.env.user.name,
                    proposed=request.proposed_category_id.name or "-",
                )
            )
        return True

    def _ops_check_requester(self):
        self.ensure_one()
        if self.requested_by_id != self.env.user and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only %(user)s, who made %(name)s, can do this.", user=self.requested_by_id.name, name=self.name)
            )
