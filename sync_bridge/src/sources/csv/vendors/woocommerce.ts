/**
 * WooCommerce's exports:
 * - Analytics → Orders → Download: the report table as the browser writes it (comma-separated,
 *   "\n" line ends, no BOM: `@woocommerce/csv-export`), or, for a large report, the e-mailed file
 *   of the REST report exporter (`ReportCSVExporter`, with a BOM and an "N. Revenue (formatted)"
 *   column). One row per order: its products as "2× Office Chair, 1× Office Lamp", one net total,
 *   the customer's name (no e-mail, no id) and the attribution's origin ("Source: Google").
 * - the order export of one row per order with `line_item_<n>` cells
 *   ("name:…|sku:…|quantity:…|total:…") and `meta:<key>` columns, and its customer export.
 */
import { z } from "zod";
import { blankOr, dateTime, optionalText, text } from "../../primitives";
import type { MappedRecord } from "../../source";
import { mapCustomer, mapOrder, type OdooOrderState } from "../../woocommerce/mapper";
import type { WooCustomer, WooOrder } from "../../woocommerce/schemas";
import { amountCell, csvRow, currencyCell } from "../cells";
import type { CsvLayout } from "../layout";

const wooIdCell = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, "is not a WooCommerce id")
  .transform(Number);

/** "2× Office Chair, 1× Office Lamp" → the products and quantities (names may hold ", "). */
export function parseProductList(cell: string): { name: string; quantity: number }[] {
  const parts = cell.trim().split(/(?:^|,\s+)(?=\d+(?:\.\d+)?×\s)/);
  return parts
    .map((part) => /^(\d+(?:\.\d+)?)×\s+(.+)$/s.exec(part.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ quantity: Number(match[1]), name: (match[2] as string).trim() }));
}

/** The attribution origin labels of WooCommerce's Analytics, and the source type each stands for. */
const ORIGIN_TYPES: readonly [RegExp, string][] = [
  [/^Source:\s*(.*)$/i, "utm"],
  [/^Organic:\s*(.*)$/i, "organic"],
  [/^Referral:\s*(.*)$/i, "referral"],
  [/^Direct$/i, "typein"],
  [/^Mobile app$/i, "mobile_app"],
  [/^Web admin$/i, "admin"],
];

/** "Source: Google" → the order meta WooCommerce stored it from; "Unknown" or blank → none. */
export function originMeta(origin: string | null): { key: string; value: string }[] {
  if (origin === null) return [];
  for (const [pattern, sourceType] of ORIGIN_TYPES) {
    const match = pattern.exec(origin.trim());
    if (match) {
      const source = match[1]?.trim();
      return [
        { key: "_wc_order_attribution_source_type", value: sourceType },
        ...(source ? [{ key: "_wc_order_attribution_utm_source", value: source }] : []),
      ];
    }
  }
  return [];
}

const NO_ADDRESS = { company: null, address_1: null, address_2: null, city: null, state: null, postcode: null, country: null };

const analyticsOrderRow = csvRow({
  Date: dateTime,
  "Order #": wooIdCell,
  Status: text(64).trim().min(1, "is empty"),
  Customer: optionalText(255),
  "Product(s)": text(20_000),
  "Net sales": amountCell,
  Attribution: optionalText(255),
}).transform((row, ctx): WooOrder => {
  const products = parseProductList(row["Product(s)"]);
  if (products.length === 0) ctx.addIssue({ code: "custom", path: ["Product(s)"], message: 'lists no product ("2× Name")' });
  if (products.length > 1) {
    ctx.addIssue({
      code: "custom",
      path: ["Product(s)"],
      message: `lists ${products.length} products, but this export gives one net total per order, not a price per product: sync the shop with the woocommerce source (REST API) or export the orders with line_item columns`,
    });
  }
  const [first] = products;
  return {
    id: row["Order #"],
    number: String(row["Order #"]),
    status: row.Status.replace(/^wc-/, ""),
    currency: undefined,
    // the site's time, which the export does not name; read as UTC
    date_created_gmt: row.Date,
    date_modified_gmt: null,
    customer_id: 0,
    billing: { ...NO_ADDRESS, first_name: row.Customer, last_name: null, email: null, phone: null },
    line_items: first
      ? [
          {
            name: first.name,
            sku: null,
            quantity: first.quantity,
            price: Math.round((row["Net sales"] / first.quantity) * 100) / 100,
          },
        ]
      : [],
    meta_data: originMeta(row.Attribution),
  };
});

