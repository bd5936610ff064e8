/**
 * WooCommerce records → canonical values. Pure functions of the record and the configured
 * status map. Customers become people; orders become sale orders whose lines Odoo matches to
 * products by SKU; a guest order brings its own customer (external id "guest:<email>"); the
 * order attribution meta (`_wc_order_attribution_*`, WooCommerce ≥ 8.5) becomes a touchpoint.
 */
import { MappingError } from "../../errors";
import { countryCode, joinText, parseDateTime } from "../primitives";
import type { MappedRecord } from "../source";
import type { WooAddress, WooCustomer, WooOrder } from "./schemas";

export const WOOCOMMERCE_MAPPING_VERSION = 1;

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

/** Reads the string meta `_wc_order_attribution_<name>`. */
function attributionMeta(order: WooOrder, name: string): string | null {
  const entry = order.meta_data.find((meta) => meta.key === `_wc_order_attribution_${name}`);
  return typeof entry?.value === "string" && entry.value.trim() !== "" ? entry.value.trim().slice(0, 1000) : null;
}

/** The order's attribution, or `null` when WooCommerce recorded none (or the order came from the admin). */
export function attributionOf(order: WooOrder): Record<string, string | Date | null> | null {
  const sourceType = attributionMeta(order, "source_type");
  if (sourceType === null || sourceType === "admin") return null;
  const sessionStart = attributionMeta(order, "session_start_time");
  return {
    source_type: sourceType,
    source: attributionMeta(order, "utm_source"),
    medium: attributionMeta(order, "utm_medium"),
    campaign: attributionMeta(order, "utm_campaign"),
    referrer: attributionMeta(order, "referrer"),
    // Stored by WooCommerce as "Y-m-d H:i:s" in GMT.
    session_start: sessionStart === null ? null : parseDateTime(sessionStart),
  };
}

/** An order → `orders` values. Throws `MappingError` for an unmapped status or a line without SKU. */
export function mapOrder(order: WooOrder, states: Readonly<Record<string, OdooOrderState>> = DEFAULT_ORDER_STATES): MappedRecord {
  const state = states[order.status];
  if (state === undefined) {
    throw new MappingError(
      `WooCommerce status "${order.status}" is not synced: add it to sources.woocommerce.orderStates in the bridge config (e.g. "${order.status}": "draft")`,
    );
  }
  if (order.line_items.length === 0) throw new MappingError("the order has no line items");
  const lines = order.line_items.map((item) => {
    if (item.sku === null) throw new MappingError(`line "${item.name}" has no SKU: give the product a SKU in WooCommerce`);
    return { sku: item.sku, name: item.name, quantity: item.quantity, price_unit: item.price };
  });
  const guest = order.customer_id === 0 ? guestCustomer(order) : null;
  return {
    externalId: String(order.id),
    values: {
      customer_external_id: guest ? guest.externalId : String(order.customer_id),
      date_order: order.date_created_gmt,
      currency_code: order.currency ?? null,
      state,
      lines,
      attribution: attributionOf(order),
    },
    modifiedAt: order.date_modified_gmt ?? order.date_created_gmt,
    ...(guest ? { requires: [{ stream: "customers" as const, record: guest }] } : {}),
  };
}
