/**
 * HubSpot CRM adapter: the search endpoint (`POST /crm/v3/objects/{object}/search`), the
 * associations batch read (`POST /crm/v4/associations/{from}/{to}/batch/read`) and the list of
 * archived records (`GET /crm/v3/objects/{object}?archived=true`), with a private app's access
 * token as bearer. Paging tokens (`after`) are opaque strings, sent back as received.
 */
import { VendorHttpClient, expectShape, type VendorClientOptions } from "../http_client";
import { associationPageSchema, errorBodySchema, searchPageSchema, type SearchPage } from "./schemas";

/** HubSpot's most records per search page. */
export const SEARCH_PAGE_MAX = 200;
/** The search endpoints stop paging after this many results for one query. */
export const SEARCH_RESULT_CAP = 10_000;
/** HubSpot's most records per page of the list endpoint (`GET /crm/v3/objects/{object}`). */
export const LIST_PAGE_MAX = 100;

/** The object pairs the bridge reads associations for. */
export type AssociationPair = "deals→companies" | "deals→contacts" | "contacts→companies";

/**
 * HubSpot's "Primary" association type id per pair (HubSpot-defined, category HUBSPOT_DEFINED):
 * contact→company 1, deal→company 5. Deal→contact has no primary.
 */
const PRIMARY_TYPE_ID: Readonly<Record<AssociationPair, number | null>> = {
  "deals→companies": 5,
  "deals→contacts": null,
  "contacts→companies": 1,
};

/** The records one record is associated with: all of them, and the primary one if HubSpot names it. */
export interface Associated {
  /** Ids, the primary first. */
  ids: string[];
  primary: string | null;
}

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
   * `POST /crm/v3/objects/{objectType}/batch/read`: the objects of `ids` with `properties`, as the
   * search returns them; ids HubSpot does not know (deleted, merged) are left out.
   */
  async batchRead(objectType: string, ids: readonly string[], properties: readonly string[]): Promise<unknown[]> {
    if (ids.length === 0) return [];
    const answer = await this.request({
      method: "POST",
      path: `/crm/v3/objects/${objectType}/batch/read`,
      body: { properties, inputs: ids.map((id) => ({ id })) },
    });
    return expectShape(searchPageSchema, answer.body, `HubSpot ${objectType} batch read`).results;
  }

  /**
   * The records of the pair's target type associated with each of `fromIds`, in one batch call.
   * Records without associations are simply absent from the map.
   */
  async associations(pair: AssociationPair, fromIds: readonly string[]): Promise<Map<string, Associated>> {
    const associations = new Map<string, Associated>();
    if (fromIds.length === 0) return associations;
    const [from, to] = pair.split("→") as [string, string];
    const answer = await this.request({
      method: "POST",
      path: `/crm/v4/associations/${from}/${to}/batch/read`,
      body: { inputs: fromIds.map((id) => ({ id })) },
    });
    const page = expectShape(associationPageSchema, answer.body, `HubSpot ${from}→${to} associations`);
    const primaryTypeId = PRIMARY_TYPE_ID[pair];
    for (const result of page.results) {
      const primary = result.to.find((to) => isPrimary(to.associationTypes, primaryTypeId))?.toObjectId ?? null;
      const others = result.to.map((to) => to.toObjectId).filter((id) => id !== primary);
      associations.set(result.from.id, { ids: primary === null ? others : [primary, ...others], primary });
    }
    return associations;
  }

  /** One page of `GET /crm/v3/objects/{objectType}?archived=true`: archived records, by id. */
  async archived(objectType: string, after: string | undefined): Promise<SearchPage> {
    const answer = await this.request({
      path: `/crm/v3/objects/${objectType}`,
      query: { archived: true, limit: LIST_PAGE_MAX, after },
    });
    return expectShape(searchPageSchema, answer.body, `HubSpot archived ${objectType}`);
  }
}

/** Whether an association is the pair's primary one: labelled "Primary", or of its primary type id. */
function isPrimary(
  types: { typeId?: number | undefined; label?: string | null | undefined }[] | undefined,
  primaryTypeId: number | null,
): boolean {
  return (types ?? []).some((type) => type.label === "Primary" || (primaryTypeId !== null && type.typeId === primaryTypeId));
}
