/**
 * Shopify GraphQL Admin API payloads (`POST /admin/api/{version}/graphql.json`), as the API
 * reference shows them: every answer is `{data, errors?, extensions: {cost}}` with HTTP 200 even
 * when the query failed (a `THROTTLED` error included); connections carry `pageInfo` and `nodes`
 * (or `edges[].node`); ids are global ids ("gid://shopify/Order/148977776"); money is
 * `{amount: "2000.0", currencyCode}`; fields the query did not ask for are simply absent.
 */
import { z } from "zod";
import { dateTime, decimal, optionalText, text } from "../primitives";

/** `extensions.cost`: what the query was charged and what is left in the app's bucket. */
export const costSchema = z.looseObject({
  requestedQueryCost: z.number().nonnegative(),
  actualQueryCost: z.number().nonnegative().nullish(),
  throttleStatus: z.looseObject({
    maximumAvailable: z.number().positive(),
    currentlyAvailable: z.number().nonnegative(),
    restoreRate: z.number().positive(),
  }),
});
export type QueryCost = z.output<typeof costSchema>;

export const graphqlErrorSchema = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().optional() }).optional(),
});

/** The answer's envelope; `data` is read by the caller. */
export const envelopeSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z.union([z.array(graphqlErrorSchema), z.string()]).optional(),
  extensions: z.looseObject({ cost: costSchema.optional() }).optional(),
});

/** A connection page: `nodes`, or `edges[].node` as in some reference examples. */
export const connectionSchema = z
  .object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().max(2000).nullish() }),
    nodes: z.array(z.unknown()).optional(),
    edges: z.array(z.object({ node: z.unknown() })).optional(),
  })
  .transform((page) => ({
    hasNextPage: page.pageInfo.hasNextPage,
    endCursor: page.pageInfo.endCursor ?? null,
    nodes: page.nodes ?? (page.edges ?? []).map((edge) => edge.node),
  }));
export type ConnectionPage = z.output<typeof connectionSchema>;

/** A global id of `type`, e.g. "gid://shopify/Customer/544365967". */
export function gid(type: string) {
  return z.string().regex(new RegExp(`^gid://shopify/${type}/\\d{1,19}(\\?.*)?$`), `is not a ${type} id`);
}

const money = z.object({
  amount: decimal,
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

export const mailingAddressSchema = z
  .looseObject({
    firstName: optionalText(255),
    lastName: optionalText(255),
    address1: optionalText(),
    address2: optionalText(),
    city: optionalText(255),
    zip: optionalText(32),
    country: optionalText(64),
    countryCodeV2: optionalText(8),
    phone: optionalText(64),
  })
  .nullish();

export const customerSchema = z.looseObject({
  id: gid("Customer"),
  firstName: optionalText(255),
  lastName: optionalText(255),
  defaultEmailAddress: z.looseObject({ emailAddress: optionalText(254) }).nullish(),
  defaultPhoneNumber: z.looseObject({ phoneNumber: optionalText(64) }).nullish(),
  createdAt: dateTime.optional(),
  updatedAt: dateTime.optional(),
  defaultAddress: mailingAddressSchema,
});
export type ShopifyCustomer = z.output<typeof customerSchema>;

/** `UTMParameters` of a visit. */
const utmSchema = z
  .looseObject({
    campaign: optionalText(256),
    content: optionalText(256),
    medium: optionalText(128),
    source: optionalText(128),
    term: optionalText(256),
  })
  .nullish();

/** `CustomerVisit`: one session of the customer's journey to the order. */
export const visitSchema = z
  .looseObject({
    id: z.string().optional(),
    occurredAt: dateTime,
    landingPage: optionalText(2048),
    referrerUrl: optionalText(2048),
    source: optionalText(255),
    sourceType: optionalText(64),
    utmParameters: utmSchema,
  })
  .nullish();
export type ShopifyVisit = NonNullable<z.output<typeof visitSchema>>;

export const lineItemSchema = z.looseObject({
  name: text(1000),
  quantity: z.number().int().positive().max(1_000_000),
  sku: optionalText(128),
  originalUnitPriceSet: z.object({ shopMoney: money }).optional(),
  product: z.object({ id: gid("Product") }).nullish(),
});
export type ShopifyLineItem = z.output<typeof lineItemSchema>;

export const orderSchema = z.looseObject({
  id: gid("Order"),
  name: text(64).optional(),
  createdAt: dateTime,
  updatedAt: dateTime.optional(),
  cancelledAt: dateTime.nullish(),
  displayFinancialStatus: text(64).nullish(),
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/, "is not an ISO currency code")
    .optional(),
  totalPriceSet: z.object({ shopMoney: money }).optional(),
  email: optionalText(254),
  customer: z.object({ id: gid("Customer") }).nullish(),
  billingAddress: mailingAddressSchema,
  lineItems: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean() }).optional(),
    nodes: z.array(lineItemSchema).max(250).optional(),
    edges: z
      .array(z.object({ node: lineItemSchema }))
      .max(250)
      .optional(),
  }),
  customerJourneySummary: z
    .looseObject({ ready: z.boolean().optional(), firstVisit: visitSchema, lastVisit: visitSchema })
    .nullish(),
});
export type ShopifyOrder = z.output<typeof orderSchema>;

/** A `BasicEvent` of the `events` query (a deletion: `action` "destroy"). */
export const deletionEventSchema = z.looseObject({
  id: z.string(),
  action: z.string().optional(),
  subjectId: z.string().nullish(),
  subjectType: z.string().optional(),
  createdAt: z.string().optional(),
});

/** Shopify's REST-style error body on 401/403/404: `{errors: "..."}`. */
export const errorBodySchema = z.looseObject({ errors: z.union([z.string(), z.array(graphqlErrorSchema)]) });
