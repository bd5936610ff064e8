/**
 * Shopify payloads → canonical values, on the GraphQL Admin API reference's own examples
 * (sync_bridge/src/sources/shopify/mapper.ts, schemas.ts).
 */
import { MappingError } from "../../../../sync_bridge/src/errors";
import {
  attributionOf,
  journeyVisits,
  mapCustomer,
  mapOrder,
  visitAttribution,
} from "../../../../sync_bridge/src/sources/shopify/mapper";
import {
  connectionSchema,
  customerSchema,
  deletionEventSchema,
  orderSchema,
} from "../../../../sync_bridge/src/sources/shopify/schemas";
import { docNodes, shopifyDoc, shopifyOrder, shopifyVisit } from "../../fixtures/shopify/shopify_fake";

describe("Shopify mapping (pure)", () => {
  it("maps the documented customers, keyed by their REST id, with what the example left out as empty", () => {
    const [first] = docNodes("customers_enabled.json", "customers").map((node) => mapCustomer(customerSchema.parse(node)));
    expect(first).toEqual({
      externalId: "324586928",
      values: {
        name: "B2B Customer",
        email: "b2b@example.com",
        phone: null,
        street: null,
        city: null,
        zip: null,
        country_code: null,
      },
      modifiedAt: null,
    });
  });

  it("reads the documented connection's edges, cursors and pageInfo", () => {
    const page = connectionSchema.parse(shopifyDoc("orders_list.json").orders);
    expect(page.nodes).toHaveLength(10);
    expect(page.hasNextPage).toBe(true);
    expect(page.endCursor).toBe("eyJsYXN0X2lkIjo1NTY1Mjc2MzgsImxhc3RfdmFsdWUiOiIyMDA1LTA3LTMxIDE1OjU3OjExLjAwMDAwMCJ9");
  });

  it("validates the documented orders and says why each cannot become a sale order", () => {
    const [withLine, withoutLines] = docNodes("orders_specific_details.json", "orders").map((node) => orderSchema.parse(node));
    // the example's query asked for neither the unit price nor any line of four of the five orders
    expect(() => mapOrder(withLine as never)).toThrow('line "Draft - 151cm" has no unit price (originalUnitPriceSet)');
    expect(() => mapOrder(withoutLines as never)).toThrow(new MappingError("the order has no line items"));
  });

  it("maps an order with its lines, currency and the last visit of its journey as the touchpoint", () => {
    const order = orderSchema.parse(shopifyOrder(1001, "2024-01-02T10:00:00Z"));
    const mapped = mapOrder(order);
    expect(mapped).toMatchObject({
      externalId: "1001",
      values: {
        customer_external_id: "544365967",
        date_order: new Date("2024-01-01T00:00:00Z"),
        currency_code: "CAD",
        state: "sale",
        lines: [{ sku: "draft-151", product_external_id: "108828309", name: "Draft - 151cm", quantity: 10, price_unit: 200 }],
        attribution: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "winter", utm_content: "hero", gclid: null },
      },
      modifiedAt: new Date("2024-01-02T10:00:00Z"),
    });
    expect(mapped.requires).toBeUndefined();
    expect(journeyVisits(order)).toHaveLength(2);
  });

  it("keeps every UTM key of a visit and finds gclid and utm_id in the landing page's query", () => {
    const order = orderSchema.parse(shopifyOrder(1002, "2024-01-02T10:00:00Z"));
    const [first] = journeyVisits(order);
    expect(visitAttribution(first as never)).toEqual({
      source_type: "utm",
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring_sale",
      utm_id: "20731845601",
      utm_term: "snowboard",
      utm_content: null,
      gclid: "EAIaIQobChMI",
      referrer: "https://www.google.com/",
      landing_page:
        "https://snowdevil.myshopify.com/?utm_source=google&utm_medium=cpc&utm_campaign=spring_sale&utm_id=20731845601&gclid=EAIaIQobChMI",
      session_start: new Date("2023-12-28T09:12:00Z"),
    });
  });

  it("reads UTM values from a relative landing page when Shopify parsed none, and has no touchpoint before attribution", () => {
    const visit = shopifyVisit(3, "2024-01-01T00:00:00Z", "/products/x?utm_source=bing&utm_campaign=brand&gclid=abc", null);
    expect(
      visitAttribution(
        orderSchema.shape.customerJourneySummary.parse({ firstVisit: visit, lastVisit: null })?.firstVisit as never,
      ),
    ).toMatchObject({
      source_type: null,
      utm_source: "bing",
      utm_campaign: "brand",
      gclid: "abc",
    });
    const pending = orderSchema.parse(
      shopifyOrder(1003, "2024-01-02T10:00:00Z", { customerJourneySummary: { ready: false, firstVisit: null, lastVisit: null } }),
    );
    expect(attributionOf(pending)).toBeNull();
  });

  it("brings the customer of an order placed without an account, keyed by e-mail", () => {
    const order = orderSchema.parse(
      shopifyOrder(1004, "2024-01-02T10:00:00Z", {
        customer: null,
        email: "Guest@Example.com",
        billingAddress: {
          firstName: "Ann",
          lastName: "Guest",
          address1: "1 Rue",
          city: "Lyon",
          zip: "69001",
          country: "France",
          countryCodeV2: "FR",
          phone: null,
        },
      }),
    );
    const mapped = mapOrder(order);
    expect(mapped.values.customer_external_id).toBe("guest:guest@example.com");
    expect(mapped.requires).toEqual([
      {
        stream: "customers",
        record: expect.objectContaining({
          externalId: "guest:guest@example.com",
          values: expect.objectContaining({ name: "Ann Guest", country_code: "FR" }),
        }),
      },
    ]);
  });

  it("refuses unmapped financial statuses and cancelled orders with what to do", () => {
    const refunded = orderSchema.parse(shopifyOrder(1005, "2024-01-02T10:00:00Z", { displayFinancialStatus: "REFUNDED" }));
    expect(() => mapOrder(refunded)).toThrow(
      'add it to sources.shopify.orderStates in the bridge config (e.g. "REFUNDED": "draft")',
    );
    expect(mapOrder(refunded, { REFUNDED: "draft" }).values.state).toBe("draft");
    const cancelled = orderSchema.parse(shopifyOrder(1006, "2024-01-02T10:00:00Z", { cancelledAt: "2024-01-03T00:00:00Z" }));
    expect(() => mapOrder(cancelled)).toThrow("order #1006 was cancelled in Shopify: cancelled orders are not synced");
  });

  it("reads the documented destroy event, which names no subject id", () => {
    const [event] = docNodes("product_destroy_events.json", "events").map((node) => deletionEventSchema.parse(node));
    expect(event).toMatchObject({ action: "destroy", subjectType: "PRODUCT" });
    expect(event?.subjectId).toBeUndefined();
  });
});
