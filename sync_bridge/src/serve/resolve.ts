/**
 * From verified events to the records a scheduled sync would read: HubSpot's thin events name an
 * object, which is fetched whole through the connector (`readByIds`); WooCommerce's carry the REST
 * resource itself; Shopify's carry its REST resource (see `shopify_rest.ts`). Each record keeps
 * the trace id of the event that brought it. What cannot become a record (a deletion, an unknown
 * topic, a body that is not JSON, an object the vendor no longer has) is a failure, dead-lettered
 * in Odoo with the event as payload: nothing is dropped silently.
 */
import { FatalAPIError, type FailureCategory } from "../errors";
import type { Source, StreamDefinition, StreamKind } from "../sources";
import type { TracedRecord } from "../sync/ingest_records";
import type { JournalEvent, WebhookVendorName } from "./event";

/** Records of one stream, ready for `ingestTraced`. */
export interface StreamRecords {
  stream: StreamDefinition;
  records: TracedRecord[];
}

/** An event that does not become a record, with why. */
export interface EventFailure {
  event: JournalEvent;
  stream: string;
  category: FailureCategory;
  message: string;
  externalId: string | null;
}

export interface Resolution {
  /** In the source's stream order (a stream after those its records refer to). */
  batches: StreamRecords[];
  failures: EventFailure[];
}

/** Turns one vendor's claimed events into records. Retriable vendor errors propagate (retried later). */
export interface EventResolver {
  vendor: WebhookVendorName;
  resolve(events: readonly JournalEvent[]): Promise<Resolution>;
}

const fail = (
  event: JournalEvent,
  stream: string,
  category: FailureCategory,
  message: string,
  externalId: string | null = null,
): EventFailure => ({ event, stream, category, message, externalId });

/** `records` grouped by stream, in `source`'s stream order. */
function inStreamOrder(source: Source, byStream: Map<StreamKind, TracedRecord[]>): StreamRecords[] {
  return source.streams
    .filter((stream) => (byStream.get(stream.name) ?? []).length > 0)
    .map((stream) => ({ stream, records: byStream.get(stream.name) ?? [] }));
}

/** HubSpot's object type of a subscription type ("contact.propertyChange" → contacts). */
const HUBSPOT_STREAMS: Readonly<Record<string, StreamKind>> = { contact: "contacts", company: "companies", deal: "deals" };
/** The generic format ("object.propertyChange") names the type by `objectTypeId`. */
const HUBSPOT_OBJECT_TYPES: Readonly<Record<string, string>> = { "0-1": "contact", "0-2": "company", "0-3": "deal" };
/** Subscription types that mean "the object changed": fetch it. */
const HUBSPOT_CHANGES = new Set(["creation", "propertyChange", "restore", "merge", "associationChange"]);

