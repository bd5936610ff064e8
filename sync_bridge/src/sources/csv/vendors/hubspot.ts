/**
 * HubSpot's CRM exports (CRM → Contacts / Companies / Deals → Export, "hubspot-crm-exports-…csv"):
 * every value quoted, a "Record ID" column first, then the columns of the exported view under
 * their labels. The default views have no "Last Modified Date" (so `modifiedAt` is null and
 * Odoo's newest-wins rule does not apply); stages are labels ("Closed Won"), not ids.
 */
import { mapCompany, mapContact } from "../../hubspot/mapper";
import type { HubSpotCompany, HubSpotContact, HubSpotDeal } from "../../hubspot/schemas";
import { blankOr, dateTime, optionalText, vendorId } from "../../primitives";
import type { MappedRecord } from "../../source";
import { amountCell, csvRow, currencyCell, dayOrDateTime, idList } from "../cells";
import type { CsvLayout } from "../layout";
import { mapCsvDeal, type DealLabelSettings } from "../mapper";

/** A vendor record whose modification date the export did not carry, and that date. */
export interface ExportedRecord<T> {
  record: T;
  modifiedAt: Date | null;
}

/**
 * Stands in for the modification date in the vendor record the shared mappers read; it never
 * reaches Odoo, since `withModifiedAt` puts the export's own date (or null) in its place.
 */
const NOT_EXPORTED = new Date(0);

function withModifiedAt(mapped: MappedRecord, modifiedAt: Date | null): MappedRecord {
  return { ...mapped, modifiedAt };
}

const modified = { "Last Modified Date": blankOr(dateTime) };
const recordId = { "Record ID": vendorId };

const COMPANY_COLUMNS = {
  "Record ID": [],
  "Company name": ["Name"],
  "Company Domain Name": ["Domain"],
  "Website URL": ["Website"],
  "Phone Number": ["Phone"],
  "Street Address": ["Address"],
  City: [],
  "Postal Code": ["Zip", "Zip Code"],
  "Country/Region": ["Country"],
  Industry: [],
  "Last Modified Date": [],
};

const companyRow = csvRow({
  ...recordId,
  "Company name": optionalText(),
  "Company Domain Name": optionalText(255),
  "Website URL": optionalText(255),
  "Phone Number": optionalText(64),
  "Street Address": optionalText(),
  City: optionalText(255),
  "Postal Code": optionalText(32),
  "Country/Region": optionalText(255),
  Industry: optionalText(255),
  ...modified,
}).transform((row): ExportedRecord<HubSpotCompany> => ({
  record: {
    id: row["Record ID"],
    properties: {
      name: row["Company name"],
      domain: row["Company Domain Name"] ?? row["Website URL"],
      phone: row["Phone Number"],
      address: row["Street Address"],
      city: row.City,
      zip: row["Postal Code"],
      country: row["Country/Region"],
      industry: row.Industry,
      hs_lastmodifieddate: NOT_EXPORTED,
    },
  },
  modifiedAt: row["Last Modified Date"],
}));

const CONTACT_COLUMNS = {
  "Record ID": [],
  "First Name": [],
  "Last Name": [],
  Email: ["Email Address"],
  "Phone Number": ["Phone"],
  "Job Title": [],
  "Primary Associated Company ID": ["Associated Company IDs (Primary)"],
  "Associated Company IDs": [],
  "Associated Company": [],
  "Last Modified Date": [],
};

const contactRow = csvRow({
  ...recordId,
  "First Name": optionalText(255),
  "Last Name": optionalText(255),
  Email: optionalText(254),
  "Phone Number": optionalText(64),
  "Job Title": optionalText(255),
  "Primary Associated Company ID": idList,
  "Associated Company IDs": idList,
  ...modified,
}).transform((row): ExportedRecord<HubSpotContact> => ({
  record: {
    id: row["Record ID"],
    properties: {
      firstname: row["First Name"],
      lastname: row["Last Name"],
      email: row.Email,
      phone: row["Phone Number"],
      jobtitle: row["Job Title"],
      associatedcompanyid: row["Primary Associated Company ID"][0] ?? row["Associated Company IDs"][0] ?? null,
      lastmodifieddate: NOT_EXPORTED,
    },
    associations: { companies: row["Associated Company IDs"] },
  },
  modifiedAt: row["Last Modified Date"],
}));

