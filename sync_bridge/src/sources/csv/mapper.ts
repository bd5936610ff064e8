/**
 * CSV rows (already reshaped into vendor records by the layouts in `vendors/`) → canonical values, through the
 * vendors' own pure mappers. Only deals need more: HubSpot's export prints stage and pipeline
 * labels ("Closed Won", "Sales Pipeline") where the API gives ids ("closedwon", "default").
 */
import type { MappedRecord } from "../source";
import { mapDeal } from "../hubspot/mapper";
import type { HubSpotDeal } from "../hubspot/schemas";

/** The labels of HubSpot's default sales pipeline, and their internal ids. */
export const DEFAULT_STAGE_IDS: Readonly<Record<string, string>> = {
  "appointment scheduled": "appointmentscheduled",
  "qualified to buy": "qualifiedtobuy",
  "presentation scheduled": "presentationscheduled",
  "decision maker bought-in": "decisionmakerboughtin",
  "contract sent": "contractsent",
  "closed won": "closedwon",
  "closed lost": "closedlost",
};

export const DEFAULT_PIPELINE_IDS: Readonly<Record<string, string>> = { "sales pipeline": "default" };

/** Label → id tables for deals; the config's entries come before the defaults. */
export interface DealLabelSettings {
  stages: Readonly<Record<string, string>>;
  pipelines: Readonly<Record<string, string>>;
}

/** "Closed Won" → "closedwon" through the tables; an unknown label becomes a slug Odoo can map. */
export function labelToId(
  label: string | null,
  table: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>,
): string | null {
  if (label === null) return null;
  const key = label.trim().toLowerCase();
  const configured = Object.entries(table).find(([name]) => name.trim().toLowerCase() === key)?.[1];
  return configured ?? defaults[key] ?? key.replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

/** A deal row → `deals` values, labels turned into the ids the API would have given. */
export function mapCsvDeal(deal: HubSpotDeal, labels: DealLabelSettings): MappedRecord {
  return mapDeal({
    ...deal,
    properties: {
      ...deal.properties,
      dealstage: labelToId(deal.properties.dealstage, labels.stages, DEFAULT_STAGE_IDS),
      pipeline: labelToId(deal.properties.pipeline, labels.pipelines, DEFAULT_PIPELINE_IDS),
    },
  });
}
