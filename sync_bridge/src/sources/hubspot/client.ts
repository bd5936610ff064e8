/**
 * HubSpot CRM adapter: the search endpoint (`POST /crm/v3/objects/{object}/search`) and the
 * associations batch read (`POST /crm/v4/associations/deals/{to}/batch/read`), with a private
 * app's access token as bearer.
 */
import { VendorHttpClient, expectShape, type VendorClientOptions } from "../http_client";
import { associationPageSchema, errorBodySchema, searchPageSchema, type SearchPage } from "./schemas";

/** HubSpot's most records per search page. */
export const SEARCH_PAGE_MAX = 200;
/** The search endpoints stop paging after this many results for one query. */
export const SEARCH_RESULT_CAP = 10_000;

/** One filter of a search request, e.g. `{ propertyName: "lastmodifieddate", operator: "GTE", value: "1700000000000" }`. */
export interface SearchFilter {
  propertyName: string;
  operator: "GTE" | "GT" | "EQ" | "LT" | "LTE";
  value: string;
}

/** The body of a search request. */
export interface SearchRequest {
  filters: SearchFilter[];
  sorts: { propertyName: string; direction: "ASCENDING" | "DESCENDING" }[];
  properties: readonly string[];
  limit: number;
  after?: string;
}

export class HubSpotClient extends VendorHttpClient {
  constructor(
    options: Omit<VendorClientOptions, "vendor">,
    private readonly accessToken: string,
  ) {
    super({ ...options, vendor: "HubSpot" });
  }

  /** Override to authenticate differently; the default sends the private app token as bearer. */
  protected override async authHeaders(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${this.accessToken}` };
  }

  /** Reads HubSpot's `{message, category}` error body. */
  protected override describeError(status: number, body: unknown): string {
    const parsed = errorBodySchema.safeParse(body);
    if (!parsed.success) return super.describeError(status, body);
    return parsed.data.category ? `${parsed.data.message} (${parsed.data.category})` : parsed.data.message;
  }

  /** One page of `POST /crm/v3/objects/{objectType}/search`. */
  async search(objectType: string, request: SearchRequest): Promise<SearchPage> {
    const answer = await this.request({
      method: "POST",
      path: `/crm/v3/objects/${objectType}/search`,
      body: {
        filterGroups: request.filters.length > 0 ? [{ filters: request.filters }] : [],
        sorts: request.sorts,
        properties: request.properties,
        limit: request.limit,
        ...(request.after === undefined ? {} : { after: request.after }),
      },
    });
    return expectShape(searchPageSchema, answer.body, `HubSpot ${objectType} search`);
  }

  /**
   * The ids of `toObjectType` records associated with each deal, primary first.
   * Deals without associations are simply absent from the map.
   */
  async dealAssociations(toObjectType: "companies" | "contacts", dealIds: readonly string[]): Promise<Map<string, string[]>> {
    const associations = new Map<string, string[]>();
    if (dealIds.length === 0) return associations;
    const answer = await this.request({
      method: "POST",
      path: `/crm/v4/associations/deals/${toObjectType}/batch/read`,
      body: { inputs: dealIds.map((id) => ({ id })) },
    });
    const page = expectShape(associationPageSchema, answer.body, `HubSpot deal→${toObjectType} associations`);
    for (const result of page.results) {
      const primaryFirst = [...result.to].sort(
        (a, b) => Number(isPrimary(b.associationTypes)) - Number(isPrimary(a.associationTypes)),
      );
      associations.set(
        result.from.id,
        primaryFirst.map((to) => to.toObjectId),
      );
    }
    return associations;
  }
}

/** HubSpot labels the primary company of a deal "Primary" (association type 5). */
function isPrimary(types: { typeId?: number | undefined; label?: string | null | undefined }[] | undefined): boolean {
  return (types ?? []).some((type) => type.label === "Primary" || type.typeId === 5);
}
