/**
 * Salesforce adapter: SOQL through the REST API's `query` and `queryAll` resources, paged by
 * `nextRecordsUrl`, with an OAuth 2 access token got from a refresh token.
 *
 * - The token endpoint (`POST {loginUrl}/services/oauth2/token`, grant_type=refresh_token) answers
 *   the access token and the `instance_url` every API call then goes to.
 * - A 401 (`INVALID_SESSION_ID`: the session expired) gets one new token, then one more try.
 * - The API request limit is a rolling 24-hour allocation shared by the whole org. Salesforce
 *   answers 403 with `REQUEST_LIMIT_EXCEEDED` once it is spent, and reports the usage in every
 *   answer's `Sforce-Limit-Info: api-usage=used/max` header. Retrying within minutes cannot help,
 *   so the client stops (without retrying) on that 403, and stops by itself before the org's
 *   usage passes `maxApiUsagePercent`, leaving the rest to the org's other integrations.
 */
import { AuthAPIError, FatalAPIError, type APIErrorDetails } from "../../errors";
import { VendorHttpClient, expectShape, type VendorAnswer, type VendorClientOptions } from "../http_client";
import { errorBodySchema, oauthErrorSchema, queryPageSchema, tokenSchema, type QueryPage } from "./schemas";

export interface SalesforceCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SalesforceClientOptions extends Omit<VendorClientOptions, "vendor" | "baseUrl"> {
  /** e.g. https://login.salesforce.com (https://test.salesforce.com for a sandbox) */
  loginUrl: string;
  /** e.g. "v62.0" */
  apiVersion: string;
  /** Records per query page, 200 to 2000 (the `Sforce-Query-Options: batchSize` header). */
  batchSize: number;
  /** Stop before the org's daily API usage passes this share, in percent. */
  maxApiUsagePercent: number;
}

/** The org's API usage, from `Sforce-Limit-Info: api-usage=18/5000`. */
export interface ApiUsage {
  used: number;
  max: number;
}

/** Reads `api-usage=used/max` from a `Sforce-Limit-Info` header; `null` when absent or unreadable. */
export function parseLimitInfo(header: string | null): ApiUsage | null {
  const match = header === null ? null : /api-usage=(\d+)\/(\d+)/.exec(header);
  if (!match) return null;
  const [used, max] = [Number(match[1]), Number(match[2])];
  return max > 0 ? { used, max } : null;
}

/** The org's API request allocation is spent (or nearly): nothing more until it frees up. */
export class SalesforceLimitError extends FatalAPIError {
  override readonly name = "SalesforceLimitError";
  override readonly category = "rate_limit";
}

export class SalesforceClient extends VendorHttpClient {
  private session: { accessToken: string; instanceUrl: string } | undefined;
  private stopped: SalesforceLimitError | undefined;
  /** The usage the last answer reported. */
  apiUsage: ApiUsage | null = null;

  constructor(
    private readonly sfOptions: SalesforceClientOptions,
    private readonly credentials: SalesforceCredentials,
  ) {
    super({ ...sfOptions, vendor: "Salesforce", baseUrl: sfOptions.loginUrl });
  }

  /** Reads `message (errorCode)` from the REST API's error array, or the OAuth error object. */
  protected override describeError(status: number, body: unknown): string {
    const rest = errorBodySchema.safeParse(body);
    if (rest.success && rest.data.length > 0) return rest.data.map((error) => `${error.message} (${error.errorCode})`).join("; ");
    const oauth = oauthErrorSchema.safeParse(body);
    if (oauth.success)
      return oauth.data.error_description ? `${oauth.data.error_description} (${oauth.data.error})` : oauth.data.error;
    return super.describeError(status, body);
  }