/** HubSpot: fetch the objects the events name, once each, under the latest event's trace id. */
export function hubspotResolver(source: Source): EventResolver {
  return {
    vendor: "hubspot",
    async resolve(events) {
      const failures: EventFailure[] = [];
      const wanted = new Map<StreamKind, Map<string, JournalEvent>>();
      for (const event of events) {
        if (event.body === undefined) {
          failures.push(fail(event, "webhooks", "validation", `HubSpot sent a body that is not JSON: ${event.unreadable ?? ""}`));
          continue;
        }
        const body = (typeof event.body === "object" && event.body !== null ? event.body : {}) as Record<string, unknown>;
        const [named = "", action = ""] = (event.topic ?? "").split(".");
        const objectType = named === "object" ? (HUBSPOT_OBJECT_TYPES[String(body.objectTypeId)] ?? named) : named;
        const streamName = HUBSPOT_STREAMS[objectType];
        const objectId = body.objectId;
        const id =
          typeof objectId === "number" && Number.isSafeInteger(objectId)
            ? String(objectId)
            : typeof objectId === "string" && /^\d{1,30}$/.test(objectId)
              ? objectId
              : null;
        const stream = streamName && source.streams.find((candidate) => candidate.name === streamName);
        if (!stream || !stream.readByIds || !HUBSPOT_CHANGES.has(action)) {
          failures.push(
            fail(
              event,
              streamName ?? "webhooks",
              "mapping",
              action.endsWith("eletion")
                ? `HubSpot deleted ${objectType} ${id ?? "?"} (${event.topic}); webhooks do not archive records: \`ops-bridge reconcile hubspot\` does`
                : `HubSpot webhook ${JSON.stringify(event.topic)} is not synced; subscribe to contact, company or deal creation and property changes`,
              id,
            ),
          );
          continue;
        }
        if (id === null) {
          failures.push(fail(event, stream.name, "validation", `HubSpot ${event.topic} event has no objectId`));
          continue;
        }
        const byId = wanted.get(stream.name) ?? new Map<string, JournalEvent>();
        const seen = byId.get(id);
        if (!seen || seen.receivedAt <= event.receivedAt) byId.set(id, event);
        wanted.set(stream.name, byId);
      }
      const byStream = new Map<StreamKind, TracedRecord[]>();
      for (const [streamName, byId] of wanted) {
        const stream = source.streams.find((candidate) => candidate.name === streamName) as StreamDefinition;
        let fetched: unknown[];
        try {
          fetched = await (stream.readByIds as NonNullable<StreamDefinition["readByIds"]>)([...byId.keys()]);
        } catch (error) {
          if (!(error instanceof FatalAPIError)) throw error;
          for (const [id, event] of byId)
            failures.push(fail(event, streamName, error.category, `fetching HubSpot ${streamName} ${id}: ${error.message}`, id));
          continue;
        }
        const records: TracedRecord[] = [];
        for (const raw of fetched) {
          const id = stream.externalIdOf(raw);
          const event = id === null ? undefined : byId.get(id);
          if (id === null || !event) continue;
          byId.delete(id);
          records.push({ raw, traceId: event.traceId });
        }
        for (const [id, event] of byId) {
          failures.push(
            fail(
              event,
              streamName,
              "validation",
              `HubSpot has no ${streamName} ${id} any more (deleted or merged after the webhook)`,
              id,
            ),
          );
        }
        byStream.set(streamName, records);
      }
      return { batches: inStreamOrder(source, byStream), failures };
    },
  };
}

/** Resolves events whose body is the resource, by topic ("order.updated" → orders). */
export function payloadResolver(
  vendor: WebhookVendorName,
  source: Source,
  topics: Readonly<Record<string, StreamKind>>,
  label: string,
): EventResolver {
  return {
    vendor,
    async resolve(events) {
      const failures: EventFailure[] = [];
      const byStream = new Map<StreamKind, TracedRecord[]>();
      for (const event of events) {
        const streamName = event.topic === null ? undefined : topics[event.topic];
        const stream = streamName && source.streams.find((candidate) => candidate.name === streamName);
        if (event.body === undefined) {
          failures.push(
            fail(
              event,
              streamName ?? "webhooks",
              "validation",
              `${label} sent a body that is not JSON: ${event.unreadable ?? ""}`,
            ),
          );
        } else if (!stream) {
          failures.push(
            fail(
              event,
              "webhooks",
              "mapping",
              `${label} webhook topic ${JSON.stringify(event.topic)} is not synced; subscribe to ${Object.keys(topics).join(", ")}`,
            ),
          );
        } else {
          const records = byStream.get(stream.name) ?? [];
          records.push({ raw: event.body, traceId: event.traceId });
          byStream.set(stream.name, records);
        }
      }
      return { batches: inStreamOrder(source, byStream), failures };
    },
  };
}

/** WooCommerce's topics whose body is a REST v3 resource the connector maps. */
export const WOOCOMMERCE_TOPICS: Readonly<Record<string, StreamKind>> = {
  "order.created": "orders",
  "order.updated": "orders",
  "order.restored": "orders",
  "customer.created": "customers",
  "customer.updated": "customers",
};
