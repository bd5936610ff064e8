"""The renewal risk score and account summary: the AI step of the renewal scenario, explained.

The score adds up what usually comes before a lost renewal, each part with its reason, so the
salesperson reads why and not only how much: overdue invoices, open support cases, engagement
(touchpoints) falling, and a history of discounts. It is a transparent weighted score, not a
black box: the weights are constants here, and every point in the score is in the explanation.
"""

from datetime import timedelta

from odoo import fields

OVERDUE_BASE, OVERDUE_EACH, OVERDUE_MAX = 15, 5, 40
CASE_EACH, CASE_MAX = 10, 30
ENGAGEMENT_DAYS = 90
ENGAGEMENT_DROP = 0.5  # the last period has less than half the touchpoints of the one before
ENGAGEMENT_FALLING, ENGAGEMENT_SILENT = 20, 10
DISCOUNT_HISTORY = 10.0  # average discount (%) on the customer's confirmed lines
DISCOUNT_POINTS = 10
BANDS = [(60, "high"), (30, "medium"), (0, "low")]


def renewal_risk(order):
    """Return (score 0-100, band, [reasons]) for renewing `order`'s customer."""
    env = order.env
    partner = order.partner_id.commercial_partner_id
    today = fields.Date.context_today(order)
    score, reasons = 0, []

    overdue = (
        env["account.move"]
        .sudo()
        .search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", partner.id),
                ("amount_residual", ">", 0),
                ("invoice_date_due", "<", today),
            ]
        )
    )
    if overdue:
        points = min(OVERDUE_MAX, OVERDUE_BASE + OVERDUE_EACH * (len(overdue) - 1))
        score += points
        reasons.append(
            env._(
                "+%(points)s: %(count)s overdue invoice(s), %(amount)s due (%(names)s)",
                points=points,
                count=len(overdue),
                amount=round(sum(overdue.mapped("amount_residual")), 2),
                names=", ".join(overdue.mapped("name")[:3]),
            )
        )

    if "ops_is_support" in env["project.task"]._fields:
        cases = (
            env["project.task"]
            .sudo()
            .search([("ops_is_support", "=", True), ("partner_id", "child_of", partner.id), ("is_closed", "=", False)])
        )
        if cases:
            points = min(CASE_MAX, CASE_EACH * len(cases))
            score += points
            reasons.append(env._("+%(points)s: %(count)s open support case(s)", points=points, count=len(cases)))

    now = fields.Datetime.now()
    Touchpoint = env["ops.touchpoint"].sudo()
    base = [("partner_id", "child_of", partner.id)]
    recent = Touchpoint.search_count(base + [("event_time", ">=", now - timedelta(days=ENGAGEMENT_DAYS))])
    before = Touchpoint.search_count(
        base
        + [
            ("event_time", ">=", now - timedelta(days=2 * ENGAGEMENT_DAYS)),
            ("event_time", "<", now - timedelta(days=ENGAGEMENT_DAYS)),
        ]
    )
    if before and recent < ENGAGEMENT_DROP * before:
        score += ENGAGEMENT_FALLING
        reasons.append(
            env._(
                "+%(points)s: engagement fell from %(before)s to %(recent)s touchpoints (last %(days)s days)",
                points=ENGAGEMENT_FALLING,
                before=before,
                recent=recent,
                days=ENGAGEMENT_DAYS,
            )
        )
    elif not before and not recent:
        score += ENGAGEMENT_SILENT
        reasons.append(env._("+%(points)s: no touchpoint in %(days)s days", points=ENGAGEMENT_SILENT, days=2 * ENGAGEMENT_DAYS))

    lines = (
        env["sale.order.line"]
        .sudo()
        .search([("order_id.partner_id", "child_of", partner.id), ("state", "=", "sale"), ("display_type", "=", False)])
    )
    if lines:
        average = sum(lines.mapped("discount")) / len(lines)
        if average > DISCOUNT_HISTORY:
            score += DISCOUNT_POINTS
            reasons.append(
                env._(
                    "+%(points)s: discounts average %(average)s %% on past orders",
                    points=DISCOUNT_POINTS,
                    average=round(average, 1),
                )
            )

    score = min(score, 100)
    band = next(name for floor, name in BANDS if score >= floor)
    return score, band, reasons or [env._("Nothing points to a risk.")]


def account_summary(order):
    """A short account summary: customer since, invoiced over 12 months, the term, open cases."""
    env = order.env
    partner = order.partner_id.commercial_partner_id
    today = fields.Date.context_today(order)
    first = (
        env["sale.order"]
        .sudo()
        .search([("partner_id", "child_of", partner.id), ("state", "=", "sale")], order="date_order asc", limit=1)
    )
    invoiced = (
        env["account.move"]
        .sudo()
        .search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", partner.id),
                ("invoice_date", ">=", today - timedelta(days=365)),
            ]
        )
    )
    currency = order.currency_id
    lines = [
        env._("Customer: %(name)s, since %(date)s.", name=partner.display_name, date=first.date_order.date() if first else "-"),
        env._(
            "Invoiced over the last 12 months: %(amount)s %(currency)s in %(count)s invoice(s).",
            amount=round(sum(invoiced.mapped("amount_untaxed_signed")), 2),
            currency=currency.name,
            count=len(invoiced),
        ),
        env._(
            "Term renewed: %(name)s, %(amount)s %(currency)s untaxed, ending %(end)s.",
            name=order.ops_renewal_of_id.name or order.name,
            amount=round(order.ops_renewal_of_id.amount_untaxed or order.amount_untaxed, 2),
            currency=currency.name,
            end=order.ops_renewal_of_id.ops_term_end or "-",
        ),
    ]
    return "\n".join(lines)
