/**
 * Google Ads report downloads (Campaigns → Download): ".csv" is UTF-8, "Excel .csv" UTF-16LE
 * with tabs; both open with the report's title and date range above the header and end with
 * "Total: …" lines. Costs are in the account's currency (not micros) and counts are grouped
 * ("1,204"), "--" meaning none. A report feeds campaigns when it has "Campaign ID", and daily
 * spend when it also has the "Day" segment.
 */
import { z } from "zod";
import { mapCampaign, mapSpend } from "../../google_ads/mapper";
import type { CampaignRow, SpendRow } from "../../google_ads/schemas";
import { parseDateTime, text } from "../../primitives";
import { amountCell, countCell, csvRow } from "../cells";
import type { CsvLayout } from "../layout";

const COLUMNS = {
  Campaign: ["Campaign name"],
  "Campaign ID": [],
  "Campaign status": ["Campaign state"],
  Day: ["Date"],
  "Currency code": ["Currency"],
  Cost: [],
  Clicks: [],
  "Impr.": ["Impressions"],
};

const campaignId = z
  .string()
  .trim()
  .regex(/^\d{1,19}$/, "is not a campaign id");
const KNOWN_STATUSES = ["ENABLED", "PAUSED", "REMOVED"] as const;

const campaignRow = csvRow({
  Campaign: text(255).trim().min(1, "is empty"),
  "Campaign ID": campaignId,
  "Campaign status": z.string().max(40).optional(),
}).transform((row): CampaignRow => {
  const status = (row["Campaign status"] ?? "").trim().toUpperCase();
  return {
    campaign: {
      id: row["Campaign ID"],
      name: row.Campaign,
      status: (KNOWN_STATUSES as readonly string[]).includes(status) ? (status as (typeof KNOWN_STATUSES)[number]) : "UNKNOWN",
    },
  };
});

const spendRow = csvRow({
  Day: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "is not a day (YYYY-MM-DD)"),
  "Campaign ID": campaignId,
  Cost: amountCell,
  Clicks: countCell,
  "Impr.": countCell,
}).transform((row, ctx): SpendRow => {
  if (row.Cost < 0) ctx.addIssue({ code: "custom", path: ["Cost"], message: "is negative" });
  if (parseDateTime(`${row.Day}T00:00:00Z`) === null)
    ctx.addIssue({ code: "custom", path: ["Day"], message: "is not a real day" });
  return {
    campaign: { id: row["Campaign ID"] },
    segments: { date: row.Day },
    metrics: { costMicros: Math.round(row.Cost * 1_000_000), clicks: row.Clicks, impressions: row["Impr."] },
  };
});

const ADVICE = {
  Campaign: "download the report from Google Ads → Campaigns, which names each campaign",
  "Campaign ID":
    "add the column Campaign ID (Columns → Modify columns → Attributes) and download the report again: without it, spend could be joined to campaigns by name only, and names change",
  Day: "segment the report by day (Segment → Time → Day) and download it again: a report without Day sums its whole date range, which gives no daily spend",
  Cost: "add the column Cost (Columns → Modify columns → Performance) and download the report again",
  Clicks: "add the column Clicks (Columns → Modify columns → Performance) and download the report again",
  "Impr.": "add the column Impr. (Columns → Modify columns → Performance) and download the report again",
};

/** "Total: Account", "Total: Campaigns", … below the rows (in the first cells, whichever column leads). */
function isRecord(cells: readonly string[]): boolean {
  return !cells.slice(0, 3).some((cell) => /^total(:|\s*$)/i.test(cell.trim()));
}

export const googleAdsLayouts: CsvLayout[] = [
  {
    id: "google_ads.campaign_report",
    label: "Google Ads campaign report",
    columns: COLUMNS,
    signature: ["Campaign"],
    excludes: ["Record ID", "Order #"],
    isRecord,
    streams: {
      campaigns: {
        needs: { columns: ["Campaign", "Campaign ID"], advice: ADVICE },
        idColumn: "Campaign ID",
        repeats: true,
        schema: campaignRow,
        map: mapCampaign,
      },
      campaign_spend: {
        needs: { columns: ["Day", "Campaign ID", "Cost", "Clicks", "Impr."], advice: ADVICE },
        idColumn: "Campaign ID",
        schema: spendRow,
        map: mapSpend,
      },
    },
  },
];
