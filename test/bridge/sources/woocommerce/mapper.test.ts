/** WooCommerce records → canonical values (sync_bridge/src/sources/woocommerce/mapper.ts). */
import { attributionOf, mapOrder } from "../../../../sync_bridge/src/sources/woocommerce/mapper";
import { orderSchema } from "../../../../sync_bridge/src/sources/woocommerce/schemas";
import { wooOrder } from "../../fixtures/woocommerce/woocommerce_fake";

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
          { sku: "woo-single", name: "Woo Single #1", quantity: 2, price_unit: 3 },
          { sku: "Bar3", name: "Ship Your Idea &ndash; Color: Black, Size: M Test", quantity: 1, price_unit: 12 },
        ],
        attribution: {
          source_type: "utm",
          source: "google",
          medium: "cpc",
          campaign: "spring_sale",
          referrer: "https://www.google.com/",
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

  it("refuses an unmapped status and a line without SKU as mapping errors", () => {
    expect(() => mapOrder(orderSchema.parse(wooOrder(1, "2025-01-01T00:00:00", { status: "refunded" })))).toThrow(
      /WooCommerce status "refunded" is not synced/,
    );
    const items = (wooOrder(1, "2025-01-01T00:00:00").line_items as Record<string, unknown>[]).map((item) => ({
      ...item,
      sku: "",
    }));
    expect(() => mapOrder(orderSchema.parse(wooOrder(1, "2025-01-01T00:00:00", { line_items: items })))).toThrow(
      'line "Woo Single #1" has no SKU',
    );
  });

  it("records no attribution for orders created in the admin", () => {
    const admin = orderSchema.parse(
      wooOrder(2, "2025-01-01T00:00:00", { meta_data: [{ key: "_wc_order_attribution_source_type", value: "admin" }] }),
    );
    expect(attributionOf(admin)).toBeNull();
  });
});
