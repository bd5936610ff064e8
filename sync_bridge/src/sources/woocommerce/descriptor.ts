/**
 * The WooCommerce connector: products, customers and orders through the shop's REST API v3. Its config
 * block is `sources.woocommerce` (the shop's `baseUrl`, which statuses become which Odoo order
 * state); its secrets the REST API consumer key and secret.
 */
import { z } from "zod";
import { ConfigValidationError } from "../../errors";
import { defineSource } from "../descriptor";
import { WooCommerceClient } from "./client";
import { DEFAULT_ORDER_STATES } from "./mapper";
import { wooCommerceSecrets } from "./secrets";
import { wooCommerceStreams } from "./streams";

/** WooCommerce status → Odoo state (`sources.<name>.orderStates`); statuses missing are dead-lettered. */
export const orderStatesSetting = z.record(z.string(), z.enum(["draft", "sale"])).default(DEFAULT_ORDER_STATES);

export const wooCommerceSource = defineSource({
  name: "woocommerce",
  label: "WooCommerce",
  streams: ["products", "customers", "orders"],
  settings: z.strictObject({
    /** The shop's address, e.g. "https://shop.example.com" */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    pageSize: z.number().int().min(1).max(100).default(100),
    lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
    orderStates: orderStatesSetting,
  }),
  secrets: {
    names: ["WOOCOMMERCE_CONSUMER_KEY", "WOOCOMMERCE_CONSUMER_SECRET"],
    help: ["WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET (sync woocommerce)"],
    offline: { WOOCOMMERCE_CONSUMER_KEY: "offline", WOOCOMMERCE_CONSUMER_SECRET: "offline" },
    read: wooCommerceSecrets,
  },
  create(settings, { env, http, now, offline }) {
    const baseUrl = settings.baseUrl ?? (offline ? "https://offline.invalid" : undefined);
    if (baseUrl === undefined) {
      throw new ConfigValidationError(
        "sources.woocommerce.baseUrl is not set",
        'Set it in the config file to the shop\'s address, e.g. "baseUrl": "https://shop.example.com".',
      );
    }
    const { key, secret } = wooCommerceSecrets(env);
    const client = new WooCommerceClient({ ...http, baseUrl: baseUrl.replace(/\/+$/, "") }, key, secret);
    return {
      streams: wooCommerceStreams(client, {
        pageSize: settings.pageSize,
        lookbackMs: settings.lookbackSeconds * 1000,
        orderStates: settings.orderStates,
        now,
      }),
    };
  },
});
