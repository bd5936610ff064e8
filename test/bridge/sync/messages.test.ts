/**
 * The dead-letter messages the bridge writes (sync_bridge/src/sync/messages.ts, prepare.ts): which
 * record, what happened, what to do; and the cause Odoo groups them by.
 */
import { z } from "zod";
import { AuthAPIError, MappingError, RetriableAPIError } from "../../../sync_bridge/src/errors";
import type { StreamDefinition } from "../../../sync_bridge/src/sources";
import { causeOf, recordLabel, requestFailure } from "../../../sync_bridge/src/sync/messages";
import { prepareRecord } from "../../../sync_bridge/src/sync/prepare";
import { memoryStream } from "../support/memory_source";

// the shape of a HubSpot CRM v3 object: an id and its properties
const contactSchema = z.object({
  id: z.string(),
  properties: z.object({ email: z.string().nullable(), createdate: z.string(), lifecyclestage: z.string().optional() }),
});

function contacts(map?: StreamDefinition["map"]): StreamDefinition {
  return {
    ...memoryStream([]),
    schema: contactSchema,
    map: map ?? ((raw) => ({ externalId: (raw as { id: string }).id, values: {}, modifiedAt: null })),
    externalIdOf: (raw) => (typeof raw === "object" && raw !== null && "id" in raw ? String(raw.id) : null),
  };
}

function failure(raw: unknown, stream = contacts(), source = "hubspot") {
  const prepared = prepareRecord(stream, raw, "run1-contacts-1", source);
  if (prepared.ok) throw new Error("expected a failure");
  return { ...prepared.failure, bug: prepared.bug };
}

describe("dead-letter messages", () => {
  it("says which record could not be read, what is wrong in the vendor's words, and what to do", () => {
    const result = failure({ id: "123", properties: { email: 5, createdate: "2024-01-02T03:04:05Z" } });
    expect(result.message).toBe(
      "HubSpot contact 123 could not be read: properties.email is a number, not text. What to do: check the record in " +
        "HubSpot; if it is right there, the bridge must learn to read it (tell its maintainers), then Replay it.",
    );
    expect(result.cause).toBe("properties.email is a number, not text");
    expect(result.category).toBe("validation");
  });

  it("reads a record that is no object at all as such, not as code", () => {
    const result = failure(42);
    expect(result.message).toMatch(/^A HubSpot contact could not be read: it is a number, not an object\. What to do: /);
    expect(result.message).not.toMatch(/must be an object|expected object|received/);
  });

  it("names missing fields, and counts the problems beyond five", () => {
    expect(failure({ id: "7", properties: { email: null } }).message).toContain(
      "HubSpot contact 7 could not be read: properties.createdate is missing (text expected).",
    );
    const many = z.object(Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`f${index}`, z.string()])));
    const result = failure({ id: "8" }, { ...contacts(), schema: many });
    expect(result.message).toContain("f4 is missing (text expected); and 3 more problems.");
  });

  it("keeps the record's own values out of the cause, so that one cause gathers many records", () => {
    const stream = contacts(() => {
      throw new MappingError(`unknown lifecycle stage "evangelist" at lines[3]`);
    });
    const first = failure({ id: "1", properties: { email: null, createdate: "x" } }, stream);
    expect(first.message).toBe(
      'HubSpot contact 1 could not be mapped to Odoo: unknown lifecycle stage "evangelist" at lines[3]. What to do: add ' +
        "the missing mapping (in Odoo or in the bridge's sync settings), then Replay it.",
    );
    expect(first.cause).toBe("unknown lifecycle stage '…' at lines[…]");
    expect(causeOf("unknown SKU 'A1'; unknown SKU 'B2'")).toBe("unknown SKU '…'");
  });

  it("tells a bridge bug apart: report it, do not re-map", () => {
    const stream = contacts(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const result = failure({ id: "2", properties: { email: null, createdate: "x" } }, stream);
    expect(result.bug).toBe(true);
    expect(result.message).toContain("could not be mapped to Odoo: the bridge has a bug: Cannot read properties");
    expect(result.message).toMatch(/What to do: report this bug to the bridge's maintainers with the event's trace id/);
  });

  it("names records by the vendor's and the stream's words", () => {
    expect(recordLabel("google_ads", "campaign_spend", "9:2025-01-01")).toBe("Google Ads spend row 9:2025-01-01");
    expect(recordLabel("woocommerce", "orders", "731")).toBe("WooCommerce order 731");
    expect(recordLabel("woocommerce", "refunds", null)).toBe("A WooCommerce refund");
  });

  it("says what to do about a request that stopped a stream, by what went wrong", () => {
    const auth = requestFailure("hubspot", "contacts", new AuthAPIError("HubSpot answered 401", { status: 401 }), "t");
    expect(auth).toMatchObject({ externalId: null, category: "auth", cause: "a request failed: HubSpot answered 401" });
    expect(auth.message).toBe(
      "HubSpot contacts: a request failed, so the stream stopped: HubSpot answered 401. What to do: renew the bridge's " +
        "HubSpot credentials, then run the sync again.",
    );
    const limited = requestFailure("hubspot", "deals", new RetriableAPIError("429 after 5 tries", { status: 429 }), "t");
    expect(limited.message).toContain(
      "What to do: nothing: the next run retries it; if it keeps happening, sync HubSpot less often.",
    );
  });
});
