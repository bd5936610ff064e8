import { fireEvent, getByText, queryByText, screen, waitFor, within } from "@testing-library/dom";
import type { DomainListRepr } from "@web/core/domain";
import { user } from "@web/core/user";
import { DateTime, Settings } from "luxon";
import { ControlRoom } from "../../../web_src/src/control_room/control_room";
import { registerCleanup } from "../helpers/cleanup";
import { mountComponent } from "../helpers/owl";
import { makeActionService, makeDeferred, makeOrmService, makeRpcError, type CountAnswer } from "../helpers/services";

type Key = "leads" | "opportunities" | "quotations" | "overdue_activities" | "queued_leads";

const TODAY = "2025-03-14";
const COUNTS: Record<Key, number> = { leads: 12, opportunities: 5, quotations: 3, overdue_activities: 7, queued_leads: 2 };

/** Which card a searchCount call is for, told from the model and the `type` or routing leaf. */
function keyOf(model: string, domain: DomainListRepr): Key {
  if (model === "crm.lead") {
    if (domain.some((leaf) => Array.isArray(leaf) && leaf[0] === "ops_routing_state")) {
      return "queued_leads";
    }
    const typeLeaf = domain.find((leaf) => Array.isArray(leaf) && leaf[0] === "type");
    return Array.isArray(typeLeaf) && typeLeaf[2] === "lead" ? "leads" : "opportunities";
  }
  const byModel: Record<string, Key> = { "sale.order": "quotations", "mail.activity": "overdue_activities" };
  if (!(model in byModel)) {
    throw new Error(`unexpected searchCount on ${model}`);
  }
  return byModel[model];
}

async function mountControlRoom(answers: Partial<Record<Key, CountAnswer>> = {}) {
  const orm = makeOrmService((model, domain) => {
    const key = keyOf(model, domain);
    return answers[key] ?? COUNTS[key];
  });
  const action = makeActionService();
  const mounted = await mountComponent(ControlRoom, { services: { orm, action } });
  return { ...mounted, orm, action };
}

function card(target: HTMLElement, key: Key): HTMLElement {
  const element = target.querySelector<HTMLElement>(`.o_ops_harmony_card[data-card="${key}"]`);
  if (!element) {
    throw new Error(`no card ${key}`);
  }
  return element;
}

function countText(target: HTMLElement, key: Key): string {
  return card(target, key).querySelector(".o_ops_harmony_card_count")?.textContent?.trim() ?? "";
}

beforeEach(() => {
  // luxon reads the clock through Settings.now: pin "today" for the overdue-activities domain
  const now = Settings.now;
  const pinned = DateTime.fromISO(`${TODAY}T10:30:00`).toMillis();
  Settings.now = () => pinned;
  registerCleanup(() => {
    Settings.now = now;
  });
});

test("01 renders one card per definition, in order, with the counts from the ORM", async () => {
  const { target, orm } = await mountControlRoom();

  const root = target.querySelector(".o_ops_harmony_control_room");
  expect(root).not.toBeNull();
  const cards = [...target.querySelectorAll<HTMLElement>(".o_ops_harmony_card")];
  expect(cards.map((el) => el.dataset.card)).toEqual([
    "leads",
    "opportunities",
    "quotations",
    "overdue_activities",
    "queued_leads",
  ]);
  // exact text: the addon's tour waits for `.o_ops_harmony_card_count:contains(/^\d+$/)`
  expect(cards.map((el) => el.querySelector(".o_ops_harmony_card_count")?.textContent)).toEqual(["12", "5", "3", "7", "2"]);
  expect(cards.map((el) => el.querySelector(".o_ops_harmony_card_label")?.textContent?.trim())).toEqual([
    "Leads to qualify",
    "Open opportunities",
    "Quotations to confirm",
    "My overdue activities",
    "Leads waiting in queues",
  ]);
  expect(cards.every((el) => el.dataset.state === "ready")).toBe(true);
  expect(orm.searchCount).toHaveBeenCalledTimes(5);
  expect(orm.searchCount).toHaveBeenCalledWith("crm.lead", [["type", "=", "lead"]]);
  expect(orm.searchCount).toHaveBeenCalledWith("crm.lead", [
    ["type", "=", "opportunity"],
    ["probability", "<", 100],
  ]);
  expect(orm.searchCount).toHaveBeenCalledWith("sale.order", [["state", "in", ["draft", "sent"]]]);
});

