/**
 * The Shopify connector: customers and orders (with the customer journey of each order) through
 * the GraphQL Admin API. Its config block is `sources.shopify` (the shop's domain, the API
 * version, which financial statuses become which Odoo order state); its secret the Admin API
 * access token of the shop's custom app.
 */
import { z } from "zod";
import { ConfigValidationError } from "../../errors";
import { defineSource } from "../descriptor";
import { ShopifyClient } from "./client";
import { DEFAULT_ORDER_STATES } from "./mapper";
import { shopifySecrets } from "./secrets";
import { shopifyStreams } from "./streams";

export const shopifySource = defineSource({
  name: "shopify",
  label: "Shopify",
  streams: ["customers", "orders"],
  settings: z.strictObject({
    /** The shop's domain, e.g. "my-shop.myshopify.com" */
    shop: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i,
        'must be the shop\'s domain, e.g. "my-shop.myshopify.com"',
      )
      .optional(),
    /** The GraphQL Admin API version, e.g. "2025-10"; Shopify supports each for a year. */
    apiVersion: z
      .string()
      .regex(/^20\d{2}-(01|04|07|10)$/, 'must be a version such as "2025-10"')
      .default("2025-10"),
    pageSize: z.number().int().min(1).max(250).default(100),
    /** Orders per page; with `lineItemsPerOrder` it sets a query's cost, which Shopify caps at 1,000 points. */
    orderPageSize: z.number().int().min(1).max(250).default(5),
    lineItemsPerOrder: z.number().int().min(1).max(250).default(30),
    lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
    /** Shopify `displayFinancialStatus` → Odoo state; statuses missing are dead-lettered. */
    orderStates: z.record(z.string(), z.enum(["draft", "sale"])).default(DEFAULT_ORDER_STATES),
  }),
  secrets: {
    names: ["SHOPIFY_ACCESS_TOKEN"],
    help: ["SHOPIFY_ACCESS_TOKEN   Admin API token, read_customers + read_orders (sync shopify)"],
    offline: { SHOPIFY_ACCESS_TOKEN: "offline" },
    read: shopifySecrets,
  },
  create(settings, { env, http, offline }) {
    const shop = settings.shop ?? (offline ? "offline.invalid" : undefined);
    if (shop === undefined) {
      throw new ConfigValidationError(
        "sources.shopify.shop is not set",
        'Set it in the config file to the shop\'s domain, e.g. "shop": "my-shop.myshopify.com".',
      );
    }
    const client = new ShopifyClient({ ...http, shop, apiVersion: settings.apiVersion }, shopifySecrets(env));
    return {
      streams: shopifyStreams(client, {
        pageSize: settings.pageSize,
        orderPageSize: settings.orderPageSize,
        lineItemsPerOrder: settings.lineItemsPerOrder,
        lookbackMs: settings.lookbackSeconds * 1000,
        orderStates: settings.orderStates,
      }),
    };
  },
});
