/**
 * HubSpot CRM v3 payloads, as documented for `POST /crm/v3/objects/{object}/search` and
 * `POST /crm/v4/associations/{from}/{to}/batch/read`. Property values always arrive as strings
 * (or null); dates are ISO-8601 UTC strings such as "2019-10-30T03:30:17.883Z".
 */
import { z } from "zod";
import { blankOr, dateTime, decimal, numericOrStringId, optionalText, text, vendorId } from "../primitives";

/**
 * The search envelope, also that of the list endpoint (`GET /crm/v3/objects/{object}`, e.g. the
 * archived records); `results` are validated one by one so that one bad record stays alone.
 */
export const searchPageSchema = z.object({
  total: z.number().int().nonnegative().optional(),
  results: z.array(z.unknown()),
  paging: z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() }).optional(),
});
export type SearchPage = z.output<typeof searchPageSchema>;

/**
 * `POST /crm/v4/associations/{from}/{to}/batch/read`: each record with the ids it points to.
 * `toObjectId` is a number in older answers and a string in the current reference; a result may
 * carry its own `paging` (more associations than one answer holds) and the answer `errors` (207).
 */
export const associationPageSchema = z.object({
  status: z.string().optional(),
  results: z.array(
    z.object({
      from: z.object({ id: numericOrStringId }),
      to: z.array(
        z.object({
          toObjectId: numericOrStringId,
          associationTypes: z.array(z.object({ typeId: z.number().int().optional(), label: z.string().nullish() })).optional(),
        }),
      ),
    }),
  ),
});
export type AssociationPage = z.output<typeof associationPageSchema>;

/** The fields every CRM object carries next to its properties. */
function crmObject<P extends z.ZodRawShape>(properties: P) {
  return z.object({
    id: vendorId,
    properties: z.object(properties),
    createdAt: dateTime.optional(),
    updatedAt: dateTime.optional(),
    archived: z.boolean().optional(),
  });
}

/** Companies: the properties the bridge asks for. */
export const COMPANY_PROPERTIES = [
  "name",
  "domain",
  "phone",
  "address",
  "city",
  "zip",
  "country",
  "industry",
  "hs_lastmodifieddate",
] as const;

export const companySchema = crmObject({
  name: optionalText(),
  domain: optionalText(255),
  phone: optionalText(64),
  address: optionalText(),
  city: optionalText(255),
  zip: optionalText(32),
  country: optionalText(255),
  industry: optionalText(255),
  hs_lastmodifieddate: dateTime,
});
export type HubSpotCompany = z.output<typeof companySchema>;

/** Contacts: `lastmodifieddate` (not `hs_lastmodifieddate`) is their modification date. */
export const CONTACT_PROPERTIES = [
  "firstname",
  "lastname",
  "email",
  "phone",
  "jobtitle",
  "associatedcompanyid",
  "lastmodifieddate",
] as const;

export const contactSchema = crmObject({
  firstname: optionalText(255),
  lastname: optionalText(255),
  email: optionalText(254),
  phone: optionalText(64),
  jobtitle: optionalText(255),
  associatedcompanyid: blankOr(vendorId),
  lastmodifieddate: dateTime,
}).extend({
  /**
   * The contact's company from the v4 associations (the primary one, or the only one), which the
   * stream reads when `associatedcompanyid` is empty; not part of the search answer.
   */
  associations: z.object({ companies: z.array(vendorId).default([]) }).default({ companies: [] }),
});
export type HubSpotContact = z.output<typeof contactSchema>;

export const DEAL_PROPERTIES = [
  "dealname",
  "amount",
  "dealstage",
  "pipeline",
  "closedate",
  "deal_currency_code",
  "hs_lastmodifieddate",
] as const;

/** Deals, with the associations the client reads alongside (not part of the search answer). */
export const dealSchema = crmObject({
  dealname: optionalText(),
  amount: blankOr(decimal),
  dealstage: optionalText(100),
  pipeline: optionalText(100),
  closedate: blankOr(dateTime),
  deal_currency_code: blankOr(z.string().regex(/^[A-Z]{3}$/, "is not an ISO currency code")),
  hs_lastmodifieddate: dateTime,
}).extend({
  associations: z
    .object({ companies: z.array(vendorId).default([]), contacts: z.array(vendorId).default([]) })
    .default({ companies: [], contacts: [] }),
});
export type HubSpotDeal = z.output<typeof dealSchema>;

/** HubSpot's error body: `{status: "error", message, correlationId, category}`. */
export const errorBodySchema = z.looseObject({
  message: text(2000),
  category: z.string().optional(),
  correlationId: z.string().optional(),
});
