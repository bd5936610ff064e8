"""Shop order stream (WooCommerce, Shopify, CSV exports): orders → sale.order.

A line's product is matched by SKU (the product's internal reference), then by the shop's product
id through the source's `products` bindings. A line matching neither is not a reason to lose the
order, its revenue or its attribution: it is kept on the "Unmatched shop product" placeholder,
flagged for review (Sync > Orders to review), and said in the ingest's reasons; the order is
applied again at the next sync, which puts the right product on the line once it is known.

The order's attribution (`ATTRIBUTION_SCHEMA`, the same keys for every shop) sets its UTM campaign,
source and medium and becomes a touchpoint of the customer, created before the order is confirmed
so that campaign attribution credits it. The campaign is the ad campaign whose platform id is the
visit's `utm_id`, else the one `utm_campaign` names (`ops.normalizer`: name, alias, slug), so the
revenue meets that campaign's spend. A confirmed order keeps its date from the shop.
"""

from odoo import api, models
from odoo.fields import Command, Domain

from .ops_sync_schema import MAPPING, Choice, Code, Datetime, ListOf, Number, Record, SyncRejected, Text

UNMATCHED_PRODUCT = "addon_ops_harmony.ops_product_unmatched_shop_line"

LINE_SCHEMA = {
    "sku": Text(max_length=128),
    "product_external_id": Text(max_length=255),
    "name": Text(max_length=2000),
    "quantity": Number(required=True, minimum=0, exclusive_minimum=True),
    "price_unit": Number(required=True),
}
# the touchpoint of an order, the same keys for every shop source (the bridge's ORDER_ATTRIBUTION_KEYS)
ATTRIBUTION_SCHEMA = {
    "source_type": Text(max_length=64),
    "utm_source": Text(max_length=1000),
    "utm_medium": Text(max_length=1000),
    "utm_campaign": Text(max_length=1000),
    "utm_id": Text(max_length=1000),
    "utm_term": Text(max_length=1000),
    "utm_content": Text(max_length=1000),
    "gclid": Text(max_length=1000),
    "referrer": Text(max_length=2048),
    "landing_page": Text(max_length=2048),
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
# what a touchpoint keeps of the visit as it came
TOUCH_TEXT_FIELDS = ("utm_id", "utm_term", "utm_content", "gclid")


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
        lines = [line for value in values for line in value["lines"]]
        skus = {line["sku"] for line in lines if line["sku"]}
        products = self.env["product.product"].search_fetch(Domain("default_code", "in", list(skus)), ["default_code"])
        lookups["products"] = products.grouped("default_code")
        lookups["bound_products"] = self._ops_refs(
            source,
            "products",
            list({line["product_external_id"] for line in lines if line["product_external_id"]}),
            "product.product",
        )
        lookups["pricelists"] = self._ops_pricelists({value["currency_code"] for value in values} - {False})
        attributions = [value["attribution"] for value in values]
        lookups["utm"] = {
            # matched by name or alias, created when unknown: the rules of a typed lead (`ops.normalizer`)
            key: self.env["ops.normalizer"]._ops_utm(key, (attribution.get(f"utm_{key}") for attribution in attributions))
            for key in ("source", "medium")
        }
        lookups["campaigns"] = self._ops_touch_campaigns(attributions)
        return lookups

    @api.model
    def _ops_touch_campaigns(self, attributions):
        """Return {(utm_id, utm_campaign): (campaign id, how)}: the ad campaign id first, then the name."""
        return self.env["ops.touchpoint"]._ops_match_campaigns(
            (attribution.get("utm_id"), attribution.get("utm_campaign")) for attribution in attributions if attribution
        )

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
        lines = self._ops_line_vals(values["lines"], lookups)
        unmatched = [vals for vals in lines if vals.get("ops_sync_unmatched")]
        if unmatched:
            # reasons reach the bridge's report; the flagged lines are what a person sees in Odoo
            item.reasons.append(
                f"{len(unmatched)} line(s) matched no product, kept for review on the placeholder product: "
                + "; ".join(vals["ops_sync_unmatched_reason"] for vals in unmatched)
            )
            item.partial = True  # the product may be synced later: apply the order again next time
        item.create_vals = {"order_line": [Command.create(vals) for vals in lines]}

    @api.model
    def _ops_utm_vals(self, attribution, lookups):
        if not attribution:
            return dict.fromkeys(("source_id", "medium_id", "campaign_id"), False)
        campaign = lookups["campaigns"].get((attribution.get("utm_id") or False, attribution.get("utm_campaign") or False))
        return {
            "source_id": lookups["utm"]["source"].get(attribution.get("utm_source"), False),
            "medium_id": lookups["utm"]["medium"].get(attribution.get("utm_medium"), False),
            "campaign_id": campaign[0] if campaign else False,
        }

    @api.model
    def _ops_line_product(self, line, lookups):
        """Return (product id, None) for a matched line, or (False, why not) for an unmatched one."""
        problems = []
        if line["sku"]:
            matches = lookups["products"].get(line["sku"])
            if matches and len(matches) == 1:
                return matches.id, None
            problems.append(f"SKU '{line['sku']}' matches {len(matches)} products" if matches else f"unknown SKU '{line['sku']}'")
        else:
            problems.append("no SKU")
        external_id = line["product_external_id"]
        if external_id and external_id in lookups["bound_products"]:
            return lookups["bound_products"][external_id], None
        problems.append(f"shop product '{external_id}' not synced" if external_id else "no shop product id")
        return False, ", ".join(problems)

    @api.model
    def _ops_line_vals(self, lines, lookups):
        result = []
        placeholder = None
        for line in lines:
            product_id, problem = self._ops_line_product(line, lookups)
            vals = {
                "product_id": product_id,
                "product_uom_qty": line["quantity"],
                "price_unit": line["price_unit"],
                "ops_sync_product_ref": self._ops_product_ref(line),
            }
            if problem:
                if placeholder is None:
                    placeholder = self.env.ref(UNMATCHED_PRODUCT, raise_if_not_found=False)
                    if not placeholder:
                        raise SyncRejected(
                            MAPPING,
                            "the product 'Unmatched shop product' was deleted: upgrade the Ops Harmony module to restore it",
                        )
                label = line["name"] or line["sku"] or line["product_external_id"] or "?"
                vals.update(
                    product_id=placeholder.id,
                    ops_sync_unmatched=True,
                    ops_sync_unmatched_reason=f"'{label}': {problem}",
                    name=f"{label} [{problem}]",
                )
            elif line["name"]:
                vals["name"] = line["name"]
            result.append(vals)
        return result

    @api.model
    def _ops_product_ref(self, line):
        """Return how the shop identifies a line's product, e.g. "sku:MUG-1 product:93"."""
        parts = [
            f"sku:{line['sku']}" if line["sku"] else "",
            f"product:{line['product_external_id']}" if line["product_external_id"] else "",
        ]
        return " ".join(part for part in parts if part) or False

    @api.model
    def _ops_after_create(self, records, items, lookups):
        self._ops_touch(list(zip(records, items)), lookups)
        to_confirm = records.browse([order.id for order, item in zip(records, items) if item.values["state"] == "sale"])
        held = to_confirm._ops_sync_confirm(lookups["source"])
        for order, item in zip(records, items):
            if order.id in held:
                item.reasons.append(self._ops_held_reason(held[order.id]))
        for order in records.filtered("ops_sync_to_review"):
            unmatched = order.order_line.filtered("ops_sync_unmatched")
            order.message_post(
                body=self.env._(
                    "%(count)s line(s) from %(shop)s matched no product and wait on the product "
                    '"Unmatched shop product": %(lines)s. Set their product; the shop\'s quantity and price stay.',
                    count=len(unmatched),
                    shop=lookups["source"],
                    lines="; ".join(unmatched.mapped("ops_sync_unmatched_reason")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _ops_after_update(self, order, item, lookups):
        changed = False
        lines = self._ops_line_vals(item.values["lines"], lookups)
        if self._ops_line_key(lines) != self._ops_line_key(order.order_line.filtered(lambda line: not line.display_type)):
            if order.state in ("draft", "sent"):
                order.order_line = [Command.clear()] + [Command.create(vals) for vals in lines]
                changed = True
            else:
                changed = self._ops_rematch_lines(order, lines)
                if self._ops_line_key(lines) != self._ops_line_key(order.order_line.filtered(lambda line: not line.display_type)):
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
    def _ops_rematch_lines(self, order, lines):
        """Put the product now known on the flagged lines of a confirmed order; return whether any changed."""
        matched = {vals["ops_sync_product_ref"]: vals["product_id"] for vals in lines if not vals.get("ops_sync_unmatched")}
        changed = False
        for line in order.order_line.filtered("ops_sync_unmatched"):
            product_id = matched.get(line.ops_sync_product_ref)
            if product_id and line.product_updatable:
                # the shop's price and quantity stay: only the product was unknown
                line.write(
                    {
                        "product_id": product_id,
                        "price_unit": line.price_unit,
                        "ops_sync_unmatched": False,
                        "ops_sync_unmatched_reason": False,
                    }
                )
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
            medium = (attribution.get("utm_medium") or "").casefold()
            paid = medium in PAID_MEDIUMS or bool(attribution.get("gclid"))
            campaign = lookups["campaigns"].get((attribution.get("utm_id") or False, attribution.get("utm_campaign") or False))
            rows[f"{source}:order:{item.external_id}"] = {
                "event_type": "ad_click" if paid else "form_submit",
                "event_time": attribution.get("session_start") or item.values["date_order"],
                "page_url": attribution.get("landing_page") or attribution.get("referrer") or False,
                "partner_id": order.partner_id.id,
                **self._ops_utm_vals(attribution, lookups),
                "utm_campaign_text": attribution.get("utm_campaign") or False,
                "campaign_match": campaign[1] if campaign else False,
                **{fname: attribution.get(fname) or False for fname in TOUCH_TEXT_FIELDS},
            }
        if not rows:
            return
        Touchpoint = self.env["ops.touchpoint"]
        existing = Touchpoint.search_fetch(Domain("external_id", "in", list(rows)), ["external_id"])
        for touchpoint in existing:
            touchpoint.write(rows.pop(touchpoint.external_id))
        Touchpoint.create([{**vals, "external_id": external_id} for external_id, vals in rows.items()])
