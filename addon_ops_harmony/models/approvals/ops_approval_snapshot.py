"""What the approver sees: the document as the policy read it, kept on the request.

Taken when the request opens, as the click that asked for approval saw the document:
- the fields the policy reads (its domain's and its tier rules'), with their labels;
- what the document says an approval covers (`_ops_approval_snapshot`: a quote's customer, totals,
  discount, margin and lines; an invoice's partner, total and lines);
- the tier, and the tier rules that chose it.
Approvers read it on the request, with no right on the document itself; it holds nothing else of
the document. The values are text as the requester's language shows them: it is a record of what
was asked, not data to compute with.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import format_date, format_datetime, formatLang

from .ops_approval_policy import TIERS

# values of a path shown before "…": a condition on order lines reads every line
MAX_VALUES = 8
# lines of the document shown; the snapshot says how many more there are
MAX_LINES = 50


def display(record, field_name):
    """Return `record`'s value of `field_name` as text, the way a form shows it."""
    field = record._fields[field_name]
    value = record[field_name]
    env = record.env
    if field.type in ("many2one", "many2many", "one2many"):
        names = value.mapped("display_name")
        return ", ".join(names[:MAX_VALUES]) + ("…" if len(names) > MAX_VALUES else "")
    if field.type == "boolean":
        return env._("Yes") if value else env._("No")
    if value is False or value is None:
        return ""
    if field.type == "monetary":
        currency = record[field.get_currency_field(record)] if field.get_currency_field(record) else False
        return formatLang(env, value, currency_obj=currency or record.env.company.currency_id)
    if field.type == "float":
        return formatLang(env, value, digits=2)
    if field.type == "selection":
        return dict(field._description_selection(env)).get(value, value)
    if field.type == "date":
        return format_date(env, value)
    if field.type == "datetime":
        return format_datetime(env, value, tz=env.user.tz or "UTC", dt_format="short")
    return str(value)


def path_row(record, path):
    """Return {"label", "value"} for a field path of `record`, e.g. order_line.discount."""
    *through, last = path.split(".")
    holders, labels = record, []
    for name in through:
        labels.append(holders._fields[name].string)
        holders = holders[name]
    labels.append(holders._fields[last].string)
    values = []
    for holder in holders[: MAX_VALUES + 1]:
        text = display(holder, last)
        if text not in values:
            values.append(text)
    text = ", ".join(values[:MAX_VALUES]) + ("…" if len(values) > MAX_VALUES else "")
    return {"label": " › ".join(labels), "value": text}