test("02 a user finds each card as a button named by its count and label", async () => {
  await mountControlRoom();

  expect(screen.getByRole("heading", { name: "Control Room" })).toBeTruthy();
  const leads = screen.getByRole("button", { name: /Leads to qualify/ });
  expect(leads.textContent).toContain("12");
  expect(screen.getByRole("button", { name: "5 Open opportunities" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "3 Quotations to confirm" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "7 My overdue activities" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "2 Leads waiting in queues" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "Refresh" })).toBeTruthy();
  expect(screen.getAllByRole("button")).toHaveLength(6);
});

test("03 clicking a card opens its list and form views on the counted model and domain", async () => {
  const { action } = await mountControlRoom();

  fireEvent.click(screen.getByRole("button", { name: /Quotations to confirm/ }));
  expect(action.doAction).toHaveBeenCalledTimes(1);
  expect(action.doAction).toHaveBeenLastCalledWith({
    type: "ir.actions.act_window",
    name: "Quotations to confirm",
    res_model: "sale.order",
    domain: [["state", "in", ["draft", "sent"]]],
    views: [
      [false, "list"],
      [false, "form"],
    ],
    target: "current",
  });

  fireEvent.click(screen.getByText("Open opportunities"));
  expect(action.doAction).toHaveBeenCalledTimes(2);
  expect(action.doAction).toHaveBeenLastCalledWith(
    expect.objectContaining({
      res_model: "crm.lead",
      domain: [
        ["type", "=", "opportunity"],
        ["probability", "<", 100],
      ],
    }),
  );
});

test("04 a count refused with an AccessError shows — and 'No access' on that card only", async () => {
  const denied = makeRpcError(
    "odoo.exceptions.AccessError",
    "You are not allowed to access 'Sales Order' (sale.order) records.\n\nThis operation is allowed for the following groups: ...",
  );
  const { target, action } = await mountControlRoom({ quotations: denied });

  const quotations = card(target, "quotations");
  expect(countText(target, "quotations")).toBe("—");
  expect(getByText(quotations, "No access")).toBeTruthy();
  expect(queryByText(quotations, /not allowed/)).toBeNull();
  expect(quotations.dataset.state).toBe("error");
  expect((quotations as HTMLButtonElement).disabled).toBe(true);

  // the other cards still show their numbers and stay usable
  expect(countText(target, "leads")).toBe("12");
  expect(countText(target, "opportunities")).toBe("5");
  expect(countText(target, "overdue_activities")).toBe("7");
  expect(target.querySelectorAll(".o_ops_harmony_card_error")).toHaveLength(1);
  quotations.click(); // HTMLElement.click(), like a user: a disabled button gets no click
  expect(action.doAction).not.toHaveBeenCalled();
  fireEvent.click(card(target, "leads"));
  expect(action.doAction).toHaveBeenCalledTimes(1);
});

test("05 any other failure shows — with the first line of the server's message", async () => {
  const { target } = await mountControlRoom({
    leads: makeRpcError("builtins.KeyError", "Object crm.lead doesn't exist\nmore details"),
    overdue_activities: new Error("Connection lost"),
  });

  expect(countText(target, "leads")).toBe("—");
  expect(within(card(target, "leads")).getByText("Object crm.lead doesn't exist")).toBeTruthy();
  expect(countText(target, "overdue_activities")).toBe("—");
  expect(within(card(target, "overdue_activities")).getByText("Connection lost")).toBeTruthy();
  expect(countText(target, "opportunities")).toBe("5");
  expect(countText(target, "quotations")).toBe("3");
});

