/**
 * Shopify's webhooks carry the REST Admin API's resource (orders/create, orders/updated,
 * customers/create, customers/update). Until a Shopify connector fetches the GraphQL object by its
 * `admin_graphql_api_id`, these streams map the REST shape directly into the same canonical
 * `customers` and `orders` values as the other shops.
 *
 * Shopify's ids are 64-bit: `820982911946154508` does not survive `JSON.parse` (a double keeps 53
 * bits), so a record's id is read from `admin_graphql_api_id` ("gid://shopify/Order/…"), which is
 * a string; a numeric id that lost precision is never used.
 */
import { z } from "zod";
import type { OrderAttribution, OrderLine } from "../gateway/sync_contract";
import { MappingError } from "../errors";
import { countryCode, joinText, parseDateTime } from "../sources/primitives";
import type { MappedRecord, StreamDefinition, StreamKind } from "../sources/source";

export const SHOPIFY_REST_MAPPING_VERSION = 1;

/** Shopify topics whose body is a REST resource these streams map. */
export const SHOPIFY_TOPICS: Readonly<Record<string, StreamKind>> = {
  "orders/create": "orders",
  "orders/updated": "orders",
  "orders/paid": "orders",
  "customers/create": "customers",
  "customers/update": "customers",
};

const text = z
  .string()
  .nullish()
  .transform((value) => (value?.trim() ? value.trim() : null));
const gid = z.string().regex(/^gid:\/\/shopify\/[A-Za-z]+\/\d{1,20}$/);
const date = z
  .string()
  .transform((value, ctx) => parseDateTime(value) ?? (ctx.addIssue({ code: "custom", message: "not a date" }), z.NEVER));
const money = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const amount = Number(value);
  return Number.isFinite(amount) ? amount : (ctx.addIssue({ code: "custom", message: "not an amount" }), z.NEVER);
});
const safeId = z
  .number()
  .nullish()
  .transform((value) => (typeof value === "number" && Number.isSafeInteger(value) ? String(value) : null));

const address = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address1: text,
    address2: text,
    city: text,
    zip: text,
    country_code: text,
    phone: text,
  })
  .partial();

const customerSchema = z.object({
  admin_graphql_api_id: gid,
  email: text,
  first_name: text,
  last_name: text,
  phone: text,
  updated_at: date.nullish(),
  default_address: address.nullish(),
});

const orderSchema = z.object({
  admin_graphql_api_id: gid,
  name: text,
  email: text,
  created_at: date,
  updated_at: date.nullish(),
  cancelled_at: text,
  currency: text,
  financial_status: text,
  landing_site: text,
  referring_site: text,
  customer: customerSchema.partial({ updated_at: true }).nullish(),
  billing_address: address.nullish(),
  line_items: z.array(
    z.object({
      sku: text,
      title: text,
      name: text,
      quantity: z.number().int().positive(),
      price: money,
      product_id: safeId,
      variant_id: safeId,
    }),
  ),
});

type ShopifyCustomer = z.output<typeof customerSchema>;
type ShopifyOrder = z.output<typeof orderSchema>;

/** The numeric tail of a gid. */
const idOf = (value: string): string => value.slice(value.lastIndexOf("/") + 1);

/** Shopify's financial status → Odoo order state; others (refunded, voided) are not synced. */
const ORDER_STATES: Readonly<Record<string, "draft" | "sale">> = {
  pending: "draft",
  authorized: "sale",
  partially_paid: "sale",
  paid: "sale",
  partially_refunded: "sale",
};

function mapCustomer(customer: ShopifyCustomer): MappedRecord {
  const home = customer.default_address ?? {};
  return {
    externalId: idOf(customer.admin_graphql_api_id),
    values: {
      name:
        joinText(customer.first_name, customer.last_name) ??
        customer.email ??
        `Shopify customer ${idOf(customer.admin_graphql_api_id)}`,
      email: customer.email,
      phone: customer.phone ?? home.phone ?? null,
      street: joinText(home.address1, home.address2),
      city: home.city ?? null,
      zip: home.zip ?? null,
      country_code: countryCode(home.country_code ?? null),
    },
    modifiedAt: customer.updated_at ?? null,
  };
}

