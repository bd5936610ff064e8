/**
 * CSV exports, one file per stream, validated row by row and reshaped into the records of the
 * vendor's API so that the same pure mappers apply:
 * - companies.csv, contacts.csv, deals.csv: HubSpot's CRM export ("Record ID", "Last Modified Date", …);
 * - campaigns.csv, campaign_spend.csv: a Google Ads report download (costs in currency, not micros);
 * - customers.csv, orders.csv: WooCommerce's customer and order export (one row per order, items
 *   in `line_item_<n>` cells "name:…|sku:…|quantity:…|total:…", meta in `meta:<key>` columns).
 */
import { z } from "zod";
import type { SpendRow, CampaignRow } from "../google_ads/schemas";
import type { HubSpotCompany, HubSpotContact, HubSpotDeal } from "../hubspot/schemas";
import { blankOr, dateTime, decimal, optionalText, parseDateTime, text, vendorId } from "../primitives";
import type { WooCustomer, WooOrder } from "../woocommerce/schemas";

/** A row with the named columns, and no cells beyond the header. */
function csvRow<S extends z.ZodRawShape>(shape: S) {
  return z.looseObject(shape).superRefine((row, ctx) => {
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith("_extra_") && String(value).trim() !== "") {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "has more cells than the header (a comma inside an unquoted field?)",
        });
      }
    }
  });
}