test("06 Refresh reloads every count, showing the loading state until they arrive", async () => {
  const { target, orm } = await mountControlRoom();
  expect(orm.searchCount).toHaveBeenCalledTimes(5);

  const pending = makeDeferred<number>();
  const fresh: Record<Key, number> = {
    leads: 13,
    opportunities: 6,
    quotations: 0,
    overdue_activities: 1,
    queued_leads: 0,
  };
  orm.searchCount.mockImplementation(async (model: string, domain: DomainListRepr) => {
    const key = keyOf(model, domain);
    return key === "leads" ? pending.promise : fresh[key];
  });

  const refresh = screen.getByRole("button", { name: "Refresh" }) as HTMLButtonElement;
  fireEvent.click(refresh);
  await waitFor(() => expect(countText(target, "opportunities")).toBe("6"));
  expect(orm.searchCount).toHaveBeenCalledTimes(10);
  // the leads count is still on its way
  const leads = card(target, "leads");
  expect(leads.dataset.state).toBe("loading");
  expect(leads.getAttribute("aria-busy")).toBe("true");
  expect(within(leads).getByRole("img", { name: "Loading" })).toBeTruthy();
  expect(refresh.disabled).toBe(true);

  pending.resolve(13);
  await waitFor(() => expect(countText(target, "leads")).toBe("13"));
  await waitFor(() => expect(refresh.disabled).toBe(false));
  expect(countText(target, "quotations")).toBe("0");
  expect(countText(target, "overdue_activities")).toBe("1");
  expect(target.querySelectorAll('[data-state="ready"]')).toHaveLength(5);
});

test("07 overdue activities are the current user's, due before today, in the count and the list", async () => {
  const userId = user.userId;
  user.userId = 42;
  registerCleanup(() => {
    user.userId = userId;
  });
  const { orm, action } = await mountControlRoom();

  const expectedDomain = [
    ["user_id", "=", 42],
    ["date_deadline", "<", TODAY],
  ];
  expect(orm.searchCount).toHaveBeenCalledWith("mail.activity", expectedDomain);
  fireEvent.click(screen.getByRole("button", { name: /My overdue activities/ }));
  expect(action.doAction).toHaveBeenCalledWith(expect.objectContaining({ res_model: "mail.activity", domain: expectedDomain }));
});

test("08 a slow earlier load never overwrites the counts of a later one", async () => {
  const { target, orm, component } = await mountControlRoom();
  const slow = makeDeferred<number>();
  let leadsCalls = 0;
  orm.searchCount.mockImplementation(async (model: string, domain: DomainListRepr) => {
    const key = keyOf(model, domain);
    if (key === "leads") {
      leadsCalls++;
      // the first reload's leads count hangs, the second reload's answers 20
      return leadsCalls === 1 ? slow.promise : 20;
    }
    return COUNTS[key];
  });

  const firstLoad = component.loadCounts();
  const secondLoad = component.loadCounts();
  await secondLoad;
  await waitFor(() => expect(countText(target, "leads")).toBe("20"));

  slow.resolve(99);
  await firstLoad;
  await new Promise((resolve) => setTimeout(resolve, 50)); // leave OWL time to render, if it would
  expect(countText(target, "leads")).toBe("20");
  expect(card(target, "leads").dataset.state).toBe("ready");
});

test("09 the queue card counts every queued lead and opens that list", async () => {
  const { target, orm, action } = await mountControlRoom({ queued_leads: 4 });

  const queueDomain = [["ops_routing_state", "=", "queued"]];
  expect(orm.searchCount).toHaveBeenCalledWith("crm.lead", queueDomain);
  expect(countText(target, "queued_leads")).toBe("4");
  fireEvent.click(screen.getByRole("button", { name: "4 Leads waiting in queues" }));
  expect(action.doAction).toHaveBeenCalledWith(
    expect.objectContaining({
      name: "Leads waiting in queues",
      res_model: "crm.lead",
      domain: queueDomain,
      views: [
        [false, "list"],
        [false, "form"],
      ],
    }),
  );
});
