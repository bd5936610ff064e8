/**
 * Shopify GraphQL Admin API adapter: one endpoint per shop and API version, authenticated with
 * `X-Shopify-Access-Token`. Shopify answers HTTP 200 to a query that failed, with `errors`
 * instead of (or beside) `data`: such an answer is an error here, never an empty page. Rate
 * limiting is by query cost, with a leaky bucket the answer reports in `extensions.cost`: the
 * client waits before a query the bucket cannot pay yet, and a `THROTTLED` error is retried
 * after the time the bucket needs to refill.
 */
import { AuthAPIError, FatalAPIError, RetriableAPIError } from "../../errors";
import { VendorHttpClient, expectShape, type VendorAnswer, type VendorClientOptions, type VendorRequest } from "../http_client";
import { connectionSchema, envelopeSchema, errorBodySchema, type ConnectionPage, type QueryCost } from "./schemas";

export interface ShopifyClientOptions extends Omit<VendorClientOptions, "vendor" | "baseUrl"> {
  /** The shop's domain, e.g. "my-shop.myshopify.com". */
  shop: string;
  /** e.g. "2025-10" */
  apiVersion: string;
  /** Override to wait another way (tests); the default is a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms; tests pin it. */
  clock?: () => number;
}

/** The time the bucket needs before it holds `needed` points, in ms (0 when it already does). */
export function refillMs(status: QueryCost["throttleStatus"], needed: number): number {
  const missing = Math.min(needed, status.maximumAvailable) - status.currentlyAvailable;
  return missing <= 0 ? 0 : Math.ceil((missing / status.restoreRate) * 1000);
}

/** Error codes Shopify puts in `errors[].extensions.code` that mean the token may not do this. */
const ACCESS_CODES = new Set(["ACCESS_DENIED", "UNAUTHORIZED", "FORBIDDEN"]);

export class ShopifyClient extends VendorHttpClient {
  /** Cost of the last query, the best guess of the next one's. */
  private lastRequested = 0;
  /** Earliest time the bucket holds `lastRequested` again. */
  private notBefore = 0;

  constructor(
    private readonly shopifyOptions: ShopifyClientOptions,
    private readonly accessToken: string,
  ) {
    super({
      ...shopifyOptions,
      vendor: "Shopify",
      baseUrl: `https://${shopifyOptions.shop}/admin/api/${shopifyOptions.apiVersion}`,
    });
  }

  private now(): number {
    return (this.shopifyOptions.clock ?? Date.now)();
  }

  /** Override to authenticate differently; the default sends the Admin API access token. */
  protected override async authHeaders(): Promise<Record<string, string>> {
    return { "X-Shopify-Access-Token": this.accessToken };
  }

  /** Reads Shopify's `{errors: "..."}` body. */
  protected override describeError(status: number, body: unknown): string {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return super.describeError(status, body);
    const { errors } = parsed.data;
    return typeof errors === "string" ? errors : errors.map((error) => error.message).join("; ");
  }

  /** One attempt; a 200 carrying GraphQL errors becomes the error it stands for. */
  protected override async send(request: VendorRequest): Promise<VendorAnswer> {
    const answer = await super.send(request);
    const envelope = expectShape(envelopeSchema, answer.body, "Shopify GraphQL");
    const cost = envelope.extensions?.cost;
    if (cost) {
      this.lastRequested = cost.requestedQueryCost;
      this.notBefore = this.now() + refillMs(cost.throttleStatus, cost.requestedQueryCost);
    }
    const errors = envelope.errors;
    if (errors === undefined || (Array.isArray(errors) && errors.length === 0)) {
      if (envelope.data === undefined || envelope.data === null) {
        throw new FatalAPIError("Shopify answered a GraphQL response without data", {
          status: answer.status,
          response: answer.body,
        });
      }
      return answer;
    }
    const list = typeof errors === "string" ? [{ message: errors, extensions: undefined }] : errors;
    const message = `Shopify refused the query: ${list.map((error) => error.message).join("; ")}`;
    const codes = list.map((error) => error.extensions?.code);
    if (codes.includes("THROTTLED")) {
      // The bucket cannot pay this query yet: wait until it can, then try again.
      const wait = cost ? refillMs(cost.throttleStatus, cost.requestedQueryCost) : undefined;
      throw new RetriableAPIError(`${message} (THROTTLED)`, { status: 429, retryAfterMs: wait, response: answer.body });
    }
    if (codes.some((code) => code !== undefined && ACCESS_CODES.has(code))) {
      throw new AuthAPIError(message, { status: answer.status, response: answer.body });
    }
    const code = codes.find((value) => value !== undefined);
    if (code === "MAX_COST_EXCEEDED") {
      throw new FatalAPIError(`${message}: lower sources.shopify.orderPageSize or lineItemsPerOrder in the bridge config`, {
        status: answer.status,
        response: answer.body,
      });
    }
    throw new FatalAPIError(code ? `${message} (${code})` : message, { status: answer.status, response: answer.body });
  }

  /** Runs `query` and returns its `data`, after waiting for the bucket to afford it. */
  async query(query: string, variables: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const wait = this.notBefore - this.now();
    if (wait > 0 && this.lastRequested > 0) {
      await (this.shopifyOptions.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms))))(wait);
    }
    const answer = await this.request({ method: "POST", path: "/graphql.json", body: { query, variables } });
    return (answer.body as { data: Record<string, unknown> }).data;
  }

  /** One page of the connection at `data[field]` of `query`. */
  async connection(query: string, field: string, variables: Readonly<Record<string, unknown>>): Promise<ConnectionPage> {
    const data = await this.query(query, variables);
    return expectShape(connectionSchema, data[field], `Shopify ${field}`);
  }
}