  /** A spent API allocation is not a permission problem: a `SalesforceLimitError`, never retried. */
  protected override errorFor(response: Response, body: unknown): Error {
    this.noteUsage(response.headers);
    const codes = errorBodySchema.safeParse(body);
    if (codes.success && codes.data.some((error) => error.errorCode === "REQUEST_LIMIT_EXCEEDED")) {
      const details: APIErrorDetails = { status: response.status, response: body };
      // every later request of this run would be refused the same way: answer them without asking
      this.stopped = new SalesforceLimitError(
        `Salesforce answered HTTP ${response.status}: ${this.describeError(response.status, body)}. ` +
          "The org's API requests of the last 24 hours are spent; sync again once they free up " +
          "(Setup > Company Information > API Requests, Last 24 Hours).",
        details,
      );
      return this.stopped;
    }
    return super.errorFor(response, body);
  }

  /** Remembers the usage an answer reports, and stops the client once it passes the configured share. */
  private noteUsage(headers: Headers): void {
    const usage = parseLimitInfo(headers.get("sforce-limit-info"));
    if (usage === null) return;
    this.apiUsage = usage;
    const percent = (usage.used / usage.max) * 100;
    if (percent >= this.sfOptions.maxApiUsagePercent && this.stopped === undefined) {
      this.stopped = new SalesforceLimitError(
        `Salesforce reports ${usage.used} of the org's ${usage.max} daily API requests used ` +
          `(${percent.toFixed(1)} %, at or past maxApiUsagePercent ${this.sfOptions.maxApiUsagePercent} %): ` +
          "stopped to leave the rest to the org's other integrations. Sync again later, or raise " +
          "sources.salesforce.maxApiUsagePercent.",
      );
    }
  }

  /** Gets a new access token (and instance URL) from the refresh token. */
  private async refresh(): Promise<{ accessToken: string; instanceUrl: string }> {
    const { clientId, clientSecret, refreshToken } = this.credentials;
    let answer: VendorAnswer;
    try {
      answer = await this.request({
        method: "POST",
        path: `${this.sfOptions.loginUrl}/services/oauth2/token`,
        form: { grant_type: "refresh_token", client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken },
      });
    } catch (error) {
      // invalid_grant (revoked or expired token, wrong login host) and invalid_client come back as 400
      if (error instanceof FatalAPIError) {
        throw new AuthAPIError(
          `Salesforce refused the OAuth refresh token: ${this.describeError(error.status ?? 400, error.response)}. ` +
            "Authorize the connected app again and set SALESFORCE_REFRESH_TOKEN (a sandbox needs " +
            'sources.salesforce.loginUrl "https://test.salesforce.com").',
          { status: error.status, response: error.response },
        );
      }
      throw error;
    }
    const token = expectShape(tokenSchema, answer.body, "Salesforce OAuth token endpoint");
    // the documented answer ends instance_url with a slash: API paths start with one
    this.session = { accessToken: token.access_token, instanceUrl: token.instance_url.replace(/\/+$/, "") };
    return this.session;
  }

  /** GETs `path` on the instance, refreshing the token first when there is none and once more on a 401. */
  private async get(path: string, query?: Record<string, string>): Promise<unknown> {
    if (this.stopped) throw this.stopped;
    const send = async (session: { accessToken: string; instanceUrl: string }): Promise<unknown> => {
      const answer = await this.request({
        path: `${session.instanceUrl}${path}`,
        query,
        headers: {
          Authorization: `Bearer ${session.accessToken}`,
          "Sforce-Query-Options": `batchSize=${this.sfOptions.batchSize}`,
        },
      });
      this.noteUsage(answer.headers);
      return answer.body;
    };
    const session = this.session ?? (await this.refresh());
    try {
      return await send(session);
    } catch (error) {
      if (!(error instanceof AuthAPIError) || error.status !== 401) throw error;
      return send(await this.refresh());
    }
  }

  /** The first page of `soql`; `all` uses `queryAll`, which includes deleted and archived records. */
  async query(soql: string, all = false): Promise<QueryPage> {
    const body = await this.get(`/services/data/${this.sfOptions.apiVersion}/${all ? "queryAll" : "query"}`, { q: soql });
    return expectShape(queryPageSchema, body, "Salesforce query");
  }

  /** The page at a `nextRecordsUrl` (a path under the instance; for `queryAll` too). */
  async next(nextRecordsUrl: string): Promise<QueryPage> {
    return expectShape(queryPageSchema, await this.get(nextRecordsUrl), "Salesforce query");
  }
}
