/**
 * Events waiting in a `FakeOdoo`'s replay queue, as Odoo's Replay buttons leave them: for the
 * `replay` and `status` commands' tests.
 */
import type { FakeOdoo } from "./fake_gateway";

/** A contacts.csv row of the shipped CSV export format that maps cleanly. */
export const GOOD_CONTACT = {
  "Record ID": "77",
  "First Name": "Ana",
  "Last Name": "Lima",
  Email: "ana@lima.example",
  "Phone Number": "",
  "Job Title": "",
  "Associated Company IDs": "",
  "Last Modified Date": "2025-01-01 10:00",
};

/** An Odoo whose replay queue holds events queued with the Replay button. */
export function queued(odoo: FakeOdoo, payloads: unknown[], stream = "contacts"): void {
  for (const payload of payloads) {
    odoo.events.push({
      id: odoo.events.length + 100,
      source: "csv",
      stream,
      externalId: String((payload as Record<string, unknown>)["Record ID"] ?? "x"),
      state: "received",
      category: "validation",
      message: "",
      payload,
      values: null,
      traceId: "t",
      attempts: 1,
    });
  }
}
