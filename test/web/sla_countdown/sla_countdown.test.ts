import { screen } from "@testing-library/dom";
import type { Record as OdooRecord } from "@web/model/relational_model/record";
import { registry } from "@web/core/registry";
import { DateTime, Settings } from "luxon";
import { formatSlaCountdown, toSlaState, type SlaState } from "../../../web_src/src/sla_countdown/format";
import { REFRESH_INTERVAL_MS, SlaCountdown, slaCountdownField } from "../../../web_src/src/sla_countdown/sla_countdown";
import { registerCleanup } from "../helpers/cleanup";
import { mountComponent } from "../helpers/owl";

const ZONE = "Europe/Brussels";
const NOW = DateTime.fromISO("2025-03-14T10:30:00", { zone: ZONE });
const STATES: SlaState[] = ["none", "running", "met", "breached"];

/** the countdown for a deadline `offset` away from NOW */
function countdownIn(
  offset: { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number },
  state: SlaState = "running",
) {
  return formatSlaCountdown(NOW.plus(offset), state, NOW);
}

/** the countdown for a deadline `offset` before NOW */
function countdownAgo(
  offset: { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number },
  state: SlaState = "running",
) {
  return formatSlaCountdown(NOW.minus(offset), state, NOW);
}

beforeEach(() => {
  // pin the user's time zone (Odoo sets luxon's default zone to it) for the absolute deadline
  const defaultZone = Settings.defaultZone;
  Settings.defaultZone = ZONE;
  registerCleanup(() => {
    Settings.defaultZone = defaultZone;
  });
});

describe("formatSlaCountdown", () => {
  test("01 running, less than an hour left: whole minutes, a started minute counts", () => {
    expect(countdownIn({ minutes: 14 })).toEqual({ text: "14 min left", tone: "default" });
    expect(countdownIn({ minutes: 14, seconds: 1 })).toEqual({ text: "15 min left", tone: "default" });
    expect(countdownIn({ minutes: 13, seconds: 59 })).toEqual({ text: "14 min left", tone: "default" });
    expect(countdownIn({ minutes: 5 })).toEqual({ text: "5 min left", tone: "default" });
    expect(countdownIn({ seconds: 30 })).toEqual({ text: "1 min left", tone: "default" });
    expect(countdownIn({ minutes: 59 })).toEqual({ text: "59 min left", tone: "default" });
    expect(countdownIn({ minutes: 58, seconds: 1 })).toEqual({ text: "59 min left", tone: "default" });
  });

  test("02 running, one hour to a day left: hours and two-digit minutes", () => {
    expect(countdownIn({ minutes: 59, seconds: 1 })).toEqual({ text: "1 h 00 min left", tone: "default" });
    expect(countdownIn({ hours: 1 })).toEqual({ text: "1 h 00 min left", tone: "default" });
    expect(countdownIn({ hours: 2, minutes: 5 })).toEqual({ text: "2 h 05 min left", tone: "default" });
    expect(countdownIn({ hours: 2, minutes: 45 })).toEqual({ text: "2 h 45 min left", tone: "default" });
    expect(countdownIn({ hours: 23, minutes: 59 })).toEqual({ text: "23 h 59 min left", tone: "default" });
  });

  test("03 running, a day or more left: days and hours, minutes dropped", () => {
    expect(countdownIn({ hours: 23, minutes: 59, seconds: 1 })).toEqual({ text: "1 d 0 h left", tone: "default" });
    expect(countdownIn({ days: 1 })).toEqual({ text: "1 d 0 h left", tone: "default" });
    expect(countdownIn({ days: 1, hours: 3 })).toEqual({ text: "1 d 3 h left", tone: "default" });
    expect(countdownIn({ days: 1, hours: 3, minutes: 59 })).toEqual({ text: "1 d 3 h left", tone: "default" });
    expect(countdownIn({ days: 12, hours: 23 })).toEqual({ text: "12 d 23 h left", tone: "default" });
  });

  test("04 exact boundary: the deadline itself is still in time, a millisecond later it is overdue", () => {
    expect(formatSlaCountdown(NOW, "running", NOW)).toEqual({ text: "0 min left", tone: "default" });
    expect(countdownIn({ milliseconds: 1 })).toEqual({ text: "1 min left", tone: "default" });
    expect(countdownAgo({ milliseconds: 1 })).toEqual({ text: "overdue by 1 min", tone: "danger" });
    // the same instant written in another zone is the same deadline
    expect(formatSlaCountdown(NOW.setZone("UTC"), "running", NOW)).toEqual({ text: "0 min left", tone: "default" });
    expect(formatSlaCountdown(NOW.plus({ minutes: 14 }).setZone("America/New_York"), "running", NOW).text).toBe("14 min left");
  });

  test("05 running past the deadline: overdue in the danger tone, minutes, hours and days", () => {
    expect(countdownAgo({ seconds: 30 })).toEqual({ text: "overdue by 1 min", tone: "danger" });
    expect(countdownAgo({ minutes: 3 })).toEqual({ text: "overdue by 3 min", tone: "danger" });
    expect(countdownAgo({ minutes: 2, seconds: 1 })).toEqual({ text: "overdue by 3 min", tone: "danger" });
    expect(countdownAgo({ minutes: 59 })).toEqual({ text: "overdue by 59 min", tone: "danger" });
    expect(countdownAgo({ hours: 1 })).toEqual({ text: "overdue by 1 h 00 min", tone: "danger" });
    expect(countdownAgo({ hours: 2, minutes: 5 })).toEqual({ text: "overdue by 2 h 05 min", tone: "danger" });
    expect(countdownAgo({ days: 1 })).toEqual({ text: "overdue by 1 d 0 h", tone: "danger" });
    expect(countdownAgo({ days: 1, hours: 3, minutes: 10 })).toEqual({ text: "overdue by 1 d 3 h", tone: "danger" });
  });

  test("06 met and breached say so, whatever the clock says", () => {
    for (const deadline of [NOW.plus({ hours: 2 }), NOW, NOW.minus({ days: 3 })]) {
      expect(formatSlaCountdown(deadline, "met", NOW)).toEqual({ text: "met", tone: "success" });
      expect(formatSlaCountdown(deadline, "breached", NOW)).toEqual({ text: "breached", tone: "danger" });
    }
  });

  test("07 nothing without a deadline, with an invalid one, or without an SLA", () => {
    for (const state of STATES) {
      expect(formatSlaCountdown(null, state, NOW)).toEqual({ text: "", tone: "default" });
      expect(formatSlaCountdown(DateTime.invalid("no deadline"), state, NOW)).toEqual({ text: "", tone: "default" });
    }
    expect(countdownIn({ minutes: 14 }, "none")).toEqual({ text: "", tone: "default" });
    expect(countdownAgo({ minutes: 14 }, "none")).toEqual({ text: "", tone: "default" });
  });

  test("08 toSlaState keeps the four states and reads anything else as none", () => {
    expect(STATES.map(toSlaState)).toEqual(STATES);
    expect(toSlaState(false)).toBe("none");
    expect(toSlaState(undefined)).toBe("none");
    expect(toSlaState("escalated")).toBe("none");
    expect(toSlaState(1)).toBe("none");
  });
});

