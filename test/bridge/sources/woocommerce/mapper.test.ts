/** WooCommerce records → canonical values (sync_bridge/src/sources/woocommerce/mapper.ts). */
import { ORDER_ATTRIBUTION_KEYS } from "../../../../sync_bridge/src/gateway/sync_contract";
import { attributionOf, gclidOf, mapOrder, mapProduct } from "../../../../sync_bridge/src/sources/woocommerce/mapper";
import { orderSchema, productSchema } from "../../../../sync_bridge/src/sources/woocommerce/schemas";
import { DOC_ORDERS, DOC_PRODUCTS, wooOrder } from "../../fixtures/woocommerce/woocommerce_fake";

describe("WooCommerce mapping (pure)", () => {
  const order = orderSchema.parse(wooOrder(727, "2017-03-22T19:28:08"));

  it("maps an order with its lines by SKU and its attribution meta", () => {
    expect(mapOrder(order)).toEqual({
      externalId: "727",
      values: {
        customer_external_id: "26",
        date_order: new Date("2017-03-22T19:28:02Z"),
        currency_code: "USD",
        state: "sale",
        lines: [
          { sku: "woo-single", product_external_id: "93", name: "Woo Single #1", quantity: 2, price_unit: 3 },
          {
            sku: "Bar3",
            product_external_id: "23",
            name: "Ship Your Idea &ndash; Color: Black, Size: M Test",
            quantity: 1,
            price_unit: 12,
          },
        ],
        attribution: {
          source_type: "utm",
          utm_source: "google",
          utm_medium: "cpc",
          utm_campaign: "spring_sale",
          utm_id: null,
          utm_term: null,
          utm_content: null,
          gclid: null,
          referrer: "https://www.google.com/",
          landing_page: null,
          session_start: new Date("2017-03-22T19:10:44Z"),
        },
      },
      modifiedAt: new Date("2017-03-22T19:28:08Z"),
    });
  });

  it("gives a guest order its own customer, keyed by e-mail, to be ingested first", () => {
    const guest = orderSchema.parse(wooOrder(728, "2017-03-22T19:28:08", { customer_id: 0 }));
    const mapped = mapOrder(guest);
    expect(mapped.values.customer_external_id).toBe("guest:john.doe@example.com");
    expect(mapped.requires).toEqual([
      {
        stream: "customers",
        record: expect.objectContaining({
          externalId: "guest:john.doe@example.com",
          values: expect.objectContaining({ name: "John Doe", country_code: "US" }),
        }),
      },
    ]);
  });

  it("refuses an unmapped status as a mapping error", () => {
    expect(() => mapOrder(orderSchema.parse(wooOrder(1, "2025-01-01T00:00:00", { status: "refunded" })))).toThrow(
      /WooCommerce status "refunded" is not synced/,
    );
  });

  it("maps the documentation's orders whole: a line with sku \"\" keeps the shop's product id for Odoo", () => {
    const [guest, registered] = DOC_ORDERS.map((raw) => mapOrder(orderSchema.parse(raw)));
    expect(guest?.values.lines).toEqual([
      { sku: null, product_external_id: "93", name: "Woo Single #1", quantity: 2, price_unit: 3 },
      {
        sku: "Bar3",
        product_external_id: "23",
        name: "Ship Your Idea &ndash; Color: Black, Size: M Test",
        quantity: 1,
        price_unit: 12,
      },
    ]);
    expect(guest?.values.customer_external_id).toBe("guest:john.doe@example.com");
    expect(guest?.values.attribution).toBeNull();
    expect(registered?.values.lines).toEqual([
      { sku: null, product_external_id: "87", name: "Woo Album #2", quantity: 1, price_unit: 9 },
      { sku: null, product_external_id: "34", name: "Woo Ninja", quantity: 1, price_unit: 20 },
    ]);
  });

  it("maps the documentation's products, a variable one without price", () => {
    expect(DOC_PRODUCTS.map((raw) => mapProduct(productSchema.parse(raw)))).toEqual([
      {
        externalId: "799",
        values: { name: "Ship Your Idea", sku: null, list_price: null },
        modifiedAt: new Date("2017-03-23T20:03:12Z"),
      },
      {
        externalId: "794",
        values: { name: "Premium Quality", sku: null, list_price: 21.99 },
        modifiedAt: new Date("2017-03-23T20:03:12Z".replace("03:12", "01:14")),
      },
    ]);
  });

  it("keeps every UTM parameter WooCommerce records, and the gclid of the landing page", () => {
    const meta = [
      ["source_type", "utm"],
      ["utm_source", "google"],
      ["utm_medium", "cpc"],
      ["utm_campaign", "spring_sale"],
      ["utm_id", "20731845602"],
      ["utm_term", "running shoes"],
      ["utm_content", "(none)"],
      ["session_entry", "https://shop.example.com/sale/?utm_source=google&gclid=EAIaIQobChMI"],
    ].map(([key, value], id) => ({ id, key: `_wc_order_attribution_${key}`, value }));
    const attribution = attributionOf(orderSchema.parse(wooOrder(3, "2025-01-01T00:00:00", { meta_data: meta })));
    expect(attribution).toMatchObject({
      utm_campaign: "spring_sale",
      utm_id: "20731845602",
      utm_term: "running shoes",
      utm_content: null,
      gclid: "EAIaIQobChMI",
      landing_page: "https://shop.example.com/sale/?utm_source=google&gclid=EAIaIQobChMI",
    });
    expect(Object.keys(attribution ?? {}).sort()).toEqual([...ORDER_ATTRIBUTION_KEYS].sort());
    expect(gclidOf("/sale/?gclid=FROM_A_PATH")).toBe("FROM_A_PATH");
    expect(gclidOf("https://[broken")).toBeNull();
  });

  it("records no attribution for orders created in the admin", () => {
    const admin = orderSchema.parse(
      wooOrder(2, "2025-01-01T00:00:00", { meta_data: [{ key: "_wc_order_attribution_source_type", value: "admin" }] }),
    );
    expect(attributionOf(admin)).toBeNull();
  });
});