const DEAL_COLUMNS = {
  "Record ID": [],
  "Deal Name": [],
  "Deal Stage": [],
  Pipeline: [],
  Amount: [],
  "Close Date": [],
  Currency: [],
  "Primary Associated Company ID": ["Associated Company IDs (Primary)"],
  "Associated Company IDs": [],
  "Associated Contact IDs": [],
  "Last Modified Date": [],
};

/** Deals keep HubSpot's stage and pipeline labels; the CSV mapper turns them into ids. */
const dealRow = csvRow({
  ...recordId,
  "Deal Name": optionalText(),
  "Deal Stage": optionalText(255),
  Pipeline: optionalText(255),
  Amount: blankOr(amountCell),
  "Close Date": blankOr(dayOrDateTime),
  Currency: currencyCell,
  "Primary Associated Company ID": idList,
  "Associated Company IDs": idList,
  "Associated Contact IDs": idList,
  ...modified,
}).transform((row): ExportedRecord<HubSpotDeal> => ({
  record: {
    id: row["Record ID"],
    properties: {
      dealname: row["Deal Name"],
      amount: row.Amount ?? null,
      dealstage: row["Deal Stage"],
      pipeline: row.Pipeline,
      closedate: row["Close Date"] ?? null,
      deal_currency_code: row.Currency ?? null,
      hs_lastmodifieddate: NOT_EXPORTED,
    },
    associations: {
      companies: [...new Set([...row["Primary Associated Company ID"], ...row["Associated Company IDs"]])],
      contacts: row["Associated Contact IDs"],
    },
  },
  modifiedAt: row["Last Modified Date"],
}));

const RECORD_ID_ADVICE = {
  "Record ID": "export the records from HubSpot's CRM index page (Export), which always writes Record ID",
};

/** HubSpot's three CRM exports; deals need the settings' stage and pipeline labels. */
export function hubspotLayouts(labels: DealLabelSettings): CsvLayout[] {
  return [
    {
      id: "hubspot.companies",
      label: "HubSpot company export",
      columns: COMPANY_COLUMNS,
      signature: ["Record ID", "Company name"],
      excludes: ["Email", "Deal Name", "First Name"],
      streams: {
        companies: {
          needs: { columns: ["Record ID", "Company name"], advice: RECORD_ID_ADVICE },
          idColumn: "Record ID",
          schema: companyRow,
          map: (row: ExportedRecord<HubSpotCompany>) => withModifiedAt(mapCompany(row.record), row.modifiedAt),
        },
      },
    },
    {
      id: "hubspot.contacts",
      label: "HubSpot contact export",
      columns: CONTACT_COLUMNS,
      signature: ["Record ID", "Email"],
      excludes: ["Deal Name"],
      streams: {
        contacts: {
          needs: { columns: ["Record ID"], advice: RECORD_ID_ADVICE },
          idColumn: "Record ID",
          schema: contactRow,
          map: (row: ExportedRecord<HubSpotContact>) => withModifiedAt(mapContact(row.record), row.modifiedAt),
          notes: (present) =>
            present.has("Primary Associated Company ID") || present.has("Associated Company IDs")
              ? []
              : [
                  'contacts.csv has no company id column ("Primary Associated Company ID" or "Associated Company IDs"): contacts are synced without their company; add the column "Primary Associated Company ID" to the view, or tick "Include associated records" when exporting',
                ],
        },
      },
    },
    {
      id: "hubspot.deals",
      label: "HubSpot deal export",
      columns: DEAL_COLUMNS,
      signature: ["Record ID", "Deal Name"],
      streams: {
        deals: {
          needs: {
            columns: ["Record ID", "Deal Stage"],
            advice: {
              ...RECORD_ID_ADVICE,
              "Deal Stage":
                "add the Deal Stage column to the deals view (Odoo places each opportunity by its stage) and export again",
            },
          },
          idColumn: "Record ID",
          schema: dealRow,
          map: (row: ExportedRecord<HubSpotDeal>) => withModifiedAt(mapCsvDeal(row.record, labels), row.modifiedAt),
        },
      },
    },
  ];
}