describe("SlaCountdown field widget", () => {
  interface FakeRecord {
    data: { ops_sla_deadline: DateTime | false; ops_sla_state: SlaState | false };
  }

  /** A fake clock: luxon's DateTime.now() reads Settings.now; setInterval is jest's fake. */
  function useFakeClock(start: DateTime) {
    let current = start.toMillis();
    const settingsNow = Settings.now;
    Settings.now = () => current;
    // OWL renders on animation frames: keep those (and promises) real, fake only the timers
    jest.useFakeTimers({
      doNotFake: ["Date", "performance", "queueMicrotask", "nextTick", "requestAnimationFrame", "cancelAnimationFrame"],
    });
    registerCleanup(() => {
      jest.useRealTimers();
      Settings.now = settingsNow;
    });
    return {
      /** moves the clock without firing any timer */
      set(time: DateTime) {
        current = time.toMillis();
      },
      /** moves the clock and fires the timers due in that time */
      advance(ms: number) {
        current += ms;
        jest.advanceTimersByTime(ms);
      },
    };
  }

  /** waits for OWL's next render (scheduled on an animation frame) */
  async function nextRender(): Promise<void> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.resolve();
  }

  async function mountCountdown(data: FakeRecord["data"]) {
    const record: FakeRecord = { data };
    const mounted = await mountComponent(SlaCountdown, {
      services: {},
      props: { record: record as unknown as OdooRecord, name: "ops_sla_deadline", readonly: true },
    });
    return { ...mounted, record };
  }

  function countdownElement(target: HTMLElement): HTMLElement {
    const element = target.querySelector<HTMLElement>(".o_ops_harmony_sla_countdown");
    if (!element) {
      throw new Error("no .o_ops_harmony_sla_countdown");
    }
    return element;
  }

  test("09 shows the time left with its state and the absolute deadline as title", async () => {
    useFakeClock(NOW);
    const deadline = DateTime.fromISO("2025-03-14T10:44:00", { zone: ZONE });
    const { target } = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: "running" });

    const element = countdownElement(target);
    expect(element.textContent).toBe("14 min left");
    expect(element.dataset.state).toBe("running");
    expect(element.title).toBe("03/14/2025 10:44:00");
    expect(element.classList.contains("text-danger")).toBe(false);
    expect(screen.getByTitle("03/14/2025 10:44:00").textContent).toBe("14 min left");
    expect(target.querySelectorAll(".o_ops_harmony_sla_countdown")).toHaveLength(1);
  });

  test("10 counts down every 30 seconds, then shows the overdue time in red", async () => {
    const clock = useFakeClock(NOW);
    const deadline = NOW.plus({ minutes: 14 });
    const { target } = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: "running" });
    expect(countdownElement(target).textContent).toBe("14 min left");

    // the clock alone does not re-render: the interval does
    clock.set(NOW.plus({ minutes: 2 }));
    await nextRender();
    expect(countdownElement(target).textContent).toBe("14 min left");

    clock.set(NOW);
    clock.advance(REFRESH_INTERVAL_MS - 1);
    await nextRender();
    expect(countdownElement(target).textContent).toBe("14 min left");
    clock.advance(1); // 30 s: 13 min 30 s left, a started minute still counts
    await nextRender();
    expect(countdownElement(target).textContent).toBe("14 min left");
    clock.advance(REFRESH_INTERVAL_MS); // 1 min
    await nextRender();
    expect(countdownElement(target).textContent).toBe("13 min left");

    clock.advance(13 * 60_000); // the deadline itself
    await nextRender();
    expect(countdownElement(target).textContent).toBe("0 min left");
    expect(countdownElement(target).classList.contains("text-danger")).toBe(false);

    clock.advance(3 * 60_000);
    await nextRender();
    const element = countdownElement(target);
    expect(element.textContent).toBe("overdue by 3 min");
    expect(element.classList.contains("text-danger")).toBe(true);
    expect(element.dataset.state).toBe("running");
    expect(element.title).toBe("03/14/2025 10:44:00");
  });

  test("11 met, breached, no SLA and no deadline", async () => {
    useFakeClock(NOW);
    const deadline = NOW.minus({ hours: 1 });

    const met = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: "met" });
    const metElement = countdownElement(met.target);
    expect(metElement.textContent).toBe("met");
    expect(metElement.dataset.state).toBe("met");
    expect(metElement.classList.contains("text-success")).toBe(true);
    expect(metElement.classList.contains("text-danger")).toBe(false);

    const breached = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: "breached" });
    const breachedElement = countdownElement(breached.target);
    expect(breachedElement.textContent).toBe("breached");
    expect(breachedElement.dataset.state).toBe("breached");
    expect(breachedElement.classList.contains("text-danger")).toBe(true);

    const none = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: "none" });
    expect(none.target.innerHTML).toBe("");
    // Odoo gives an empty datetime as false
    const empty = await mountCountdown({ ops_sla_deadline: false, ops_sla_state: "running" });
    expect(empty.target.innerHTML).toBe("");
    const noState = await mountCountdown({ ops_sla_deadline: deadline, ops_sla_state: false });
    expect(noState.target.innerHTML).toBe("");
  });

  test("12 starts one interval when mounted and clears it when destroyed", async () => {
    const clock = useFakeClock(NOW);
    const setIntervalSpy = jest.spyOn(globalThis, "setInterval");
    const clearIntervalSpy = jest.spyOn(globalThis, "clearInterval");
    const { app, component, target } = await mountCountdown({
      ops_sla_deadline: NOW.plus({ minutes: 14 }),
      ops_sla_state: "running",
    });
    expect(jest.getTimerCount()).toBe(1);
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    expect(setIntervalSpy).toHaveBeenCalledWith(expect.any(Function), 30_000);
    const intervalId = setIntervalSpy.mock.results[0].value;
    const render = jest.spyOn(component, "render");

    clock.advance(REFRESH_INTERVAL_MS);
    expect(render).toHaveBeenCalledTimes(1);

    app.destroy();
    expect(clearIntervalSpy).toHaveBeenCalledWith(intervalId);
    expect(jest.getTimerCount()).toBe(0);
    clock.advance(10 * REFRESH_INTERVAL_MS);
    expect(render).toHaveBeenCalledTimes(1);
    expect(target.querySelector(".o_ops_harmony_sla_countdown")).toBeNull();
  });

  test("13 index.ts registers the widget for datetime fields as ops_sla_countdown", () => {
    // the glue module, as Odoo loads it (registries are the jest stub)
    const index = jest.requireActual<typeof import("../../../web_src/src/index")>("../../../web_src/src/index");
    const fields = registry.category("fields");
    expect(fields.contains("ops_sla_countdown")).toBe(true);
    expect(fields.get("ops_sla_countdown")).toBe(slaCountdownField);
    expect(index.slaCountdownField).toBe(slaCountdownField);
    expect(slaCountdownField).toEqual({
      component: SlaCountdown,
      displayName: "SLA Countdown",
      supportedTypes: ["datetime"],
      fieldDependencies: [{ name: "ops_sla_state", type: "selection" }],
    });
    expect(SlaCountdown.template).toBe("addon_ops_harmony.SlaCountdown");
    expect(Object.keys(SlaCountdown.props ?? {}).sort()).toEqual(["id", "name", "readonly", "record"]);
  });
});
