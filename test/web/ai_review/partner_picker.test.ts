// The review screen's vendor search (partner_picker.ts) with a faked ORM: what it asks the server
// (res.partner.web_search_read, the job's company, name or VAT), the list with VATs, the keyboard
// (↓/↑/Enter/Esc), and the pick as the decision confirm sends. The real server answers in the
// addon's tour (tests/ai/test_ai_review_tour.py), the partner checks in TestAiReviewPartnerJson2.
import { fireEvent, waitFor, within } from "@testing-library/dom";
import { ReviewScreen } from "../../../web_src/src/ai_review/review_screen";
import type { ReviewPayload } from "../../../web_src/src/ai_review/review_rpc";
import { mountComponent } from "../helpers/owl";
import { billPayload } from "./review_payloads";
import {
  makeActionService,
  makeCallOrmService,
  makeDeferred,
  makeNotificationService,
  makeRpcError,
  type CallAnswer,
} from "../helpers/services";

const ACME = { id: 7, display_name: "ACME Supplies NV", vat: "BE0477472701" };
const BELGIUM = { id: 12, display_name: "ACME Supplies Belgium BV", vat: "BE0403019261" };
const NO_VAT = { id: 15, display_name: "Acme Corner Shop", vat: false };

/** A bill shown as its text, whose vendor master data proposed by VAT. */
function payload(overrides: Partial<ReviewPayload> = {}): ReviewPayload {
  return billPayload({
    kind: "text",
    attachment: null,
    pages: [],
    lines: [],
    checks: [],
    min_confidence: 0.75,
    company_id: 3,
    fields: [
      {
        name: "partner_id",
        label: "Vendor",
        raw: ACME.display_name,
        value: String(ACME.id),
        final_value: null,
        confidence: 0.75,
        generator: "master_data:vat",
        evidence: null,
        candidates: [{ value: String(ACME.id), raw: ACME.display_name, confidence: 0.75, generator: "master_data:vat" }],
      },
    ],
    ...overrides,
  });
}

/** Opens the review; `search` answers res.partner.web_search_read. */
async function openReview(job: ReviewPayload, search: (domain: unknown[]) => CallAnswer) {
  const orm = makeCallOrmService((model, method, _args, kwargs) => {
    if (method === "review_payload") {
      return job;
    }
    if (model === "res.partner" && method === "web_search_read") {
      return search(kwargs.domain as unknown[]);
    }
    return { type: "ir.actions.act_window", res_model: "account.move", res_id: 5 };
  });
  const action = makeActionService();
  const mounted = await mountComponent(ReviewScreen, {
    services: { orm, action, notification: makeNotificationService() },
    props: { action: { params: { job_id: job.id } } },
  });
  const vendor = mounted.target.querySelector<HTMLInputElement>("input[data-field='partner_id']");
  if (!vendor) {
    throw new Error("no vendor input");
  }
  return { ...mounted, orm, action, vendor };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.resolve();
  }
}

async function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}): Promise<void> {
  fireEvent.keyDown(element, { key, ...init });
  await settle();
}

function options(target: HTMLElement): string[][] {
  return [...target.querySelectorAll<HTMLElement>(".o_ops_ai_review_partner_option")].map((option) => [
    option.getAttribute("aria-selected") ?? "",
    [...option.children].map((part) => part.textContent).join(" | "),
  ]);
}

function status(target: HTMLElement): string | undefined {
  return target.querySelector<HTMLElement>(".o_ops_ai_review_field[data-name='partner_id']")?.dataset.status;
}

const records = (...partners: (typeof ACME | typeof NO_VAT)[]) => ({ length: partners.length, records: partners });

test("01 typing searches the job company's partners by name or VAT, as the reviewer, and lists them with their VAT", async () => {
  const { target, orm, vendor } = await openReview(payload(), () => records(BELGIUM, NO_VAT));
  expect(vendor.value).toBe("ACME Supplies NV");
  expect(vendor.getAttribute("role")).toBe("combobox");
  vendor.focus();
  fireEvent.input(vendor, { target: { value: "acme b" } });
  await waitFor(() => expect(options(target)).toHaveLength(2));
  expect(orm.call).toHaveBeenLastCalledWith("res.partner", "web_search_read", [], {
    domain: ["&", ["company_id", "in", [3, false]], "|", ["complete_name", "ilike", "acme b"], ["vat", "ilike", "acme b"]],
    specification: { display_name: {}, vat: {} },
    limit: 8,
  });
  expect(options(target)).toEqual([
    ["true", "ACME Supplies Belgium BV | BE0403019261"],
    ["false", "Acme Corner Shop | no VAT"],
  ]);
  expect(vendor.getAttribute("aria-expanded")).toBe("true");
  expect(vendor.getAttribute("aria-activedescendant")).toBe(
    target.querySelector(".o_ops_ai_review_partner_option[aria-selected='true']")?.id,
  );
});

