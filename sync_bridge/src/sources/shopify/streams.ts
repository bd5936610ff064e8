/**
 * Shopify streams: customers and orders, each read incrementally on `updated_at` (the search
 * query `updated_at:>='…'`, sorted by `UPDATED_AT`) through cursor pages (`pageInfo`). Pages come
 * oldest change first, so each page's cursor is its last record's `updatedAt`: a run killed half
 * way resumes from the last page Odoo confirmed. Deleted orders are read from the shop's
 * `events` (action `destroy`), for reconciliation.
 */
import { parseDateTime } from "../primitives";
import type { ReadOptions, SourcePage, StreamDefinition } from "../source";
import type { ShopifyClient } from "./client";
import { SHOPIFY_MAPPING_VERSION, legacyId, mapCustomer, mapOrder, type OdooOrderState } from "./mapper";
import { customerSchema, deletionEventSchema, orderSchema, type ShopifyOrder } from "./schemas";

export interface ShopifyStreamSettings {
  /** Customers per page, at most 250. */
  pageSize: number;
  /** Orders per page: each carries its line items, so a page costs far more than a customer page. */
  orderPageSize: number;
  /** Line items read per order, at most 250. */
  lineItemsPerOrder: number;
  /** How far before the cursor a read starts again, in ms (clock skew, late writes). */
  lookbackMs: number;
  /** Financial status → Odoo state; statuses not listed are mapping errors. */
  orderStates: Readonly<Record<string, OdooOrderState>>;
}

const VISIT = "id occurredAt landingPage referrerUrl source sourceType utmParameters { campaign content medium source term }";

export const CUSTOMERS_QUERY = `query Customers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id firstName lastName createdAt updatedAt
      defaultEmailAddress { emailAddress }
      defaultPhoneNumber { phoneNumber }
      defaultAddress { address1 address2 city zip country countryCodeV2 }
    }
  }
}`;

/** The orders query, reading `lines` line items per order. */
export function ordersQuery(lines: number): string {
  return `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name createdAt updatedAt cancelledAt displayFinancialStatus currencyCode email
      customer { id }
      billingAddress { firstName lastName address1 address2 city zip country countryCodeV2 phone }
      lineItems(first: ${lines}) {
        pageInfo { hasNextPage }
        nodes { name quantity sku originalUnitPriceSet { shopMoney { amount currencyCode } } product { id } }
      }
      customerJourneySummary { ready firstVisit { ${VISIT} } lastVisit { ${VISIT} } }
    }
  }
}`;
}

export const DELETED_ORDERS_QUERY = `query DeletedOrders($first: Int!, $after: String, $query: String) {
  events(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id createdAt ... on BasicEvent { action subjectId subjectType } }
  }
}`;

/** The search query of records changed since `since` minus the look-back; `undefined` reads all. */
export function updatedSince(since: string | null, lookbackMs: number, field = "updated_at"): string | undefined {
  if (since === null) return undefined;
  const from = parseDateTime(since);
  if (from === null) return undefined;
  return `${field}:>='${new Date(from.getTime() - lookbackMs).toISOString().replace(/\.\d{3}Z$/, "Z")}'`;
}

/** The `updatedAt` of the last node that has a readable one, as an ISO string. */
function lastUpdated(nodes: readonly unknown[]): string | undefined {
  for (let index = nodes.length - 1; index >= 0; index -= 1) {
    const value = (nodes[index] as { updatedAt?: unknown } | null)?.updatedAt;
    const date = typeof value === "string" ? parseDateTime(value) : null;
    if (date !== null) return date.toISOString();
  }
  return undefined;
}

/** The REST id of a raw record whose `id` is a global id, leniently. */
function rawId(raw: unknown): string | null {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" && /^gid:\/\/shopify\/\w+\/\d{1,19}$/.test(id) ? legacyId(id) : null;
}

/** Walks a connection from the first page to the last. */
async function* connectionPages(
  client: ShopifyClient,
  query: string,
  field: string,
  first: number,
  search: string | undefined,
): AsyncIterable<{ nodes: unknown[]; last: boolean }> {
  let after: string | null = null;
  for (;;) {
    const page = await client.connection(query, field, { first, after, query: search ?? null });
    const last = !page.hasNextPage || page.endCursor === null || page.endCursor === after;
    yield { nodes: page.nodes, last };
    if (last) return;
    after = page.endCursor;
  }
}

/** The Shopify streams in dependency order: customers, then orders. */
export function shopifyStreams(client: ShopifyClient, settings: ShopifyStreamSettings): StreamDefinition[] {
  const read = (query: string, field: string, first: number) =>
    async function* ({ since }: ReadOptions): AsyncIterable<SourcePage> {
      for await (const page of connectionPages(client, query, field, first, updatedSince(since, settings.lookbackMs))) {
        yield { records: page.nodes, cursor: lastUpdated(page.nodes) };
      }
    };
  const customers: StreamDefinition = {
    name: "customers",
    mappingVersion: SHOPIFY_MAPPING_VERSION,
    schema: customerSchema,
    map: mapCustomer as StreamDefinition["map"],
    externalIdOf: rawId,
    read: read(CUSTOMERS_QUERY, "customers", settings.pageSize),
  };
  const orders: StreamDefinition = {
    name: "orders",
    mappingVersion: SHOPIFY_MAPPING_VERSION,
    schema: orderSchema,
    map: ((order: ShopifyOrder) => mapOrder(order, settings.orderStates)) as StreamDefinition["map"],
    externalIdOf: rawId,
    read: read(ordersQuery(settings.lineItemsPerOrder), "orders", settings.orderPageSize),
    async *readDeleted({ since }: ReadOptions): AsyncIterable<readonly string[]> {
      const created = updatedSince(since, settings.lookbackMs, "created_at");
      const search = ["action:'destroy'", "subject_type:'ORDER'", ...(created ? [created] : [])].join(" AND ");
      for await (const page of connectionPages(client, DELETED_ORDERS_QUERY, "events", settings.pageSize, search)) {
        const ids: string[] = [];
        for (const node of page.nodes) {
          const event = deletionEventSchema.safeParse(node);
          const subject = event.success ? event.data.subjectId : null;
          if (subject && (event.data?.action ?? "destroy") === "destroy") ids.push(legacyId(subject));
        }
        yield ids;
      }
    },
  };
  return [customers, orders];
}
