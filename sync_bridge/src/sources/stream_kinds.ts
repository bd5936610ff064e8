/**
 * The stream kinds of the sync contract with Odoo: each is one `ops.sync.stream.<kind>` mapper in
 * the addon, which decides the model a record of that kind becomes. A connector's streams are kinds
 * from this list; a new kind needs its mapper in Odoo first.
 */
export const STREAM_KIND_NAMES = [
  "companies",
  "contacts",
  "leads",
  "deals",
  "campaigns",
  "campaign_spend",
  "products",
  "customers",
  "orders",
] as const;

export type StreamKind = (typeof STREAM_KIND_NAMES)[number];
