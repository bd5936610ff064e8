/**
 * WooCommerce records → canonical values. Pure functions of the record and the configured
 * status map. Products become Odoo products (bound by the shop's id); customers become people;
 * orders become sale orders whose lines Odoo matches by SKU, then by the shop's product id
 * through the products stream, and otherwise keeps flagged for review (WooCommerce does not
 * require SKUs); a guest order brings its own customer (external id "guest:<email>"); the
 * order attribution meta (`_wc_order_attribution_*`, WooCommerce ≥ 8.5, `utm_id` since 9.x)
 * becomes a touchpoint with the sync contract's `OrderAttribution` keys.
 */
import { MappingError } from "../../errors";
import type { OrderAttribution, OrderLine } from "../../gateway/sync_contract";
import { countryCode, joinText, parseDateTime } from "../primitives";
import type { MappedRecord } from "../source";
import type { WooAddress, WooCustomer, WooLineItem, WooOrder, WooProduct } from "./schemas";

/** 2: lines carry the shop's product id, attribution the `utm_*` keys of the sync contract. */
export const WOOCOMMERCE_MAPPING_VERSION = 2;

/** Odoo order states the contract knows. */
export type OdooOrderState = "draft" | "sale";

/** Which WooCommerce statuses are synced, and as what. Others are mapping errors. */
export const DEFAULT_ORDER_STATES: Readonly<Record<string, OdooOrderState>> = {
  pending: "draft",
  "on-hold": "draft",
  processing: "sale",
  completed: "sale",
};

/** The street of an address: both lines, joined. */
function street(address: WooAddress): string | null {
  return joinText(address.address_1, address.address_2);
}

/** A registered customer → `customers` values. */
export function mapCustomer(customer: WooCustomer): MappedRecord {
  const billing = customer.billing;
  return {
    externalId: String(customer.id),
    values: {
      name:
        joinText(customer.first_name, customer.last_name) ??
        joinText(billing.first_name, billing.last_name) ??
        customer.email ??
        customer.username ??
        `WooCommerce customer ${customer.id}`,
      email: customer.email ?? billing.email,
      phone: billing.phone,
      street: street(billing),
      city: billing.city,
      zip: billing.postcode,
      country_code: countryCode(billing.country),
    },
    modifiedAt: customer.date_modified_gmt ?? customer.date_created_gmt ?? null,
  };
}

/** The customer of a guest order, from its billing address; keyed by e-mail so repeat guests merge. */
export function guestCustomer(order: WooOrder): MappedRecord {
  const billing = order.billing;
  const email = billing.email?.toLowerCase() ?? null;
  return {
    externalId: email ? `guest:${email}` : `guest-order:${order.id}`,
    values: {
      name: joinText(billing.first_name, billing.last_name) ?? billing.company ?? email ?? `Guest of order ${order.id}`,
      email,
      phone: billing.phone,
      street: street(billing),
      city: billing.city,
      zip: billing.postcode,
      country_code: countryCode(billing.country),
    },
    modifiedAt: order.date_modified_gmt ?? order.date_created_gmt,
  };
}

/** A product → `products` values; its id is what order lines without SKU are matched by. */
export function mapProduct(product: WooProduct): MappedRecord {
  return {
    externalId: String(product.id),
    values: {
      name: product.name.trim() || product.sku || `WooCommerce product ${product.id}`,
      sku: product.sku,
      list_price: product.price !== null && product.price >= 0 ? product.price : null,
    },
    modifiedAt: product.date_modified_gmt ?? product.date_created_gmt ?? null,
  };
}

/** Reads the string meta `_wc_order_attribution_<name>`. */
function attributionMeta(order: WooOrder, name: string): string | null {
  const entry = order.meta_data.find((meta) => meta.key === `_wc_order_attribution_${name}`);
  const value = typeof entry?.value === "string" ? entry.value.trim() : "";
  // the checkout stores "(none)" for what the visit did not have
  return value !== "" && value !== "(none)" ? value.slice(0, 1000) : null;
}

/** The `gclid` of a landing page's query string, if the visit came from a Google Ads click. */
export function gclidOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    // a path ("/sale/?gclid=…") is read against a placeholder origin
    return new URL(url, "https://shop.invalid").searchParams.get("gclid")?.trim().slice(0, 1000) || null;
  } catch {
    return null;
  }
}

/**
 * The order's attribution (WooCommerce's `OrderAttributionMeta` fields), or `null` when
 * WooCommerce recorded none (or the order came from the admin).
 */
export function attributionOf(order: WooOrder): OrderAttribution | null {
  const sourceType = attributionMeta(order, "source_type");
  if (sourceType === null || sourceType === "admin") return null;
  const sessionStart = attributionMeta(order, "session_start_time");
  const landingPage = attributionMeta(order, "session_entry");
  return {
    source_type: sourceType.slice(0, 64),
    utm_source: attributionMeta(order, "utm_source"),
    utm_medium: attributionMeta(order, "utm_medium"),
    utm_campaign: attributionMeta(order, "utm_campaign"),
    utm_id: attributionMeta(order, "utm_id"),
    utm_term: attributionMeta(order, "utm_term"),
    utm_content: attributionMeta(order, "utm_content"),
    // WooCommerce keeps no click id of its own; the landing page's query string may hold it
    gclid: gclidOf(landingPage),
    referrer: attributionMeta(order, "referrer"),
    landing_page: landingPage,
    // Stored by WooCommerce as "Y-m-d H:i:s" in GMT.
    session_start: sessionStart === null ? null : parseDateTime(sessionStart),
  };
}

/** A line item → an order line; the variation sold, if any, is the product Odoo looks for. */
function orderLine(item: WooLineItem): OrderLine {
  const productId = item.variation_id || item.product_id;
  return {
    sku: item.sku,
    product_external_id: productId ? String(productId) : null,
    name: item.name,
    quantity: item.quantity,
    price_unit: item.price,
  };
}

/**
 * An order → `orders` values. Throws `MappingError` for an unmapped status or an order without
 * lines; a line without SKU is Odoo's to match (through the products stream) or flag.
 */
export function mapOrder(order: WooOrder, states: Readonly<Record<string, OdooOrderState>> = DEFAULT_ORDER_STATES): MappedRecord {
  const state = states[order.status];
  if (state === undefined) {
    throw new MappingError(
      `WooCommerce status "${order.status}" is not synced: add it to sources.woocommerce.orderStates in the bridge config (e.g. "${order.status}": "draft")`,
    );
  }
  if (order.line_items.length === 0) throw new MappingError("the order has no line items");
  const guest = order.customer_id === 0 ? guestCustomer(order) : null;
  return {
    externalId: String(order.id),
    values: {
      customer_external_id: guest ? guest.externalId : String(order.customer_id),
      date_order: order.date_created_gmt,
      currency_code: order.currency ?? null,
      state,
      lines: order.line_items.map(orderLine),
      attribution: attributionOf(order),
    },
    modifiedAt: order.date_modified_gmt ?? order.date_created_gmt,
    ...(guest ? { requires: [{ stream: "customers" as const, record: guest }] } : {}),
  };
}
