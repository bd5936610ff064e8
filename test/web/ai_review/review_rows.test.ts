// The review screen's pure parts: where evidence sits on a page in any unit, the span cut, the keys.
import {
  boxOnPage,
  confidenceTone,
  decisionsOf,
  keyCommand,
  reviewRows,
  splitAtSpan,
} from "../../../web_src/src/ai_review/review_rows";
import type { ReviewPayload } from "../../../web_src/src/ai_review/review_rpc";

const NO_KEYS = { altKey: false, ctrlKey: false, metaKey: false, shiftKey: false };

test("01 a box is placed in percentages of its page, in points or in an OCR image's pixels alike", () => {
  const inPoints = boxOnPage({ page: 2, box: [59.5, 84.2, 119, 168.4] }, [
    { number: 1, width: 100, height: 100 },
    { number: 2, width: 595, height: 842, unit: "pt" },
  ]);
  expect(inPoints).toEqual({ page: 2, left: 10, top: 10, width: 10, height: 10 });
  // the same spot on that page rasterized at 200 dpi (1653 × 2339 px)
  const inPixels = boxOnPage({ page: 1, box: [165.3, 233.9, 330.6, 467.8] }, [
    { number: 1, width: 1653, height: 2339, unit: "px" },
  ]);
  expect(inPixels).toMatchObject({ left: 10, top: 10 });
  expect(inPixels?.width).toBeCloseTo(10);
  // no page size from the worker: the rendered page's own is used; a span or a page of 0 gives nothing
  expect(boxOnPage({ page: 1, box: [0, 0, 300, 421] }, [], { number: 1, width: 600, height: 842 })).toMatchObject({
    width: 50,
    height: 50,
  });
  expect(boxOnPage({ span: [1, 2] }, [])).toBeNull();
  expect(boxOnPage({ page: 1, box: [0, 0, 1, 1] }, [{ number: 1, width: 0, height: 10 }])).toBeNull();
  // a box past the page edge is clamped, never drawn outside
  expect(boxOnPage({ page: 1, box: [90, 0, 250, 10] }, [{ number: 1, width: 100, height: 100 }])?.width).toBe(100);
});

test("02 a span cuts the text in three; one outside the text cuts nothing", () => {
  expect(splitAtSpan("Hello Ann Lee!", { span: [6, 13] })).toEqual(["Hello ", "Ann Lee", "!"]);
  expect(splitAtSpan("short", { span: [2, 40] })).toBeNull();
  expect(splitAtSpan("short", { span: [3, 1] })).toBeNull();
  expect(splitAtSpan("short", null)).toBeNull();
});

test("03 the keys of the flow", () => {
  expect(keyCommand({ ...NO_KEYS, key: "Enter" })).toBe("accept");
  expect(keyCommand({ ...NO_KEYS, key: "Enter", ctrlKey: true })).toBe("confirm");
  expect(keyCommand({ ...NO_KEYS, key: "Enter", metaKey: true })).toBe("confirm");
  expect(keyCommand({ ...NO_KEYS, key: "ArrowDown" })).toBe("next");
  expect(keyCommand({ ...NO_KEYS, key: "ArrowUp" })).toBe("previous");
  expect(keyCommand({ ...NO_KEYS, key: "Escape" })).toBe("restore");
  expect(keyCommand({ ...NO_KEYS, key: "3", altKey: true })).toEqual({ candidate: 2 });
  // a Mac types "¡" for Alt+1: the key's code tells
  expect(keyCommand({ ...NO_KEYS, key: "¡", code: "Digit1", altKey: true })).toEqual({ candidate: 0 });
  expect(keyCommand({ ...NO_KEYS, key: "3" })).toBeNull();
  expect(keyCommand({ ...NO_KEYS, key: "ArrowDown", altKey: true })).toBeNull();
  expect(keyCommand({ ...NO_KEYS, key: "Tab" })).toBeNull();
});

test("04 decisions carry only what differs from the proposal, trimmed", () => {
  const payload = {
    fields: [
      { name: "email", label: "Email", value: "a@b.example", confidence: 0.9 },
      { name: "phone", label: "Phone", value: "+3247000000", confidence: 0.4 },
    ],
    document_type: { code: "inbound_request" },
    class: { choices: [{ label: "sales_lead", name: "Sales lead", fields: ["email", "product_interest"] }] },
  } as unknown as ReviewPayload;
  const rows = reviewRows(payload, "sales_lead");
  expect(rows.map((row) => [row.name, row.label])).toEqual([
    ["phone", "Phone"],
    ["email", "Email"],
    ["product_interest", "Product interest"],
  ]);
  expect(decisionsOf(rows, { email: " a@b.example ", phone: "", product_interest: "" })).toEqual({ phone: "" });
  expect(decisionsOf(rows, { email: "a@b.example", phone: "+3247000000", product_interest: "seats" })).toEqual({
    product_interest: "seats",
  });
  expect([confidenceTone(0.3, 0.8), confidenceTone(0.7, 0.8), confidenceTone(0.8, 0.8)]).toEqual([
    "danger",
    "warning",
    "success",
  ]);
});

test("05 a bill always has its vendor row, proposed or not", () => {
  const bill = (fields: unknown[]) =>
    ({ document_type: { code: "vendor_bill" }, class: null, fields }) as unknown as ReviewPayload;
  const date = { name: "invoice_date", label: "Invoice date", value: "2026-11-02", confidence: 0.4 };
  expect(reviewRows(bill([date]), null).map((row) => [row.name, row.label, row.proposal])).toEqual([
    ["invoice_date", "Invoice date", date],
    ["partner_id", "Vendor", null],
  ]);
  const vendor = { name: "partner_id", label: "Vendor", value: "7", confidence: 0.97 };
  expect(reviewRows(bill([vendor, date]), null).map((row) => row.name)).toEqual(["invoice_date", "partner_id"]);
});
