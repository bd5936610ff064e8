import { CARD_KEYS, getCardDefinitions } from "../../../web_src/src/control_room/cards";
import { describeCountError } from "../../../web_src/src/control_room/control_room";
import { makeRpcError } from "../helpers/services";

describe("card definitions", () => {
  test("01 five cards, in display order, each on its model", () => {
    const cards = getCardDefinitions({ uid: 2, today: "2025-03-14" });
    expect(cards.map((c) => [c.key, c.model, c.label])).toEqual([
      ["leads", "crm.lead", "Leads to qualify"],
      ["opportunities", "crm.lead", "Open opportunities"],
      ["quotations", "sale.order", "Quotations to confirm"],
      ["overdue_activities", "mail.activity", "My overdue activities"],
      ["queued_leads", "crm.lead", "Leads waiting in queues"],
    ]);
    expect(cards.map((c) => c.key)).toEqual([...CARD_KEYS]);
    expect(cards.every((c) => /^fa-[a-z-]+$/.test(c.icon))).toBe(true);
  });

  test("02 the CRM and Sales domains do not depend on the user or the date", () => {
    const a = getCardDefinitions({ uid: 2, today: "2025-03-14" });
    const b = getCardDefinitions({ uid: 9, today: "2031-12-31" });
    for (const index of [0, 1, 2, 4]) {
      expect(a[index].domain).toEqual(b[index].domain);
    }
    expect(a[0].domain).toEqual([["type", "=", "lead"]]);
    expect(a[1].domain).toEqual([
      ["type", "=", "opportunity"],
      ["probability", "<", 100],
    ]);
    expect(a[2].domain).toEqual([["state", "in", ["draft", "sent"]]]);
  });

  test("09 leads waiting in queues: every lead routing queued, whoever looks", () => {
    const queued = getCardDefinitions({ uid: 2, today: "2025-03-14" })[4];
    expect(queued.domain).toEqual([["ops_routing_state", "=", "queued"]]);
    expect(queued.icon).toBe("fa-hourglass-half");
  });

  test("03 overdue activities: assigned to the given user, deadline strictly before the given day", () => {
    const overdue = getCardDefinitions({ uid: 42, today: "2025-03-14" })[3];
    expect(overdue.domain).toEqual([
      ["user_id", "=", 42],
      ["date_deadline", "<", "2025-03-14"],
    ]);
  });

  test("04 a missing user id or a date not in yyyy-MM-dd is refused, not turned into a wrong domain", () => {
    expect(() => getCardDefinitions({ uid: 0, today: "2025-03-14" })).toThrow(/uid/);
    expect(() => getCardDefinitions({ uid: Number.NaN, today: "2025-03-14" })).toThrow(/uid/);
    expect(() => getCardDefinitions({ uid: 2, today: "14/03/2025" })).toThrow(/yyyy-MM-dd/);
    expect(() => getCardDefinitions({ uid: 2, today: "2025-03-14T10:00:00" })).toThrow(/yyyy-MM-dd/);
  });

  test("05 each call builds fresh objects: callers may not share mutable domains", () => {
    const a = getCardDefinitions({ uid: 2, today: "2025-03-14" });
    const b = getCardDefinitions({ uid: 2, today: "2025-03-14" });
    expect(a[0].domain).not.toBe(b[0].domain);
  });
});

describe("describeCountError", () => {
  test("06 an AccessError reads 'No access', whatever the server said", () => {
    const error = makeRpcError("odoo.exceptions.AccessError", "You are not allowed to access 'Lead' (crm.lead) records.");
    expect(describeCountError(error)).toBe("No access");
  });

  test("07 other RPC errors give the first line of the server message", () => {
    const error = makeRpcError("odoo.exceptions.UserError", "The model is busy.\nTry again later.");
    expect(describeCountError(error)).toBe("The model is busy.");
  });

  test("08 plain errors, strings and unknown values still give a readable text", () => {
    expect(describeCountError(new Error("Connection lost"))).toBe("Connection lost");
    expect(describeCountError("timeout")).toBe("timeout");
    expect(describeCountError(undefined)).toBe("Could not load this count");
    expect(describeCountError({})).toBe("Could not load this count");
  });
});