test("02 ↓/↑ move in the list, Enter picks: the input shows the name, the row is corrected, confirm sends the id", async () => {
  const { target, orm, vendor, action } = await openReview(payload(), () => records(BELGIUM, NO_VAT));
  vendor.focus();
  fireEvent.input(vendor, { target: { value: "acme" } });
  await waitFor(() => expect(options(target)).toHaveLength(2));
  await press(vendor, "ArrowDown");
  await press(vendor, "ArrowDown"); // stays on the last
  expect(options(target).map(([selected]) => selected)).toEqual(["false", "true"]);
  await press(vendor, "ArrowUp");
  expect(options(target).map(([selected]) => selected)).toEqual(["true", "false"]);
  await press(vendor, "Enter");
  expect(options(target)).toEqual([]);
  expect(vendor.value).toBe("ACME Supplies Belgium BV");
  expect(status(target)).toBe("corrected");
  expect(document.activeElement).toBe(vendor);
  // the list is closed: keys are the screen's again, Ctrl+Enter confirms with the picked id
  await press(vendor, "Enter", { ctrlKey: true });
  await waitFor(() => expect(action.doAction).toHaveBeenCalled());
  expect(orm.call).toHaveBeenLastCalledWith("ops.ai.job", "action_confirm_review", [[42]], {
    decisions: { partner_id: "12" },
  });
});

test("03 Esc closes the list and gives the picked name back; a second Esc restores the proposed vendor", async () => {
  const { target, vendor } = await openReview(payload(), () => records(BELGIUM));
  vendor.focus();
  fireEvent.input(vendor, { target: { value: "belg" } });
  await waitFor(() => expect(options(target)).toHaveLength(1));
  fireEvent.mouseDown(target.querySelector(".o_ops_ai_review_partner_option") as HTMLElement);
  await settle();
  expect(status(target)).toBe("corrected");
  expect(vendor.value).toBe("ACME Supplies Belgium BV");
  fireEvent.input(vendor, { target: { value: "zzz" } });
  await press(vendor, "Escape"); // typed, not listed yet: the text is given up, no search runs
  expect(vendor.value).toBe("ACME Supplies Belgium BV");
  await press(vendor, "Escape"); // the screen's Esc: back to what the AI proposed
  expect(vendor.value).toBe("ACME Supplies NV");
  expect(status(target)).toBe("pending");
  // Enter accepts the proposal and moves on to Confirm
  await press(vendor, "Enter");
  expect(status(target)).toBe("accepted");
  expect(document.activeElement?.classList.contains("o_ops_ai_review_confirm")).toBe(true);
});

test("04 a bill without a proposed vendor gets a vendor row; Alt+1 and the job's Vendor field fill it too", async () => {
  const candidates = [
    { value: "7", raw: "ACME Supplies NV", confidence: 0.35, generator: "master_data:vat" },
    { value: "12", raw: "ACME Supplies Belgium BV", confidence: 0.35, generator: "master_data:vat" },
  ];
  const proposed = payload().fields[0] as ReviewPayload["fields"][0];
  const picked = await openReview(payload({ fields: [{ ...proposed, candidates }] }), () => records());
  await press(picked.vendor, "2", { altKey: true, code: "Digit2" });
  expect(picked.vendor.value).toBe("ACME Supplies Belgium BV");
  expect(status(picked.target)).toBe("corrected");
  picked.app.destroy();

  const { target, vendor } = await openReview(payload({ fields: [], vendor: { id: 9, name: "Set on the job BV" } }), () =>
    records(),
  );
  expect(
    within(target.querySelector(".o_ops_ai_review_field[data-name='partner_id']") as HTMLElement).getByText("Not proposed"),
  ).toBeTruthy();
  expect(vendor.value).toBe("Set on the job BV");
  expect(status(target)).toBe("corrected");
  vendor.focus();
  fireEvent.input(vendor, { target: { value: "nothing like it" } });
  await waitFor(() =>
    expect(target.querySelector(".o_ops_ai_review_partner_list")?.textContent).toContain("No partner matches."),
  );
  await press(vendor, "Enter"); // nothing to pick: the list just stays, the value too
  expect(vendor.value).toBe("nothing like it");
  fireEvent.blur(vendor);
  await settle();
  expect(vendor.value).toBe("Set on the job BV");
});

test("05 a slower answer to an earlier text is dropped; a refused search says why in the list", async () => {
  const first = makeDeferred<unknown>();
  let calls = 0;
  const { target, vendor } = await openReview(payload(), () => {
    calls += 1;
    return calls === 1 ? first.promise : makeRpcError("odoo.exceptions.AccessError", "You may not read contacts.");
  });
  vendor.focus();
  fireEvent.input(vendor, { target: { value: "ac" } });
  await press(vendor, "Enter"); // typed: Enter searches at once
  fireEvent.input(vendor, { target: { value: "acme" } });
  await press(vendor, "Enter");
  await waitFor(() => expect(target.querySelector(".o_ops_ai_review_partner_list [role='alert']")).not.toBeNull());
  expect(target.querySelector(".o_ops_ai_review_partner_list [role='alert']")?.textContent).toBe("You may not read contacts.");
  first.resolve(records(BELGIUM));
  await settle();
  expect(options(target)).toEqual([]);
  expect(calls).toBe(2);
});
