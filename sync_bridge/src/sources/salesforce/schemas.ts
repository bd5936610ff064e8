/**
 * Salesforce REST API payloads (REST API Developer Guide, "Execute a SOQL Query", "Query",
 * "QueryAll", "Status Codes and Error Responses"; Salesforce Help, "OAuth 2.0 Refresh Token Flow").
 *
 * A query answers `{totalSize, done, nextRecordsUrl?, records}`; each record carries
 * `attributes: {type, url}` next to the fields selected. Datetimes come as
 * "2012-07-12T17:49:01.000+0000" (an offset without a colon), dates as "2024-03-31". Errors are a
 * JSON array `[{"message", "errorCode", "fields"?}]`; the OAuth token endpoint answers
 * `{"error", "error_description"}` instead.
 */
import { z } from "zod";
import { blankOr, dateTime, day, decimal, optionalText, text } from "../primitives";

/** A query page; records are validated one by one so that one bad record stays alone. */
export const queryPageSchema = z.object({
  totalSize: z.number().int().nonnegative(),
  done: z.boolean(),
  nextRecordsUrl: z
    .string()
    .regex(/^\/services\/data\/v\d+\.\d\/query\/[A-Za-z0-9-]+$/, "is not a query locator path")
    .optional(),
  records: z.array(z.unknown()),
});
export type QueryPage = z.output<typeof queryPageSchema>;

/** The token endpoint's answer; `instance_url` is where every API call goes. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.string().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  signature: z.string().optional(),
  scope: z.string().optional(),
});

/** The REST API's error body: an array of `{message, errorCode}`. */
export const errorBodySchema = z.array(
  z.looseObject({ message: z.string(), errorCode: z.string(), fields: z.array(z.string()).optional() }),
);

/** The OAuth endpoints' error body, e.g. `{"error": "invalid_grant", "error_description": "expired access/refresh token"}`. */
export const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** A record id: 15 (case-sensitive) or 18 characters. */
export const salesforceId = z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, "is not a Salesforce id");

/**
 * What web-to-lead and the data import wizard write when a required field was left empty
 * ("[not provided]" in Company or LastName): no value for us.
 */
const NOT_PROVIDED = "[not provided]";

/** Optional text where Salesforce's "[not provided]" placeholder means no value. */
function providedText(max = 1000) {
  return optionalText(max).transform((value) => (value === NOT_PROVIDED ? null : value));
}

/** The fields every record of ours carries: `attributes`, `Id` and `SystemModstamp`. */
function sobject<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({
    attributes: z.object({ type: z.literal(type), url: text(300).optional() }),
    Id: salesforceId,
    SystemModstamp: dateTime,
    ...shape,
  });
}

export const ACCOUNT_FIELDS = [
  "Id",
  "Name",
  "Website",
  "Phone",
  "BillingStreet",
  "BillingCity",
  "BillingPostalCode",
  "BillingCountry",
  "Industry",
  "SystemModstamp",
] as const;

export const accountSchema = sobject("Account", {
  Name: text(255).min(1, "is empty"),
  Website: optionalText(255),
  Phone: optionalText(64),
  BillingStreet: optionalText(),
  BillingCity: optionalText(128),
  BillingPostalCode: optionalText(32),
  BillingCountry: optionalText(128),
  Industry: optionalText(128),
});
export type SalesforceAccount = z.output<typeof accountSchema>;

export const CONTACT_FIELDS = ["Id", "FirstName", "LastName", "Email", "Phone", "Title", "AccountId", "SystemModstamp"] as const;

export const contactSchema = sobject("Contact", {
  FirstName: optionalText(40),
  LastName: providedText(80),
  Email: optionalText(254),
  Phone: optionalText(64),
  Title: optionalText(128),
  AccountId: blankOr(salesforceId),
});
export type SalesforceContact = z.output<typeof contactSchema>;

export const LEAD_FIELDS = [
  "Id",
  "FirstName",
  "LastName",
  "Company",
  "Title",
  "Email",
  "Phone",
  "Website",
  "Street",
  "City",
  "PostalCode",
  "Country",
  "Industry",
  "NumberOfEmployees",
  "LeadSource",
  "Description",
  "IsConverted",
  "SystemModstamp",
] as const;

export const leadSchema = sobject("Lead", {
  FirstName: optionalText(40),
  LastName: providedText(80),
  Company: providedText(255),
  Title: optionalText(128),
  Email: optionalText(254),
  Phone: optionalText(64),
  Website: optionalText(255),
  Street: optionalText(),
  City: optionalText(128),
  PostalCode: optionalText(32),
  Country: optionalText(80),
  Industry: optionalText(128),
  NumberOfEmployees: z
    .number()
    .int()
    .nonnegative()
    .max(2_147_483_647)
    .nullish()
    .transform((value) => value ?? null),
  LeadSource: optionalText(128),
  Description: optionalText(32_000),
  IsConverted: z.boolean().default(false),
});
export type SalesforceLead = z.output<typeof leadSchema>;

export const OPPORTUNITY_FIELDS = [
  "Id",
  "Name",
  "Amount",
  "StageName",
  "CloseDate",
  "AccountId",
  "ContactId",
  "SystemModstamp",
] as const;

/** `CurrencyIsoCode` exists only in orgs with multiple currencies enabled: selecting it elsewhere fails. */
export const MULTI_CURRENCY_FIELD = "CurrencyIsoCode";

export const opportunitySchema = sobject("Opportunity", {
  Name: text(120).min(1, "is empty"),
  Amount: blankOr(decimal),
  StageName: text(255).min(1, "is empty"),
  CloseDate: blankOr(day),
  AccountId: blankOr(salesforceId),
  ContactId: blankOr(salesforceId),
  CurrencyIsoCode: blankOr(z.string().regex(/^[A-Z]{3}$/, "is not an ISO currency code")),
});
export type SalesforceOpportunity = z.output<typeof opportunitySchema>;