/** A day ("2024-05-31") or a datetime ("2024-05-31 14:22"), as a Date in UTC. */
const dayOrDateTime = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const date = parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
    if (date === null) {
      ctx.addIssue({ code: "custom", message: `is not a valid date: ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    return date;
  });

/** "123;456" → the ids, in order. */
const idList = blankOr(text(2000)).transform((value) =>
  value
    ? value
        .split(/[;,]/)
        .map((id) => id.trim())
        .filter((id) => id !== "")
    : [],
);
/** A count as Google Ads prints it: "1,234", or "--" for none. */
const reportCount = z
  .string()
  .max(20)
  .transform((value, ctx) => {
    const cleaned = value.trim() === "--" || value.trim() === "" ? "0" : value.replace(/,/g, "").trim();
    if (!/^\d+$/.test(cleaned)) {
      ctx.addIssue({ code: "custom", message: `is not a count: ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return Number(cleaned);
  });

export const companyRow = csvRow({
  "Record ID": vendorId,
  "Company name": optionalText(),
  "Company Domain Name": optionalText(255),
  "Phone Number": optionalText(64),
  "Street Address": optionalText(),
  City: optionalText(255),
  "Postal Code": optionalText(32),
  "Country/Region": optionalText(255),
  Industry: optionalText(255),
  "Last Modified Date": dateTime,
}).transform((row): HubSpotCompany => ({
  id: row["Record ID"],
  properties: {
    name: row["Company name"],
    domain: row["Company Domain Name"],
    phone: row["Phone Number"],
    address: row["Street Address"],
    city: row.City,
    zip: row["Postal Code"],
    country: row["Country/Region"],
    industry: row.Industry,
    hs_lastmodifieddate: row["Last Modified Date"],
  },
}));

export const contactRow = csvRow({
  "Record ID": vendorId,
  "First Name": optionalText(255),
  "Last Name": optionalText(255),
  Email: optionalText(254),
  "Phone Number": optionalText(64),
  "Job Title": optionalText(255),
  "Associated Company IDs": idList,
  "Last Modified Date": dateTime,
}).transform((row): HubSpotContact => ({
  id: row["Record ID"],
  properties: {
    firstname: row["First Name"],
    lastname: row["Last Name"],
    email: row.Email,
    phone: row["Phone Number"],
    jobtitle: row["Job Title"],
    associatedcompanyid: row["Associated Company IDs"][0] ?? null,
    lastmodifieddate: row["Last Modified Date"],
  },
}));

/** Deals keep HubSpot's stage and pipeline labels; the CSV mapper turns them into ids. */
export const dealRow = csvRow({
  "Record ID": vendorId,
  "Deal Name": optionalText(),
  "Deal Stage": optionalText(255),
  Pipeline: optionalText(255),
  Amount: blankOr(decimal),
  "Close Date": blankOr(dayOrDateTime),
  Currency: blankOr(z.string().regex(/^[A-Z]{3}$/, "is not an ISO currency code")),
  "Associated Company IDs": idList,
  "Associated Contact IDs": idList,
  "Last Modified Date": dateTime,
}).transform((row): HubSpotDeal => ({
  id: row["Record ID"],
  properties: {
    dealname: row["Deal Name"],
    amount: row.Amount ?? null,
    dealstage: row["Deal Stage"],
    pipeline: row.Pipeline,
    closedate: row["Close Date"] ?? null,
    deal_currency_code: row.Currency ?? null,
    hs_lastmodifieddate: row["Last Modified Date"],
  },
  associations: { companies: row["Associated Company IDs"], contacts: row["Associated Contact IDs"] },
}));

const campaignId = z.string().regex(/^\d{1,19}$/, "is not a campaign id");

export const campaignRow = csvRow({
  Campaign: text(255).min(1, "is empty"),
  "Campaign ID": campaignId,
  "Campaign status": z.string().max(40).optional(),
}).transform((row): CampaignRow => {
  const status = (row["Campaign status"] ?? "").trim().toUpperCase();
  const known = ["ENABLED", "PAUSED", "REMOVED"] as const;
  return {
    campaign: {
      id: row["Campaign ID"],
      name: row.Campaign,
      status: (known as readonly string[]).includes(status) ? (status as (typeof known)[number]) : "UNKNOWN",
    },
  };
});

export const spendRow = csvRow({
  Day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "is not a day (YYYY-MM-DD)"),
  "Campaign ID": campaignId,
  // Google Ads prints "--" for a day without cost.
  Cost: z.preprocess((value) => (typeof value === "string" && value.trim() === "--" ? 0 : value), decimal),
  Clicks: reportCount,
  "Impr.": reportCount,
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

const wooIdCell = z
  .string()
  .regex(/^\d{1,15}$/, "is not a WooCommerce id")
  .transform(Number);

export const customerRow = csvRow({
  customer_id: wooIdCell,
  user_login: optionalText(255),
  user_email: optionalText(254),
  first_name: optionalText(255),
  last_name: optionalText(255),
  user_registered: blankOr(dateTime),
  billing_phone: optionalText(64),
  billing_address_1: optionalText(),
  billing_city: optionalText(255),
  billing_postcode: optionalText(32),
  billing_country: optionalText(64),
}).transform((row): WooCustomer => ({
  id: row.customer_id,
  date_created_gmt: row.user_registered ?? null,
  date_modified_gmt: null,
  email: row.user_email,
  first_name: row.first_name,
  last_name: row.last_name,
  username: row.user_login,
  billing: {
    first_name: null,
    last_name: null,
    company: null,
    address_1: row.billing_address_1,
    address_2: null,
    city: row.billing_city,
    state: null,
    postcode: row.billing_postcode,
    country: row.billing_country,
    email: row.user_email,
    phone: row.billing_phone,
  },
}));

/** "name:Office Chair|sku:FURN_7777|quantity:2|total:140.00" → its fields. */
export function parseLineItemCell(cell: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of cell.split("|")) {
    const colon = part.indexOf(":");
    if (colon > 0) fields[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  return fields;
}

const lineCell = z.object({
  name: text(1000).min(1, "has no name"),
  sku: optionalText(128),
  quantity: decimal.refine((quantity) => quantity > 0, "must be positive"),
  total: decimal,
});

export const orderRow = csvRow({
  order_id: wooIdCell,
  order_number: optionalText(64),
  order_date: dateTime,
  status: text(64).min(1, "is empty"),
  order_currency: blankOr(z.string().regex(/^[A-Z]{3}$/, "is not an ISO currency code")),
  // A guest's order has no customer: "" or "0".
  customer_id: blankOr(wooIdCell).transform((id) => id ?? 0),
  customer_email: optionalText(254),
  billing_first_name: optionalText(255),
  billing_last_name: optionalText(255),
  billing_phone: optionalText(64),
  billing_city: optionalText(255),
  billing_postcode: optionalText(32),
  billing_country: optionalText(64),
}).transform((row, ctx): WooOrder => {
  const cells = Object.entries(row)
    .filter(([key, value]) => /^line_item_\d+$/.test(key) && typeof value === "string" && value.trim() !== "")
    .sort(([a], [b]) => Number(a.slice(10)) - Number(b.slice(10)));
  const lineItems = cells.flatMap(([key, value]) => {
    const parsed = lineCell.safeParse(parseLineItemCell(String(value)));
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: [key], message: z.prettifyError(parsed.error).replace(/\n/g, " ") });
      return [];
    }
    const { name, sku, quantity, total } = parsed.data;
    return [{ name, sku, quantity, price: Math.round((total / quantity) * 100) / 100 }];
  });
  const meta = Object.entries(row)
    .filter(([key, value]) => key.startsWith("meta:") && typeof value === "string" && value !== "")
    .map(([key, value]) => ({ key: key.slice(5), value: String(value).slice(0, 1000) }));
  return {
    id: row.order_id,
    number: row.order_number ?? undefined,
    // Exports write statuses with WordPress's "wc-" post-status prefix.
    status: row.status.replace(/^wc-/, ""),
    currency: row.order_currency ?? undefined,
    date_created_gmt: row.order_date,
    date_modified_gmt: null,
    customer_id: row.customer_id,
    billing: {
      first_name: row.billing_first_name,
      last_name: row.billing_last_name,
      company: null,
      address_1: null,
      address_2: null,
      city: row.billing_city,
      state: null,
      postcode: row.billing_postcode,
      country: row.billing_country,
      email: row.customer_email,
      phone: row.billing_phone,
    },
    line_items: lineItems,
    meta_data: meta,
  };
});