/** "name:Office Chair|sku:FURN_7777|quantity:2|total:140.00" → its fields. */
export function parseLineItemCell(cell: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of cell.split("|")) {
    const colon = part.indexOf(":");
    if (colon > 0) fields[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  return fields;
}

const lineCell = z.object({
  name: text(1000).min(1, "has no name"),
  sku: optionalText(128),
  quantity: amountCell.refine((quantity) => quantity > 0, "must be positive"),
  total: amountCell,
});

const exportOrderRow = csvRow({
  order_id: wooIdCell,
  order_number: optionalText(64),
  order_date: dateTime,
  status: text(64).min(1, "is empty"),
  order_currency: currencyCell,
  // A guest's order has no customer: "" or "0".
  customer_id: blankOr(wooIdCell).transform((id) => id ?? 0),
  customer_email: optionalText(254),
  billing_first_name: optionalText(255),
  billing_last_name: optionalText(255),
  billing_phone: optionalText(64),
  billing_city: optionalText(255),
  billing_postcode: optionalText(32),
  billing_country: optionalText(64),
}).transform((row, ctx): WooOrder => {
  const cells = Object.entries(row)
    .filter(([key, value]) => /^line_item_\d+$/.test(key) && typeof value === "string" && value.trim() !== "")
    .sort(([a], [b]) => Number(a.slice(10)) - Number(b.slice(10)));
  const lineItems = cells.flatMap(([key, value]) => {
    const parsed = lineCell.safeParse(parseLineItemCell(String(value)));
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: [key], message: z.prettifyError(parsed.error).replace(/\n/g, " ") });
      return [];
    }
    const { name, sku, quantity, total } = parsed.data;
    return [{ name, sku, quantity, price: Math.round((total / quantity) * 100) / 100 }];
  });
  const meta = Object.entries(row)
    .filter(([key, value]) => key.startsWith("meta:") && typeof value === "string" && value !== "")
    .map(([key, value]) => ({ key: key.slice(5), value: String(value).slice(0, 1000) }));
  return {
    id: row.order_id,
    number: row.order_number ?? undefined,
    // Exports write statuses with WordPress's "wc-" post-status prefix.
    status: row.status.replace(/^wc-/, ""),
    currency: row.order_currency ?? undefined,
    date_created_gmt: row.order_date,
    date_modified_gmt: null,
    customer_id: row.customer_id,
    billing: {
      ...NO_ADDRESS,
      first_name: row.billing_first_name,
      last_name: row.billing_last_name,
      city: row.billing_city,
      postcode: row.billing_postcode,
      country: row.billing_country,
      email: row.customer_email,
      phone: row.billing_phone,
    },
    line_items: lineItems,
    meta_data: meta,
  };
});

const customerRow = csvRow({
  customer_id: wooIdCell,
  user_login: optionalText(255),
  user_email: optionalText(254),
  first_name: optionalText(255),
  last_name: optionalText(255),
  user_registered: blankOr(dateTime),
  billing_phone: optionalText(64),
  billing_address_1: optionalText(),
  billing_city: optionalText(255),
  billing_postcode: optionalText(32),
  billing_country: optionalText(64),
}).transform((row): WooCustomer => ({
  id: row.customer_id,
  date_created_gmt: row.user_registered ?? null,
  date_modified_gmt: null,
  email: row.user_email,
  first_name: row.first_name,
  last_name: row.last_name,
  username: row.user_login,
  billing: {
    ...NO_ADDRESS,
    first_name: null,
    last_name: null,
    address_1: row.billing_address_1,
    city: row.billing_city,
    postcode: row.billing_postcode,
    country: row.billing_country,
    email: row.user_email,
    phone: row.billing_phone,
  },
}));

/** WooCommerce's CSV-injection guard: "'-20" or "'=SUM(…)" as written; the quote is not data. */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const SHOW_COLUMN = (column: string) =>
  `show the ${column} column (the report table's column menu, ⋮) in Analytics → Orders and download again`;

/** WooCommerce's order exports; orders map through the configured status table. */
export function woocommerceLayouts(orderStates: Readonly<Record<string, OdooOrderState>>): CsvLayout[] {
  const map = (order: WooOrder): MappedRecord => mapOrder(order, orderStates);
  return [
    {
      id: "woocommerce.analytics_orders",
      label: "WooCommerce Analytics → Orders download",
      columns: {
        Date: [],
        "Order #": [],
        "N. Revenue (formatted)": [],
        Status: [],
        Customer: [],
        "Customer type": [],
        "Payment method": [],
        "Product(s)": [],
        "Items sold": [],
        "Coupon(s)": [],
        "Net sales": [],
        Attribution: [],
      },
      signature: ["Order #", "Net sales"],
      cleanCell: unguard,
      streams: {
        orders: {
          needs: {
            columns: ["Date", "Order #", "Status", "Product(s)", "Net sales"],
            advice: { Status: SHOW_COLUMN("Status"), "Product(s)": SHOW_COLUMN("Product(s)") },
          },
          idColumn: "Order #",
          schema: analyticsOrderRow,
          map,
          notes: () => [
            "orders.csv is WooCommerce's Analytics → Orders download: it names each order's customer but gives no e-mail or customer id, so each order gets a customer of its own; and no SKU or product id, so its lines wait in Odoo for review until their product is matched",
          ],
        },
      },
    },
    {
      id: "woocommerce.order_export",
      label: "WooCommerce order export (line_item columns)",
      columns: {},
      signature: ["order_id", "status", "order_date"],
      cleanCell: unguard,
      streams: {
        orders: { needs: { columns: ["order_id"], advice: {} }, idColumn: "order_id", schema: exportOrderRow, map },
      },
    },
    {
      id: "woocommerce.customer_export",
      label: "WooCommerce customer export",
      columns: {},
      signature: ["customer_id", "user_email"],
      cleanCell: unguard,
      streams: {
        customers: {
          needs: { columns: ["customer_id"], advice: {} },
          idColumn: "customer_id",
          schema: customerRow,
          map: mapCustomer,
        },
      },
    },
  ];
}
