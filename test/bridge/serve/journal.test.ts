import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JournalEvent } from "../../../sync_bridge/src/serve/event";
import { Journal } from "../../../sync_bridge/src/serve/journal";

const event = (traceId: string): JournalEvent => ({
  traceId,
  vendor: "woocommerce",
  deliveryId: `d-${traceId}`,
  topic: "order.created",
  receivedAt: 1,
  body: { id: 1 },
});

describe("the webhook journal", () => {
  it("keeps the events not done across a reopen, and only those", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-journal-"));
    const journal = await Journal.open(dir);
    await journal.append([event("a"), event("b")]);
    await journal.append([event("c")]);
    await journal.markDone(["b"]);
    await journal.close();
    const again = await Journal.open(dir);
    expect(again.pendingEvents().map((pending) => pending.traceId)).toEqual(["a", "c"]);
    // the reopened file holds the pending events only
    expect(readFileSync(join(dir, "webhooks.journal"), "utf8").trim().split("\n")).toHaveLength(2);
    await again.close();
  });

  it("skips a torn last line: that event was never acknowledged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-journal-"));
    const journal = await Journal.open(dir);
    await journal.append([event("a")]);
    await journal.close();
    appendFileSync(join(dir, "webhooks.journal"), '{"t":"event","event":{"traceId":"b","ven');
    const again = await Journal.open(dir);
    expect(again.pendingEvents().map((pending) => pending.traceId)).toEqual(["a"]);
    await again.close();
  });

  it("answers concurrent appends once each is on disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-journal-"));
    const journal = await Journal.open(dir);
    await Promise.all(Array.from({ length: 50 }, (_unused, index) => journal.append([event(`e${index}`)])));
    expect(journal.size).toBe(50);
    await journal.close();
    expect(readFileSync(join(dir, "webhooks.journal"), "utf8").trim().split("\n")).toHaveLength(50);
  });
});