def lines_table(columns, lines, cells):
    """Return {"columns", "rows", "more"} with the first MAX_LINES of `lines` as rows of text."""
    return {"columns": columns, "rows": [cells(line) for line in lines[:MAX_LINES]], "more": max(0, len(lines) - MAX_LINES)}


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    def _ops_snapshot(self, record, tier):
        """Return what the approvers of `record` at `tier` are shown (see the module's docstring)."""
        self.ensure_one()
        record = record.sudo()
        rows = [path_row(record, path) for path in self._ops_read_paths()]
        document = record._ops_approval_snapshot()
        labels = {row["label"] for row in rows}
        rows += [row for row in document.get("fields", []) if row["label"] not in labels]
        return {"fields": rows, "lines": document.get("lines"), "tier": tier, "tier_reasons": self._ops_tier_reasons(record)}

    def _ops_tier_reasons(self, record):
        """Why `record` gets its tier: the tier rules it matches, or the policy's default tier."""
        self.ensure_one()
        return [
            self.env._("%(rule)s: %(tier)s", rule=rule.name, tier=dict(TIERS)[rule.risk_tier])
            for rule in self.tier_rule_ids
            if rule._ops_matches(record)
        ] or [self.env._("No tier rule applies: the policy's default tier, %(tier)s", tier=dict(TIERS)[self.default_tier])]


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    snapshot = fields.Json(readonly=True, copy=False, help="The document as the policy read it when the request was opened.")
    snapshot_html = fields.Html("What is approved", compute="_compute_snapshot_html", sanitize=True)
    snapshot_summary = fields.Char("About", compute="_compute_snapshot_html")
    action_label = fields.Char(
        "Action", compute="_compute_action_label", help="The guarded button as the document's form names it, e.g. Confirm."
    )
    earlier_decisions = fields.Text(compute="_compute_action_label")
    # what the form offers the current user; the server checks again when they click
    can_decide = fields.Boolean(compute="_compute_user_options")
    can_withdraw = fields.Boolean(compute="_compute_user_options")
    can_open_document = fields.Boolean(compute="_compute_user_options")

    @api.depends("res_model", "method_name", "decision_ids")
    def _compute_action_label(self):
        Button = self.env["ops.approval.button"].sudo()
        for request in self:
            button = Button.search(
                [("model_id.model", "=", request.res_model), ("method_name", "=", request.method_name)], limit=1
            )
            request.action_label = button.label or request.method_name
            request.earlier_decisions = "\n".join(request._ops_decision_lines()) or False

    def _ops_decision_lines(self):
        """The decisions taken so far, one sentence each: who, what, and why."""
        lines = []
        for decision in self.sudo().decision_ids.sorted("id"):
            verb = self.env._("approved") if decision.decision == "approve" else self.env._("rejected")
            who = decision.user_id.name
            if decision.on_behalf_of_id:
                who = self.env._("%(user)s for %(absent)s", user=who, absent=decision.on_behalf_of_id.name)
            rationale = f": {decision.rationale}" if decision.rationale else ""
            lines.append(f"{who} {verb} ({decision.step_id.name}){rationale}")
        return lines

    @api.depends_context("uid")
    @api.depends("state", "requested_by_id", "step_ids.state", "step_ids.approver_ids")
    def _compute_user_options(self):
        user = self.env.user
        for request in self:
            pending = request.state == "pending"
            sudo = request.sudo()
            request.can_decide = pending and user != sudo.requested_by_id and bool(sudo.step_ids._ops_step_for(user)[0])
            request.can_withdraw = pending and user == sudo.requested_by_id
            document = self.env[request.res_model].browse(request.res_id) if request.res_model in self.env else None
            request.can_open_document = bool(document and document.exists() and document.has_access("read"))

    @api.depends("snapshot")
    def _compute_snapshot_html(self):
        for request in self:
            request.snapshot_html = request._ops_snapshot_markup()
            request.snapshot_summary = request._ops_snapshot_summary()

    def _ops_snapshot_markup(self):
        """The snapshot as a small HTML table of fields, the tier's reasons and the lines."""
        snapshot = self.snapshot or {}
        if not snapshot:
            return False
        parts = [Markup('<table class="table table-sm o_ops_harmony_snapshot_fields"><tbody>')]
        for row in snapshot.get("fields", []):
            parts.append(Markup("<tr><th>%s</th><td>%s</td></tr>") % (row.get("label", ""), row.get("value", "")))
        parts.append(Markup("</tbody></table>"))
        reasons = snapshot.get("tier_reasons") or []
        if reasons:
            parts.append(
                Markup('<p class="o_ops_harmony_snapshot_reasons"><b>%s</b> %s</p>')
                % (self.env._("Why this tier:"), "; ".join(reasons))
            )
        lines = snapshot.get("lines") or {}
        if lines.get("rows"):
            parts.append(Markup('<table class="table table-sm o_ops_harmony_snapshot_lines"><thead><tr>'))
            parts.extend(Markup("<th>%s</th>") % column for column in lines.get("columns", []))
            parts.append(Markup("</tr></thead><tbody>"))
            for row in lines["rows"]:
                parts.append(Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % cell for cell in row))
            parts.append(Markup("</tbody></table>"))
            if lines.get("more"):
                parts.append(Markup("<p>%s</p>") % self.env._("… and %(count)s more lines.", count=lines["more"]))
        return Markup("").join(parts)

    def _ops_snapshot_summary(self):
        """The snapshot's first fields as one line of text, for places with little room."""
        rows = (self.snapshot or {}).get("fields", [])[:4]
        return " · ".join(f"{row['label']}: {row['value']}" for row in rows if row.get("value"))


class Base(models.AbstractModel):
    _inherit = "base"

    def _ops_approval_snapshot(self):
        """Override to add what an approver of this document should see: {"fields": [...], "lines": {...}}."""
        self.ensure_one()
        return {"fields": [path_row(self, "display_name")] if "display_name" in self._fields else []}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ops_approval_snapshot(self):
        """An approver sees the customer, the totals, the largest discount, the margin and the lines."""
        self.ensure_one()
        env, currency = self.env, self.currency_id
        lines = self.order_line.filtered(lambda line: not line.display_type)
        rows = [path_row(self, name) for name in ("partner_id", "amount_untaxed", "amount_total")]
        rows.append(
            {
                "label": env._("Largest discount"),
                "value": "%s %%" % formatLang(env, max(lines.mapped("discount"), default=0.0), digits=2),
            }
        )
        if "margin" in self._fields:  # sale_margin
            rows.append(path_row(self, "margin"))
        return {
            "fields": rows,
            "lines": lines_table(
                [env._("Product"), env._("Quantity"), env._("Unit price"), env._("Discount"), env._("Subtotal")],
                lines,
                lambda line: [
                    line.product_id.display_name or line.name,
                    formatLang(env, line.product_uom_qty),
                    formatLang(env, line.price_unit, currency_obj=currency),
                    "%s %%" % formatLang(env, line.discount, digits=2),
                    formatLang(env, line.price_subtotal, currency_obj=currency),
                ],
            ),
        }


class AccountMove(models.Model):
    _inherit = "account.move"

    def _ops_approval_snapshot(self):
        """An approver sees the partner, the date, the totals and the invoice lines."""
        self.ensure_one()
        env, currency = self.env, self.currency_id
        lines = self.invoice_line_ids.filtered(lambda line: line.display_type == "product")
        rows = [path_row(self, name) for name in ("partner_id", "invoice_date", "amount_untaxed", "amount_total")]
        return {
            "fields": rows,
            "lines": lines_table(
                [env._("Product"), env._("Quantity"), env._("Unit price"), env._("Discount"), env._("Subtotal")],
                lines,
                lambda line: [
                    line.product_id.display_name or line.name or "",
                    formatLang(env, line.quantity),
                    formatLang(env, line.price_unit, currency_obj=currency),
                    "%s %%" % formatLang(env, line.discount, digits=2),
                    formatLang(env, line.price_subtotal, currency_obj=currency),
                ],
            ),
        }
