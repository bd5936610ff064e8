/**
 * LinkedIn Marketing API adapter (versioned `/rest` endpoints): every call names the API version
 * in `LinkedIn-Version: YYYYMM` and speaks Rest.li 2.0.0 (`X-Restli-Protocol-Version`), whose
 * query syntax (`List(…)`, `(start:(year:…))`) must reach LinkedIn unencoded but for the URNs
 * inside it, so this client writes its query strings itself. Search finders page with
 * `pageSize`/`pageToken`; `adAnalytics` does not page at all.
 */
import { VendorHttpClient, expectShape, type VendorClientOptions } from "../http_client";
import { analyticsPageSchema, errorBodySchema, searchPageSchema, type SearchPage } from "./schemas";

export interface LinkedInClientOptions extends Omit<VendorClientOptions, "vendor"> {
  /** The Marketing API version, e.g. "202601". */
  apiVersion: string;
  /** Elements per search page, at most 1000. */
  pageSize: number;
}

/** Every campaign status, so that spend of paused, finished or removed campaigns is read too. */
const ALL_CAMPAIGN_STATUSES = "ACTIVE,PAUSED,ARCHIVED,COMPLETED,CANCELED,DRAFT,PENDING_DELETION,REMOVED";

/** The metrics the spend stream asks for (LinkedIn returns only impressions and clicks otherwise). */
export const ANALYTICS_FIELDS = "costInLocalCurrency,clicks,impressions,dateRange,pivotValues";

/** "2025-03-01" → "(year:2025,month:3,day:1)", a Rest.li Date. */
export function restliDate(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  return `(year:${year},month:${month},day:${date})`;
}

export class LinkedInClient extends VendorHttpClient {
  constructor(
    private readonly linkedInOptions: LinkedInClientOptions,
    private readonly accessToken: string,
  ) {
    super({ ...linkedInOptions, vendor: "LinkedIn Ads" });
  }

  /** Override to authenticate differently; the default sends the token and the version headers. */
  protected override async authHeaders(): Promise<Record<string, string>> {
    return {
      Authorization: `Bearer ${this.accessToken}`,
      "LinkedIn-Version": this.linkedInOptions.apiVersion,
      "X-Restli-Protocol-Version": "2.0.0",
    };
  }

  /** Reads LinkedIn's `{message, code}` error body. */
  protected override describeError(status: number, body: unknown): string {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return super.describeError(status, body);
    const { message, code } = parsed.data;
    return code ? `${message} (${code})` : message;
  }

  /** `path?query` for a search page, with the cursor of the previous page when there is one. */
  private searchPath(path: string, search: string, pageToken: string | undefined): string {
    const token = pageToken === undefined ? "" : `&pageToken=${encodeURIComponent(pageToken)}`;
    return `${path}?q=search&search=${search}&pageSize=${this.linkedInOptions.pageSize}${token}`;
  }

  /** One page of the ad accounts the token may read (active ones). */
  async adAccounts(pageToken?: string): Promise<SearchPage> {
    const answer = await this.request({
      path: this.searchPath("/rest/adAccounts", "(status:(values:List(ACTIVE)))", pageToken),
    });
    return expectShape(searchPageSchema, answer.body, "LinkedIn adAccounts search");
  }

  /** One page of an ad account's campaigns, whatever their status. */
  async adCampaigns(accountId: string, pageToken?: string): Promise<SearchPage> {
    const answer = await this.request({
      path: this.searchPath(
        `/rest/adAccounts/${encodeURIComponent(accountId)}/adCampaigns`,
        `(status:(values:List(${ALL_CAMPAIGN_STATUSES})))`,
        pageToken,
      ),
    });
    return expectShape(searchPageSchema, answer.body, "LinkedIn adCampaigns search");
  }

  /** The daily cost, clicks and impressions of `campaignIds` from `from` to `to` (days, inclusive). */
  async dailyCampaignAnalytics(campaignIds: readonly string[], from: string, to: string): Promise<unknown[]> {
    const campaigns = campaignIds.map((id) => encodeURIComponent(`urn:li:sponsoredCampaign:${id}`)).join(",");
    const answer = await this.request({
      path:
        `/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY` +
        `&dateRange=(start:${restliDate(from)},end:${restliDate(to)})` +
        `&campaigns=List(${campaigns})&fields=${ANALYTICS_FIELDS}`,
    });
    return expectShape(analyticsPageSchema, answer.body, "LinkedIn adAnalytics").elements;
  }
}
