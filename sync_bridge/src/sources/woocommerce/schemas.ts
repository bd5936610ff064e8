/**
 * WooCommerce REST API v3 payloads (`GET /wp-json/wc/v3/products`, `/customers`, `/orders`), as
 * documented in woocommerce-rest-api-docs: ids are integers, amounts decimal strings ("29.35"),
 * `*_gmt` dates ISO-8601 without an offset ("2017-03-22T19:28:02"), `customer_id` 0 for a guest,
 * `sku` "" where the shop gave none (WooCommerce never requires one) and `price` "" for a
 * variable product, whose variations carry the prices.
 */
import { z } from "zod";
import { dateTime, decimal, optionalText, text } from "../primitives";

const wooId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A billing or shipping address; WooCommerce sends "" for empty fields. */
export const addressSchema = z
  .object({
    first_name: optionalText(255),
    last_name: optionalText(255),
    company: optionalText(255),
    address_1: optionalText(),
    address_2: optionalText(),
    city: optionalText(255),
    state: optionalText(255),
    postcode: optionalText(32),
    country: optionalText(64),
    email: optionalText(254),
    phone: optionalText(64),
  })
  .prefault({});
export type WooAddress = z.output<typeof addressSchema>;

export const customerSchema = z.object({
  id: wooId,
  date_created_gmt: dateTime.nullish(),
  date_modified_gmt: dateTime.nullish(),
  email: optionalText(254),
  first_name: optionalText(255),
  last_name: optionalText(255),
  username: optionalText(255),
  billing: addressSchema,
});
export type WooCustomer = z.output<typeof customerSchema>;

/** `meta_data[]`: values are whatever plugins stored; only strings are read. */
export const metaSchema = z.array(z.object({ id: z.number().int().optional(), key: text(255), value: z.unknown() })).max(500);

export const lineItemSchema = z.object({
  id: z.number().int().optional(),
  name: text(1000),
  /** 0 when the product was deleted from the shop since. */
  product_id: z.number().int().nonnegative().optional(),
  /** The variation sold, 0 for a simple product. */
  variation_id: z.number().int().nonnegative().optional(),
  quantity: z.number().positive().max(1_000_000),
  sku: optionalText(128),
  price: decimal,
  subtotal: decimal.optional(),
  total: decimal.optional(),
});
export type WooLineItem = z.output<typeof lineItemSchema>;

export const ORDER_STATUSES = [
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
  "checkout-draft",
] as const;

export const orderSchema = z.object({
  id: wooId,
  number: text(64).optional(),
  status: text(64).min(1, "is empty"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "is not an ISO currency code")
    .optional(),
  date_created_gmt: dateTime,
  date_modified_gmt: dateTime.nullish(),
  customer_id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  billing: addressSchema,
  line_items: z.array(lineItemSchema).max(1000),
  meta_data: metaSchema.default([]),
});
export type WooOrder = z.output<typeof orderSchema>;

/** A product: `price` is "" for a variable product and for one without a price. */
export const productSchema = z.object({
  id: wooId,
  name: text(2000),
  type: text(64).optional(),
  status: text(64).optional(),
  sku: optionalText(128),
  price: z
    .union([z.literal(""), decimal])
    .nullish()
    .transform((value) => (value === "" || value === null || value === undefined ? null : value)),
  date_created_gmt: dateTime.nullish(),
  date_modified_gmt: dateTime.nullish(),
});
export type WooProduct = z.output<typeof productSchema>;

/** WooCommerce's error body: `{code, message, data: {status}}`. */
export const errorBodySchema = z.looseObject({ code: z.string(), message: z.string() });
