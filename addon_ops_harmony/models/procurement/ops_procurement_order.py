"""Ordering a procurement request, under the published approval policy.

"Order" (`action_submit`) checks the request first, so approvers are never asked about a request
that could not order anyway, then calls `action_order`, which the policy guards: under the first
threshold the order is created at once; above it the request waits, and the engine calls
`_ops_approval_granted` when it is approved, which orders as the requester, through the guard again.
An approval covers the terms as approved (`_ops_approval_scope`); the approver reads them in the
request's snapshot (`_ops_approval_snapshot`) without any right on procurement or purchasing.
"""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..approvals.ops_approval_guard import ApprovalRequired
from ..approvals.ops_approval_snapshot import path_row


class OpsProcurementRequestOrder(models.Model):
    _inherit = "ops.procurement.request"

    # ------------------------------------------------------------
    # Ordering, under the approval policy
    # ------------------------------------------------------------

    def _ops_order_problems(self):
        """Return why this request cannot order yet, as sentences."""
        self.ensure_one()
        problems = []
        if self.state != "draft":
            problems.append(self.env._("%(name)s is not a draft.", name=self.name))
        if not self.category_confirmed:
            problems.append(self.env._("Confirm the spend category."))
        if self.quantity <= 0 or self.unit_price <= 0:
            problems.append(self.env._("Give a quantity and a unit price above zero."))
        if not self.vendor_id:
            problems.append(self.env._("Pick a vendor."))
        else:
            problems += self.vendor_id._ops_vendor_problems()
        if not (self.product_id or self.category_id.sudo().product_id):
            problems.append(self.env._("Pick a product, or set the spend category's product."))
        if not self.env["ops.approval.policy"]._ops_published(self._name, ["action_order"]):
            problems.append(
                self.env._(
                    "No approval policy is published for procurement requests: ask an Ops Manager to publish "
                    "'Procurement thresholds' (Operations > Configuration > Approval policies)."
                )
            )
        return problems

    def _ops_check_orderable(self):
        for request in self:
            request._ops_check_requester()
            problems = request._ops_order_problems()
            if problems:
                raise UserError(
                    self.env._("%(name)s cannot be ordered yet:\n%(problems)s", name=request.name, problems="\n".join(problems))
                )

    def action_submit(self):
        """The Order button: check the request, then order it or ask for its approval."""
        self._ops_check_orderable()
        try:
            return self.action_order()
        except ApprovalRequired as asked:
            return self.env["ops.approval.request"]._ops_requested_notification(str(asked))

    def action_order(self):
        """Create and confirm the purchase order. Guarded by the published procurement policy."""
        self._ops_check_orderable()
        for request in self:
            request._ops_create_order()
        return True

    def _ops_create_order(self):
        self.ensure_one()
        # sudo: requesters have no purchase rights; the approval guard has just let this request
        # through (approved as it is now, or under the automatic threshold) and it was checked above
        request = self.sudo()
        product = request.product_id or request.category_id.product_id
        order = (
            self.env["purchase.order"]
            .sudo()
            .with_company(request.company_id)
            .create(
                {
                    "partner_id": request.vendor_id.id,
                    "company_id": request.company_id.id,
                    "currency_id": request.currency_id.id,
                    "origin": request.name,
                    "user_id": request.requested_by_id.id,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": request.description,
                                "product_qty": request.quantity,
                                "price_unit": request.unit_price,
                                "date_planned": fields.Datetime.now(),
                            }
                        )
                    ],
                }
            )
        )
        order.button_confirm()
        request._ops_internal().write(
            {
                "state": "ordered",
                "purchase_order_id": order.id,
                "purchase_order_ref": order.name,
                "ordered_date": fields.Datetime.now(),
            }
        )
        order.message_post(body=self.env._("Ordered from procurement request %(name)s.", name=request.name))
        request.message_post(
            body=self.env._("Purchase order %(order)s created.", order=order.name),
            partner_ids=request.requested_by_id.partner_id.ids,
        )

    def _ops_approval_granted(self, approval):
        """Called by the approval engine when `approval` is granted: order at once, as the requester."""
        for request in self.filtered(lambda r: r.state == "draft"):
            try:
                with self.env.cr.savepoint():
                    request.with_user(request.requested_by_id).action_order()
            except (UserError, AccessError) as error:
                request.sudo().message_post(
                    body=self.env._(
                        "%(approval)s is approved, but the order could not be created: %(error)s Fix it and click Order.",
                        approval=approval.name,
                        error=str(error),
                    ),
                    partner_ids=request.requested_by_id.partner_id.ids,
                )

    def action_cancel(self):
        for request in self:
            request._ops_check_requester()
            if request.state != "draft":
                raise UserError(
                    self.env._("%(name)s is %(state)s: it cannot be cancelled.", name=request.name, state=request.state)
                )
            if request.ops_approval_state == "pending":
                request.action_ops_withdraw_approval()
        self._ops_internal().write({"state": "cancelled"})
        return True

    def action_open_purchase_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.sudo().purchase_order_id.id,
            "views": [(False, "form")],
        }

    def _ops_approval_scope(self):
        """An approval covers the terms as approved: what, how many, at what price, from whom, and the flags."""
        self.ensure_one()
        return {
            "description": self.description,
            "product": self.product_id.id,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "currency": self.currency_id.id,
            "vendor": self.vendor_id.id,
            "category": self.category_id.id,
            "anomalies": self.anomaly_codes or "",
        }

    def _ops_approval_snapshot(self):
        """An approver sees what is bought, from whom, for how much and why, with the flags and vendor checks."""
        self.ensure_one()
        names = ("description", "requested_by_id", "vendor_id", "category_id", "quantity", "unit_price", "amount", "reason")
        rows = [path_row(self, name) for name in names]
        if self.anomaly_note:
            rows.append({"label": self.env._("Anomalies"), "value": self.anomaly_note})
        problems = self.vendor_id._ops_vendor_problems() if self.vendor_id else []
        rows.append({"label": self.env._("Vendor checks"), "value": "; ".join(problems) or self.env._("Passed")})
        return {"fields": rows}

    def _ops_demo_order(self):
        """For the demo data: each request's requester confirms its category and clicks Order."""
        for request in self:
            mine = request.with_user(request.requested_by_id)
            mine.action_confirm_category()
            mine.action_submit()
