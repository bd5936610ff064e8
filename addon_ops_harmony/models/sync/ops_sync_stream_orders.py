"""Shop order stream (WooCommerce): orders → sale.order, with lines matched to products by SKU.

An unknown SKU rejects the order with a mapping error naming it, never a silent drop: the order
waits in the dead-letter queue until the product exists, then a replay brings it in. The order's
attribution (WooCommerce's `_wc_order_attribution_*` meta, already read by the bridge) sets its UTM
campaign, source and medium and becomes a touchpoint of the customer, created before the order is
confirmed so that campaign attribution credits it. A confirmed order keeps its date from the shop.
"""

from odoo import api, models
from odoo.fields import Command, Domain

from .ops_sync_schema import MAPPING, Choice, Code, Datetime, ListOf, Number, Record, SyncRejected, Text

LINE_SCHEMA = {
    "sku": Text(required=True, max_length=128),
    "name": Text(max_length=2000),
    "quantity": Number(required=True, minimum=0, exclusive_minimum=True),
    "price_unit": Number(required=True),
}
ATTRIBUTION_SCHEMA = {
    "source": Text(max_length=128),
    "medium": Text(max_length=128),
    "campaign": Text(max_length=256),
    "referrer": Text(max_length=2048),
    "session_start": Datetime(),
}
# UTM mediums of paid traffic: such a visit is an ad click, any other a form submission (the checkout)
PAID_MEDIUMS = {
    "cpc",
    "ppc",
    "cpm",
    "cpv",
    "paid",
    "paidsearch",
    "paid_search",
    "paid-search",
    "paidsocial",
    "paid_social",
    "paid-social",
    "display",
    "banner",
    "retargeting",
    "affiliate",
}
UTM_TYPES = ("source", "medium", "campaign")


