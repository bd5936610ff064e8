"""Anomaly flags on procurement requests: a price far from the vendor's history, a duplicate, a split.

Flags are worked out when a request is created or its terms change, and stored with the reason, so
an approval covers the request with the flags it had (the approval policy's tier rules read them:
a flagged request is never auto-approved). The request that completes a duplicate or a split is
the one flagged, naming the others.

- price: the unit price is more than PRICE_HIGH times, or less than PRICE_LOW times, the median
  price this vendor charged for the same product on confirmed purchase orders (at least
  PRICE_MIN_HISTORY of them, company currency);
- duplicate: another open request for the same product (or the same words when no product) from
  the same vendor, within DUPLICATE_DAYS;
- split: the same requester's open requests to the same vendor (or in the same category when no
  vendor) within SPLIT_DAYS are each at or under an approval threshold and together above it. The
  thresholds are read from the published approval policies' tier rules on the request's amount, so
  they are policy data and never written twice.
"""

from datetime import timedelta
from statistics import median

from odoo import fields
from odoo.fields import Domain

from .ops_procurement_category_ai import WORD_RE, fold


def words(text):
    """Every word of `text`, folded: here "batch one" and "batch two" are not the same purchase."""
    return WORD_RE.findall(fold(text))


PRICE_HIGH = 1.5
PRICE_LOW = 0.5
PRICE_MIN_HISTORY = 3
DUPLICATE_DAYS = 30
SPLIT_DAYS = 14
AMOUNT_FIELD = "amount_company"
OPEN_STATES = ("draft", "ordered")


def policy_thresholds(env, model_name, field_name=AMOUNT_FIELD):
    """Return the amounts above which a published policy on `model_name` raises the tier, ascending."""
    thresholds = set()
    policies = env["ops.approval.policy"].sudo().search([("model_name", "=", model_name), ("state", "=", "published")])
    for rule in policies.tier_rule_ids:
        for condition in Domain(rule._ops_domain()).iter_conditions():
            if condition.field_expr == field_name and condition.operator in (">", ">="):
                try:
                    thresholds.add(float(condition.value))
                except (TypeError, ValueError):
                    continue
    return sorted(thresholds)


def _others(request, days):
    """The same company's other open requests created within `days` of this one."""
    since = (request.create_date or fields.Datetime.now()) - timedelta(days=days)
    return request.search(
        [
            ("id", "!=", request.id),
            ("company_id", "=", request.company_id.id),
            ("state", "in", OPEN_STATES),
            ("create_date", ">=", since),
        ]
    )


def price_flag(request):
    """Return the reason the unit price is anomalous, or None."""
    if not (request.product_id and request.vendor_id and request.unit_price):
        return None
    lines = request.env["purchase.order.line"].search(
        [
            ("product_id", "=", request.product_id.id),
            ("partner_id", "child_of", request.vendor_id.commercial_partner_id.id),
            ("order_id.state", "in", ("purchase", "done")),
            ("company_id", "=", request.company_id.id),
        ],
        order="id desc",
        limit=50,
    )
    company = request.company_id
    today = fields.Date.context_today(request)
    history = [line.currency_id._convert(line.price_unit, company.currency_id, company, today) for line in lines]
    if len(history) < PRICE_MIN_HISTORY:
        return None
    usual = median(history)
    price = request.currency_id._convert(request.unit_price, company.currency_id, company, today)
    if usual and not (PRICE_LOW * usual <= price <= PRICE_HIGH * usual):
        return request.env._(
            "Unit price %(price).2f is %(ratio).1f× the median %(usual).2f of this vendor's last %(count)s orders.",
            price=price,
            ratio=price / usual,
            usual=usual,
            count=len(history),
        )
    return None


def duplicate_flag(request):
    """Return the reason this request repeats another open one, or None."""
    others = _others(request, DUPLICATE_DAYS)
    own_words = set(words(request.description))
    for other in others:
        if (other.vendor_id.commercial_partner_id or False) != (request.vendor_id.commercial_partner_id or False):
            continue
        if request.product_id:
            same = other.product_id == request.product_id
        else:
            same = not other.product_id and bool(own_words) and set(words(other.description)) == own_words
        if same:
            return request.env._(
                "Same purchase as %(name)s, requested by %(user)s.", name=other.name, user=other.requested_by_id.name
            )
    return None


def split_flag(request, thresholds):
    """Return the reason this request looks like part of a purchase split under a threshold, or None."""
    amount = request.amount_company
    if not thresholds or not amount:
        return None
    others = _others(request, SPLIT_DAYS).filtered(
        lambda other: other.requested_by_id == request.requested_by_id
        and (
            other.vendor_id.commercial_partner_id == request.vendor_id.commercial_partner_id
            if request.vendor_id
            else other.category_id == request.category_id and bool(request.category_id)
        )
    )
    for threshold in thresholds:
        if amount > threshold:
            continue
        parts = others.filtered(lambda other, limit=threshold: 0 < other.amount_company <= limit)
        together = amount + sum(parts.mapped("amount_company"))
        if parts and together > threshold:
            return request.env._(
                "With %(names)s this makes %(total).2f, above the %(threshold).2f approval threshold, in %(days)s days.",
                names=", ".join(parts.mapped("name")),
                total=together,
                threshold=threshold,
                days=SPLIT_DAYS,
            )
    return None
