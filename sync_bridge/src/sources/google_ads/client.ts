/**
 * Google Ads adapter: GAQL through `googleAds:searchStream` (REST), authenticated with a
 * developer token plus an OAuth access token, which it refreshes from a refresh token when
 * given client credentials instead of a ready-made token.
 */
import { AuthAPIError, FatalAPIError } from "../../errors";
import { VendorHttpClient, expectShape, type VendorAnswer, type VendorClientOptions, type VendorRequest } from "../http_client";
import { describeGoogleError, retryDelayOf, searchStreamFailure } from "./errors";
import { searchStreamSchema, tokenSchema, type SearchStreamBatch } from "./schemas";

/** How the client gets an OAuth access token: given as is, or refreshed. */
export type GoogleAdsCredentials =
  | { developerToken: string; accessToken: string }
  | { developerToken: string; clientId: string; clientSecret: string; refreshToken: string };

export interface GoogleAdsClientOptions extends Omit<VendorClientOptions, "vendor"> {
  /** e.g. "v22" */
  apiVersion: string;
  /** The Ads account, digits only, e.g. "1234567890". */
  customerId: string;
  /** The manager account the credentials belong to, when different. */
  loginCustomerId?: string;
  /** e.g. https://oauth2.googleapis.com/token */
  tokenUrl: string;
}

export class GoogleAdsClient extends VendorHttpClient {
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly adsOptions: GoogleAdsClientOptions,
    private readonly credentials: GoogleAdsCredentials,
  ) {
    super({ ...adsOptions, vendor: "Google Ads" });
  }

  /** Override to fetch tokens another way; resolves to a valid OAuth access token. */
  protected async accessToken(): Promise<string> {
    if ("accessToken" in this.credentials) return this.credentials.accessToken;
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const { clientId, clientSecret, refreshToken } = this.credentials;
    let answer;
    try {
      answer = await this.request({
        method: "POST",
        path: this.adsOptions.tokenUrl,
        form: { grant_type: "refresh_token", client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken },
      });
    } catch (error) {
      // invalid_grant / invalid_client come back as 400: for the user it is a credentials problem.
      if (error instanceof FatalAPIError && !(error instanceof AuthAPIError)) {
        throw new AuthAPIError(`Google refused the OAuth refresh token: ${JSON.stringify(error.response)}`, {
          status: error.status,
        });
      }
      throw error;
    }
    const token = expectShape(tokenSchema, answer.body, "Google OAuth token endpoint");
    // Renew a minute early, so that a long stream never starts with a token about to expire.
    this.token = { value: token.access_token, expiresAt: Date.now() + (token.expires_in - 60) * 1000 };
    return token.access_token;
  }

  /** Reads `error.message` (and `status`) from Google's error body. */
  protected override describeError(status: number, body: unknown): string {
    return describeGoogleError(body) ?? super.describeError(status, body);
  }

  /** Google puts the wait of a quota error in `quotaErrorDetails.retryDelay`. */
  protected override retryAfterFromBody(body: unknown): number | undefined {
    return retryDelayOf(body);
  }

  /**
   * One attempt; a searchStream answer that carries an error element fails like an HTTP error
   * would, so that a retriable one (quota, unavailable) is retried and none reads as success.
   */
  protected override async send(request: VendorRequest): Promise<VendorAnswer> {
    const answer = await super.send(request);
    const failure = request.path.endsWith(":searchStream") ? searchStreamFailure(answer.body) : undefined;
    if (failure) throw failure;
    return answer;
  }

  /** Runs one GAQL query and returns its batches. A refused token is refreshed once. */
  async searchStream(query: string): Promise<SearchStreamBatch[]> {
    const { apiVersion, customerId, loginCustomerId } = this.adsOptions;
    const send = async (): Promise<SearchStreamBatch[]> => {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${await this.accessToken()}`,
        "developer-token": this.credentials.developerToken,
        ...(loginCustomerId ? { "login-customer-id": loginCustomerId } : {}),
      };
      const answer = await this.request({
        method: "POST",
        path: `/${apiVersion}/customers/${customerId}/googleAds:searchStream`,
        body: { query },
        headers,
      });
      return expectShape(searchStreamSchema, answer.body, "Google Ads searchStream");
    };
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof AuthAPIError) || error.status !== 401 || "accessToken" in this.credentials) throw error;
      this.token = undefined;
      return send();
    }
  }
}