class OpsSyncStreamOrders(models.AbstractModel):
    _name = "ops.sync.stream.orders"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: shop orders"

    _ops_stream = "orders"
    _ops_target_model = "sale.order"
    _ops_synced_fields = frozenset(
        {"partner_id", "date_order", "origin", "campaign_id", "source_id", "medium_id", "pricelist_id"}
    )
    _ops_schema = {
        "customer_external_id": Text(required=True, max_length=255),
        "date_order": Datetime(required=True),
        "currency_code": Code(3),
        "state": Choice(("draft", "sale"), default="draft"),
        "lines": ListOf(Record(LINE_SCHEMA), required=True, min_items=1),
        "attribution": Record(ATTRIBUTION_SCHEMA),
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        values = [item.values for item in items]
        lookups["customers"] = self._ops_refs(
            source, "customers", [value["customer_external_id"] for value in values], "res.partner"
        )
        skus = {line["sku"] for value in values for line in value["lines"]}
        products = self.env["product.product"].search_fetch(Domain("default_code", "in", list(skus)), ["default_code"])
        lookups["products"] = products.grouped("default_code")
        lookups["pricelists"] = self._ops_pricelists({value["currency_code"] for value in values} - {False})
        lookups["utm"] = {
            # matched by name or alias, created when unknown: the rules of a typed lead (`ops.normalizer`)
            key: self.env["ops.normalizer"]._ops_utm(key, (value["attribution"].get(key) for value in values))
            for key in UTM_TYPES
        }
        return lookups

    @api.model
    def _ops_pricelists(self, codes):
        """Return {currency code: pricelist id or False (company currency)} for the known currencies."""
        company = self.env.company
        found = {}
        for currency in self.env["res.currency"].with_context(active_test=False).search(Domain("name", "in", list(codes))):
            if currency == company.currency_id:
                found[currency.name] = False
                continue
            pricelist = self.env["product.pricelist"].search(
                Domain("currency_id", "=", currency.id) & Domain("company_id", "in", [company.id, False]), limit=1
            )
            if pricelist:
                found[currency.name] = pricelist.id
        return found

    @api.model
    def _ops_map(self, item, lookups):
        values = item.values
        partner_id = self._ops_ref_id(item, lookups["customers"], "customer_external_id", "customer", required=True)
        products = lookups["products"]
        problems = []
        for line in values["lines"]:
            matches = products.get(line["sku"])
            if not matches:
                problems.append(f"unknown SKU '{line['sku']}'")
            elif len(matches) > 1:
                problems.append(f"SKU '{line['sku']}' matches {len(matches)} products")
        if problems:
            raise SyncRejected(MAPPING, "; ".join(dict.fromkeys(problems)))
        item.vals = {
            "partner_id": partner_id,
            "date_order": values["date_order"],
            "origin": f"{lookups['source']} {item.external_id}",
            **self._ops_utm_vals(values["attribution"], lookups),
        }
        code = values["currency_code"]
        if code:
            if code not in lookups["pricelists"]:
                raise SyncRejected(MAPPING, f"no pricelist in currency '{code}'")
            if lookups["pricelists"][code]:
                item.vals["pricelist_id"] = lookups["pricelists"][code]
        item.create_vals = {"order_line": [Command.create(vals) for vals in self._ops_line_vals(values["lines"], lookups)]}

    @api.model
    def _ops_utm_vals(self, attribution, lookups):
        return {f"{key}_id": lookups["utm"][key].get(attribution.get(key), False) if attribution else False for key in UTM_TYPES}

    @api.model
    def _ops_line_vals(self, lines, lookups):
        result = []
        for line in lines:
            vals = {
                "product_id": lookups["products"][line["sku"]].id,
                "product_uom_qty": line["quantity"],
                "price_unit": line["price_unit"],
            }
            if line["name"]:
                vals["name"] = line["name"]
            result.append(vals)
        return result

    @api.model
    def _ops_after_create(self, records, items, lookups):
        self._ops_touch(list(zip(records, items)), lookups)
        to_confirm = records.browse([order.id for order, item in zip(records, items) if item.values["state"] == "sale"])
        held = to_confirm._ops_sync_confirm(lookups["source"])
        for order, item in zip(records, items):
            if order.id in held:
                item.reasons.append(self._ops_held_reason(held[order.id]))

    @api.model
    def _ops_after_update(self, order, item, lookups):
        changed = False
        lines = self._ops_line_vals(item.values["lines"], lookups)
        if self._ops_line_key(lines) != self._ops_line_key(order.order_line.filtered(lambda line: not line.display_type)):
            if order.state in ("draft", "sent"):
                order.order_line = [Command.clear()] + [Command.create(vals) for vals in lines]
                changed = True
            else:
                item.reasons.append("the order is confirmed in Odoo: its lines were kept")
        self._ops_touch([(order, item)], lookups)
        if item.values["state"] == "sale" and order.state in ("draft", "sent"):
            held = order._ops_sync_confirm(lookups["source"])
            if held:
                item.reasons.append(self._ops_held_reason(held[order.id]))
            else:
                changed = True
        return changed

    @api.model
    def _ops_held_reason(self, message):
        return f"kept as a quotation, not confirmed: {message}"

    @api.model
    def _ops_line_key(self, lines):
        """Return what identifies a set of lines: sorted (product, quantity, unit price)."""

        def row(line):
            if isinstance(line, dict):
                return line["product_id"], round(line["product_uom_qty"], 6), round(line["price_unit"], 6)
            return line.product_id.id, round(line.product_uom_qty, 6), round(line.price_unit, 6)

        return sorted(row(line) for line in lines)

    @api.model
    def _ops_touch(self, pairs, lookups):
        """Create or update the touchpoint of each (order, item) that carries attribution."""
        source = lookups["source"]
        rows = {}
        for order, item in pairs:
            attribution = item.values["attribution"]
            if not attribution or not any(attribution.values()):
                continue
            medium = (attribution.get("medium") or "").casefold()
            rows[f"{source}:order:{item.external_id}"] = {
                "event_type": "ad_click" if medium in PAID_MEDIUMS else "form_submit",
                "event_time": attribution.get("session_start") or item.values["date_order"],
                "page_url": attribution.get("referrer") or False,
                "partner_id": order.partner_id.id,
                **self._ops_utm_vals(attribution, lookups),
            }
        if not rows:
            return
        Touchpoint = self.env["ops.touchpoint"]
        existing = Touchpoint.search_fetch(Domain("external_id", "in", list(rows)), ["external_id"])
        for touchpoint in existing:
            touchpoint.write(rows.pop(touchpoint.external_id))
        Touchpoint.create([{**vals, "external_id": external_id} for external_id, vals in rows.items()])
