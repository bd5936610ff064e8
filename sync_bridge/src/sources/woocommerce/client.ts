/**
 * WooCommerce REST API v3 adapter: page-numbered lists (`?page=N&per_page=M`) whose size the
 * shop reports in the `X-WP-Total` and `X-WP-TotalPages` headers, with the REST API keys as
 * HTTP Basic credentials (WooCommerce accepts them over HTTPS).
 */
import { z } from "zod";
import { VendorHttpClient, expectShape, type QueryValue, type VendorClientOptions } from "../http_client";
import { errorBodySchema } from "./schemas";

/** A page of a list endpoint. */
export interface WooPage {
  records: unknown[];
  /** From `X-WP-TotalPages`; `undefined` when the shop (or a proxy) dropped the header. */
  totalPages: number | undefined;
  /** The shop's clock at answer time (`Date` header), for cursors that must not depend on ours. */
  serverTime: Date | undefined;
}

/** The list endpoints the connector reads. */
export type WooResource = "products" | "customers" | "orders";

export class WooCommerceClient extends VendorHttpClient {
  constructor(
    options: Omit<VendorClientOptions, "vendor">,
    private readonly consumerKey: string,
    private readonly consumerSecret: string,
  ) {
    super({ ...options, vendor: "WooCommerce" });
  }

  /** Override to authenticate differently; the default sends the API keys as HTTP Basic. */
  protected override async authHeaders(): Promise<Record<string, string>> {
    const token = Buffer.from(`${this.consumerKey}:${this.consumerSecret}`).toString("base64");
    return { Authorization: `Basic ${token}` };
  }

  /** Reads WooCommerce's `{code, message}` error body. */
  protected override describeError(status: number, body: unknown): string {
    const parsed = errorBodySchema.safeParse(body);
    return parsed.success ? `${parsed.data.message} (${parsed.data.code})` : super.describeError(status, body);
  }

  /** One page of `GET /wp-json/wc/v3/{resource}`. */
  async list(resource: WooResource, query: Readonly<Record<string, QueryValue>>): Promise<WooPage> {
    const answer = await this.request({ path: `/wp-json/wc/v3/${resource}`, query });
    const records = expectShape(z.array(z.unknown()), answer.body, `WooCommerce ${resource} list`);
    const totalPages = Number(answer.headers.get("x-wp-totalpages"));
    const date = answer.headers.get("date");
    const serverTime = date === null ? undefined : new Date(date);
    return {
      records,
      totalPages: Number.isInteger(totalPages) && totalPages >= 0 ? totalPages : undefined,
      serverTime: serverTime && !Number.isNaN(serverTime.getTime()) ? serverTime : undefined,
    };
  }
}
