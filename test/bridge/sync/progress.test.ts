/** The progress line (sync_bridge/src/sync/progress.ts). */
import { createProgress, progressLine } from "../../../sync_bridge/src/sync/progress";
import { emptyTally } from "../../../sync_bridge/src/sync/tally";

describe("progress", () => {
  it("shows records read, the rate and Odoo's verdicts", () => {
    const tally = { ...emptyTally(), read: 3200, created: 3000, updated: 150, unchanged: 40, rejected: 4, dead: 6 };
    expect(progressLine("hubspot", "contacts", tally, 8000)).toBe(
      "hubspot/contacts  3,200 read · 400 rec/s · 3,000 created · 150 updated · 40 unchanged · 10 dead-lettered",
    );
  });

  it("rewrites one line on a terminal and prints lines at intervals otherwise", () => {
    let now = 0;
    const tty: string[] = [];
    const terminal = createProgress({ write: (text) => tty.push(text), tty: true, now: () => now });
    terminal.update("csv", "orders", emptyTally(), 1);
    now += 10;
    terminal.update("csv", "orders", emptyTally(), 1);
    terminal.note("retrying");
    terminal.finish();
    expect(tty).toEqual([`\r\u001b[2K${progressLine("csv", "orders", emptyTally(), 1)}`, "\r\u001b[2Kretrying\n"]);
    const plain: string[] = [];
    const log = createProgress({ write: (text) => plain.push(text), tty: false, intervalMs: 1000, now: () => now });
    log.update("csv", "orders", emptyTally(), 1);
    now += 500;
    log.update("csv", "orders", emptyTally(), 1);
    now += 600;
    log.update("csv", "orders", emptyTally(), 1);
    expect(plain).toHaveLength(2);
    expect(plain.every((line) => line.endsWith("\n"))).toBe(true);
  });
});
