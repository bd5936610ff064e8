/**
 * Shopify records → canonical values. Pure functions of the record and the configured status
 * map. Customers become people; orders become sale orders whose lines Odoo matches by SKU, then
 * by the Shopify product id; an order without a customer brings its own (external id
 * "guest:<email>"); the order's `customerJourneySummary` becomes its touchpoint, with the UTM
 * parameters Shopify read and the `gclid` and `utm_id` found in the landing page's query.
 */
import type { OrderAttribution } from "../../gateway/sync_contract";
import { MappingError } from "../../errors";
import { countryCode, joinText } from "../primitives";
import type { MappedRecord } from "../source";
import type { ShopifyCustomer, ShopifyOrder, ShopifyVisit } from "./schemas";

export const SHOPIFY_MAPPING_VERSION = 1;

/** Odoo order states the contract knows. */
export type OdooOrderState = "draft" | "sale";

/** Which `displayFinancialStatus` values are synced, and as what. Others are mapping errors. */
export const DEFAULT_ORDER_STATES: Readonly<Record<string, OdooOrderState>> = {
  PENDING: "draft",
  AUTHORIZED: "draft",
  PARTIALLY_PAID: "sale",
  PAID: "sale",
  PARTIALLY_REFUNDED: "sale",
};

/** "gid://shopify/Order/148977776" → "148977776" (the REST id, the one merchants see in URLs). */
export function legacyId(globalId: string): string {
  return /\/(\d+)(?:\?.*)?$/.exec(globalId)?.[1] ?? globalId;
}

type Address = ShopifyCustomer["defaultAddress"];

function addressValues(address: Address) {
  return {
    street: joinText(address?.address1, address?.address2),
    city: address?.city ?? null,
    zip: address?.zip ?? null,
    country_code: countryCode(address?.countryCodeV2 ?? address?.country ?? null),
  };
}

/** A customer → `customers` values. */
export function mapCustomer(customer: ShopifyCustomer): MappedRecord {
  const id = legacyId(customer.id);
  const email = customer.defaultEmailAddress?.emailAddress ?? null;
  const phone = customer.defaultPhoneNumber?.phoneNumber ?? null;
  return {
    externalId: id,
    values: {
      name: joinText(customer.firstName, customer.lastName) ?? email ?? phone ?? `Shopify customer ${id}`,
      email,
      phone,
      ...addressValues(customer.defaultAddress),
    },
    modifiedAt: customer.updatedAt ?? customer.createdAt ?? null,
  };
}

/** The customer of an order placed without an account, from its e-mail and billing address. */
export function guestCustomer(order: ShopifyOrder): MappedRecord {
  const email = order.email?.toLowerCase() ?? null;
  const id = legacyId(order.id);
  const billing = order.billingAddress;
  return {
    externalId: email ? `guest:${email}` : `guest-order:${id}`,
    values: {
      name: joinText(billing?.firstName, billing?.lastName) ?? email ?? `Guest of order ${order.name ?? id}`,
      email,
      phone: billing?.phone ?? null,
      ...addressValues(billing),
    },
    modifiedAt: order.updatedAt ?? order.createdAt,
  };
}

/** A query parameter of `url` (absolute, or a path such as "/products/x?gclid=…"), or `null`. */
export function queryParameter(url: string | null, name: string): string | null {
  if (url === null) return null;
  try {
    const value = new URL(url, "https://shop.invalid").searchParams.get(name)?.trim();
    return value ? value.slice(0, 256) : null;
  } catch {
    return null;
  }
}

/** One visit of the journey → the touchpoint keys of the `orders` contract. */
export function visitAttribution(visit: ShopifyVisit): OrderAttribution {
  const utm = visit.utmParameters;
  const landing = visit.landingPage ?? null;
  return {
    source_type: visit.sourceType?.toLowerCase() ?? (utm ? "utm" : null),
    utm_source: utm?.source ?? queryParameter(landing, "utm_source") ?? visit.source ?? null,
    utm_medium: utm?.medium ?? queryParameter(landing, "utm_medium"),
    utm_campaign: utm?.campaign ?? queryParameter(landing, "utm_campaign"),
    utm_id: queryParameter(landing, "utm_id"),
    utm_term: utm?.term ?? queryParameter(landing, "utm_term"),
    utm_content: utm?.content ?? queryParameter(landing, "utm_content"),
    gclid: queryParameter(landing, "gclid"),
    referrer: visit.referrerUrl ?? null,
    landing_page: landing,
    session_start: visit.occurredAt,
  };
}

/** The journey's visits, first then last (one when they are the same session). */
export function journeyVisits(order: ShopifyOrder): ShopifyVisit[] {
  const journey = order.customerJourneySummary;
  const visits = [journey?.firstVisit, journey?.lastVisit].filter((visit): visit is ShopifyVisit => Boolean(visit));
  return visits.length === 2 && visits[0]?.id !== undefined && visits[0].id === visits[1]?.id ? visits.slice(0, 1) : visits;
}

/**
 * The order's touchpoint: the last visit before the order (the session that converted, as
 * WooCommerce records it), else the first; `null` while Shopify has not attributed the order.
 */
export function attributionOf(order: ShopifyOrder): OrderAttribution | null {
  const visits = journeyVisits(order);
  const visit = visits[visits.length - 1];
  return visit ? visitAttribution(visit) : null;
}

/** An order → `orders` values. Throws `MappingError` for an unmapped status, a cancelled order or a line without price. */
export function mapOrder(
  order: ShopifyOrder,
  states: Readonly<Record<string, OdooOrderState>> = DEFAULT_ORDER_STATES,
): MappedRecord {
  const id = legacyId(order.id);
  if (order.cancelledAt)
    throw new MappingError(`order ${order.name ?? id} was cancelled in Shopify: cancelled orders are not synced`);
  const status = order.displayFinancialStatus ?? "PENDING";
  const state = states[status];
  if (state === undefined) {
    throw new MappingError(
      `Shopify financial status "${status}" is not synced: add it to sources.shopify.orderStates in the bridge config (e.g. "${status}": "draft")`,
    );
  }
  const items = order.lineItems.nodes ?? (order.lineItems.edges ?? []).map((edge) => edge.node);
  if (order.lineItems.pageInfo?.hasNextPage) throw new MappingError("the order has more line items than one query reads (250)");
  if (items.length === 0) throw new MappingError("the order has no line items");
  const lines = items.map((item) => {
    const price = item.originalUnitPriceSet?.shopMoney.amount;
    if (price === undefined) throw new MappingError(`line "${item.name}" has no unit price (originalUnitPriceSet)`);
    return {
      sku: item.sku,
      product_external_id: item.product ? legacyId(item.product.id) : null,
      name: item.name,
      quantity: item.quantity,
      price_unit: price,
    };
  });
  const guest = order.customer ? null : guestCustomer(order);
  return {
    externalId: id,
    values: {
      customer_external_id: guest ? guest.externalId : legacyId((order.customer as { id: string }).id),
      date_order: order.createdAt,
      currency_code: order.currencyCode ?? order.totalPriceSet?.shopMoney.currencyCode ?? null,
      state,
      lines,
      attribution: attributionOf(order),
    },
    modifiedAt: order.updatedAt ?? order.createdAt,
    ...(guest ? { requires: [{ stream: "customers" as const, record: guest }] } : {}),
  };
}