/** The touchpoint of the order's landing page (its UTM parameters and gclid), or `null` without one. */
function attributionOf(order: ShopifyOrder): OrderAttribution | null {
  if (order.landing_site === null && order.referring_site === null) return null;
  let query = new URLSearchParams();
  try {
    query = new URL(order.landing_site ?? "/", "https://shop.invalid").searchParams;
  } catch {
    // an unreadable landing page keeps only the referrer
  }
  const param = (name: string): string | null => query.get(name)?.trim() || null;
  return {
    source_type: param("utm_source") ? "utm" : order.referring_site ? "referral" : "typein",
    utm_source: param("utm_source"),
    utm_medium: param("utm_medium"),
    utm_campaign: param("utm_campaign"),
    utm_id: param("utm_id"),
    utm_term: param("utm_term"),
    utm_content: param("utm_content"),
    gclid: param("gclid"),
    referrer: order.referring_site,
    landing_page: order.landing_site,
    session_start: null,
  };
}

function mapOrder(order: ShopifyOrder): MappedRecord {
  const status = order.financial_status ?? "pending";
  const state = ORDER_STATES[status];
  if (order.cancelled_at !== null) throw new MappingError("the order is cancelled at Shopify; cancelled orders are not synced");
  if (state === undefined) throw new MappingError(`Shopify financial status "${status}" is not synced`);
  if (order.line_items.length === 0) throw new MappingError("the order has no line items");
  const billing = order.billing_address ?? {};
  const email = (order.email ?? order.customer?.email ?? null)?.toLowerCase() ?? null;
  const orderId = idOf(order.admin_graphql_api_id);
  const registered = order.customer ? mapCustomer({ ...order.customer, updated_at: order.customer.updated_at ?? null }) : null;
  const customer: MappedRecord = registered ?? {
    externalId: email ? `guest:${email}` : `guest-order:${orderId}`,
    values: {
      name:
        joinText(billing.first_name, billing.last_name) ?? billing.company ?? email ?? `Guest of order ${order.name ?? orderId}`,
      email,
      phone: billing.phone ?? null,
      street: joinText(billing.address1, billing.address2),
      city: billing.city ?? null,
      zip: billing.zip ?? null,
      country_code: countryCode(billing.country_code ?? null),
    },
    modifiedAt: order.updated_at ?? order.created_at,
  };
  const lines: OrderLine[] = order.line_items.map((item) => ({
    sku: item.sku,
    product_external_id: item.variant_id ?? item.product_id,
    name: item.name ?? item.title ?? item.sku ?? "Shopify line",
    quantity: item.quantity,
    price_unit: item.price,
  }));
  return {
    externalId: orderId,
    values: {
      customer_external_id: customer.externalId,
      date_order: order.created_at,
      currency_code: order.currency,
      state,
      lines,
      attribution: attributionOf(order),
    },
    modifiedAt: order.updated_at ?? order.created_at,
    requires: [{ stream: "customers", record: customer }],
  };
}

/** The record's id from its gid, for the dead-letter queue, even when it is not valid. */
function externalIdOf(raw: unknown): string | null {
  const value =
    typeof raw === "object" && raw !== null ? (raw as { admin_graphql_api_id?: unknown }).admin_graphql_api_id : undefined;
  return typeof value === "string" && gid.safeParse(value).success ? idOf(value) : null;
}

async function* nothing(): AsyncIterable<never> {
  // webhooks only: these streams are never read
}

/** Shopify's REST-shaped webhook streams, customers first. */
export const SHOPIFY_REST_STREAMS: readonly StreamDefinition[] = [
  {
    name: "customers",
    mappingVersion: SHOPIFY_REST_MAPPING_VERSION,
    schema: customerSchema,
    map: mapCustomer as StreamDefinition["map"],
    externalIdOf,
    read: nothing,
  },
  {
    name: "orders",
    mappingVersion: SHOPIFY_REST_MAPPING_VERSION,
    schema: orderSchema,
    map: mapOrder as StreamDefinition["map"],
    externalIdOf,
    read: nothing,
  },
];
