/** Joining the gateway's parts into one object (sync_bridge/src/gateway/join_parts.ts, gateway/index.ts). */
import { parseConfig } from "../../../sync_bridge/src/config";
import { createGateway } from "../../../sync_bridge/src/gateway";
import { joinParts } from "../../../sync_bridge/src/gateway/join_parts";

class Counter {
  private count = 0;
  get current(): number {
    return this.count;
  }
  increment(): number {
    this.count += 1;
    return this.count;
  }
}

class Greeter {
  greet(name: string): string {
    return `hello ${name}`;
  }
}

describe("joinParts", () => {
  it("answers each part's methods and getters, bound to the part, and keeps its state private", () => {
    const joined = joinParts<Counter & Greeter>(new Counter(), new Greeter());
    const { increment } = joined;
    expect(increment()).toBe(1);
    expect(joined.increment()).toBe(2);
    expect(joined.current).toBe(2);
    expect(joined.greet("Odoo")).toBe("hello Odoo");
    expect(Object.keys(joined)).not.toContain("count");
  });

  it("refuses two parts offering the same name", () => {
    expect(() => joinParts(new Greeter(), new Greeter())).toThrow('two gateway parts define "greet"');
  });

  it("makes createGateway answer both the ORM calls and the sync RPCs, on the chosen transport", () => {
    const config = parseConfig({ ODOO_URL: "http://odoo.test:8069", ODOO_DB: "ops_test", ODOO_API_KEY: "k" });
    const gateway = createGateway(config, "legacy");
    expect(gateway.transport).toBe("legacy");
    for (const method of [
      "serverVersion",
      "authenticate",
      "selfCheck",
      "searchCount",
      "searchRead",
      "create",
      "write",
      "ingest",
      "checkUnchanged",
      "reportFailures",
      "getCursor",
      "setCursor",
      "replayQueue",
      "closeEvents",
      "requeueEvents",
      "syncStatus",
    ] as const) {
      expect(typeof gateway[method]).toBe("function");
    }
  });
});
