/**
 * WooCommerce streams. The REST API sorts neither products, customers nor orders by modification
 * date (`orderby` takes id, date, title, …), so a page says nothing about how far a run has come:
 * the cursor is the shop's clock when the run started, stored once the last page is in Odoo. A run
 * killed half-way starts again from the previous cursor; Odoo answers `unchanged` for what it
 * already has. Products and orders are filtered server-side (`modified_after`, GMT); customers
 * cannot be, so unchanged ones are dropped client-side before they cost an Odoo call. Products
 * come first: an order line without SKU is matched through the product's binding. Variations
 * (`/products/<id>/variations`) are not read: a variation's line matches by its SKU or is
 * flagged for review in Odoo.
 */
import { parseDateTime } from "../primitives";
import type { SourcePage, StreamDefinition } from "../source";
import { topLevelId } from "../source";
import type { WooCommerceClient, WooPage, WooResource } from "./client";
import { WOOCOMMERCE_MAPPING_VERSION, mapCustomer, mapOrder, mapProduct, type OdooOrderState } from "./mapper";
import { customerSchema, orderSchema, productSchema, type WooOrder } from "./schemas";

export interface WooCommerceStreamSettings {
  /** Records per page, at most 100. */
  pageSize: number;
  /** How far before the cursor a read starts again, in ms (clock skew, long transactions). */
  lookbackMs: number;
  /** WooCommerce status → Odoo state; statuses not listed are mapping errors. */
  orderStates: Readonly<Record<string, OdooOrderState>>;
  /** Our clock, used only when the shop sends no `Date` header. */
  now: () => Date;
}

/** The raw record's `date_modified_gmt`, or `null` when missing or unreadable. */
function modifiedOf(raw: unknown): number | null {
  const value = typeof raw === "object" && raw !== null ? (raw as { date_modified_gmt?: unknown }).date_modified_gmt : undefined;
  const date = typeof value === "string" ? parseDateTime(value) : null;
  return date === null ? null : date.getTime();
}

/**
 * Walks the pages of a list, oldest id first, and ends with the run's cursor: the shop's time
 * at the first answer. `keep` filters records client-side.
 */
async function* listPages(
  client: WooCommerceClient,
  resource: WooResource,
  query: Readonly<Record<string, string | number | boolean | undefined>>,
  settings: WooCommerceStreamSettings,
  keep: (raw: unknown) => boolean = () => true,
): AsyncIterable<SourcePage> {
  const perPage = Math.min(Math.max(1, settings.pageSize), 100);
  let startedAt: Date | undefined;
  for (let page = 1; ; page += 1) {
    const answer: WooPage = await client.list(resource, { ...query, per_page: perPage, page, orderby: "id", order: "asc" });
    startedAt ??= answer.serverTime ?? settings.now();
    const last = answer.records.length < perPage || (answer.totalPages !== undefined && page >= answer.totalPages);
    yield { records: answer.records.filter(keep), cursor: last ? startedAt.toISOString() : undefined };
    if (last) return;
  }
}

/** The WooCommerce streams in dependency order: products and customers, then orders. */
export function wooCommerceStreams(client: WooCommerceClient, settings: WooCommerceStreamSettings): StreamDefinition[] {
  const cutoff = (since: string | null): number | null => (since === null ? null : Date.parse(since) - settings.lookbackMs);
  const modifiedSince = (since: string | null) => {
    const from = cutoff(since);
    return from === null ? {} : { modified_after: new Date(from).toISOString().slice(0, 19), dates_are_gmt: true };
  };
  const products: StreamDefinition = {
    name: "products",
    mappingVersion: WOOCOMMERCE_MAPPING_VERSION,
    schema: productSchema,
    map: mapProduct as StreamDefinition["map"],
    externalIdOf: (raw) => topLevelId(raw),
    read: ({ since }) => listPages(client, "products", modifiedSince(since), settings),
  };
  const customers: StreamDefinition = {
    name: "customers",
    mappingVersion: WOOCOMMERCE_MAPPING_VERSION,
    schema: customerSchema,
    map: mapCustomer as StreamDefinition["map"],
    externalIdOf: (raw) => topLevelId(raw),
    read({ since }) {
      const from = cutoff(since);
      // A record whose date cannot be read is kept: validation will say what is wrong with it.
      const changed = (raw: unknown): boolean => {
        const modified = modifiedOf(raw);
        return from === null || modified === null || modified >= from;
      };
      return listPages(client, "customers", {}, settings, changed);
    },
  };
  const orders: StreamDefinition = {
    name: "orders",
    mappingVersion: WOOCOMMERCE_MAPPING_VERSION,
    schema: orderSchema,
    map: ((order: WooOrder) => mapOrder(order, settings.orderStates)) as StreamDefinition["map"],
    externalIdOf: (raw) => topLevelId(raw),
    read: ({ since }) => listPages(client, "orders", modifiedSince(since), settings),
  };
  return [products, customers, orders];
}
