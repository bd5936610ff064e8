/**
 * The sources the bridge knows and their streams, in dependency order. Kept free of imports so
 * that argument parsing can check `--stream` without loading any source.
 */

export const SOURCE_NAMES = ["csv", "hubspot", "google_ads", "woocommerce"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** Stream kinds of the Odoo contract: each decides the target model in `ops.sync.gateway.ingest`. */
export const STREAM_KINDS = [
  "companies",
  "contacts",
  "deals",
  "campaigns",
  "campaign_spend",
  "customers",
  "orders",
] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

/** Each source's streams; `sync <source>` runs them in this order. */
export const SOURCE_STREAMS: Readonly<Record<SourceName, readonly StreamKind[]>> = {
  csv: STREAM_KINDS,
  hubspot: ["companies", "contacts", "deals"],
  google_ads: ["campaigns", "campaign_spend"],
  woocommerce: ["customers", "orders"],
};

/** Human names for messages. */
export const SOURCE_LABELS: Readonly<Record<SourceName, string>> = {
  csv: "CSV files",
  hubspot: "HubSpot",
  google_ads: "Google Ads",
  woocommerce: "WooCommerce",
};
