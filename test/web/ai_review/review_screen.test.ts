// The AI review screen with a faked ORM (review_payload, action_confirm_review): the fields least
// sure first, the keyboard flow, what confirm sends, the evidence on the document, the server's
// refusals. The real server answers in the addon's tour (tests/ai/test_ai_review_tour.py).
import { fireEvent, waitFor, within } from "@testing-library/dom";
import { loadPDFJSAssets } from "@web/core/utils/pdfjs";
import { ReviewScreen } from "../../../web_src/src/ai_review/review_screen";
import type { ProposedField, ReviewPayload } from "../../../web_src/src/ai_review/review_rpc";
import { billPayload, requestPayload } from "./review_payloads";
import { registerCleanup } from "../helpers/cleanup";
import { mountComponent } from "../helpers/owl";
import {
  makeActionService,
  makeCallOrmService,
  makeNotificationService,
  makeRpcError,
  type CallResolver,
} from "../helpers/services";

/** A fake of Odoo's pdf.js (globalThis.pdfjsLib) with one page of 600 × 800 points. */
function fakePdfJs() {
  const render = jest.fn(() => ({ promise: Promise.resolve() }));
  const getDocument = jest.fn((_url: string) => ({
    promise: Promise.resolve({
      numPages: 1,
      getPage: async () => ({
        getViewport: ({ scale }: { scale: number }) => ({ width: 600 * scale, height: 800 * scale }),
        render,
      }),
      destroy: async () => undefined,
    }),
  }));
  const lib = { GlobalWorkerOptions: { workerSrc: "" as string | false }, getDocument };
  (globalThis as { pdfjsLib?: unknown }).pdfjsLib = lib;
  // jsdom draws nothing: a context that records nothing is enough for the page to "render"
  const getContext = jest
    .spyOn(HTMLCanvasElement.prototype, "getContext")
    .mockImplementation(() => ({}) as unknown as CanvasRenderingContext2D);
  registerCleanup(() => {
    delete (globalThis as { pdfjsLib?: unknown }).pdfjsLib;
    getContext.mockRestore();
  });
  return { lib, render, getDocument };
}

async function openReview(
  payload: ReviewPayload | Error,
  answer: CallResolver = () => ({ type: "ir.actions.act_window" }),
  { pdfError }: { pdfError?: Error } = {},
) {
  const { getDocument } = fakePdfJs();
  if (pdfError) {
    getDocument.mockImplementation(() => ({ promise: Promise.reject(pdfError) }) as never);
  }
  const orm = makeCallOrmService((model, method, args, kwargs) =>
    method === "review_payload" ? payload : answer(model, method, args, kwargs),
  );
  const action = makeActionService();
  const notification = makeNotificationService();
  const mounted = await mountComponent(ReviewScreen, {
    services: { orm, action, notification },
    props: { action: { params: { job_id: payload instanceof Error ? 1 : payload.id } } },
  });
  await nextRender();
  return { ...mounted, orm, action, notification };
}

async function nextRender(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await Promise.resolve();
  }
}

function input(target: HTMLElement, name: string): HTMLInputElement {
  const element = target.querySelector<HTMLInputElement>(`input[data-field='${name}']`);
  if (!element) {
    throw new Error(`no input for ${name}`);
  }
  return element;
}

async function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}): Promise<void> {
  fireEvent.keyDown(element, { key, ...init });
  await nextRender();
}

function statuses(target: HTMLElement): Record<string, string> {
  return Object.fromEntries(
    [...target.querySelectorAll<HTMLElement>(".o_ops_ai_review_field")].map((el) => [el.dataset.name, el.dataset.status]),
  );
}

function evidenceStyle(target: HTMLElement): string | null {
  return target.querySelector<HTMLElement>(".o_ops_ai_review_evidence")?.getAttribute("style") ?? null;
}

test("01 lists the fields least sure first, with confidence, generator, candidates, lines and failed checks", async () => {
  const { target, orm } = await openReview(billPayload());
  expect(orm.call).toHaveBeenCalledWith("ops.ai.job", "review_payload", [[42]]);
  const rows = [...target.querySelectorAll<HTMLElement>(".o_ops_ai_review_field")];
  // a bill always has its vendor row; none was proposed here, so it comes last, to pick
  expect(rows.map((row) => row.dataset.name)).toEqual(["invoice_date", "invoice_number", "partner_id"]);
  expect(within(rows[2] as HTMLElement).getByText("Not proposed")).toBeTruthy();
  const date = within(rows[0] as HTMLElement);
  expect(date.getByText("40%").className).toContain("text-bg-danger");
  expect(date.getByText("date:label")).toBeTruthy();
  expect(date.getByText("Read as: 02/11/2026")).toBeTruthy();
  const candidates = [...(rows[0] as HTMLElement).querySelectorAll(".o_ops_ai_review_candidate")];
  expect(candidates.map((el) => [el.querySelector("kbd")?.textContent, el.textContent?.replace(/\s+/g, " ").trim()])).toEqual([
    ["1", "12026-02-11 (30%)"],
    ["2", "22026-11-03 (10%)"],
  ]);
  expect(candidates[0]?.getAttribute("title")).toBe("Alt+1: take 2026-02-11");
  const checks = target.querySelector(".o_ops_ai_review_checks");
  expect(checks?.getAttribute("role")).toBe("alert");
  expect(checks?.textContent).toContain("totals: lines + taxes = 120.00, total says 121.00");
  expect(checks?.textContent).not.toContain("iban");
  expect(target.querySelector(".o_ops_ai_review_lines tbody")?.textContent).toContain("Pump");
  expect(target.textContent).toContain("Review first");
  expect(target.querySelector(".o_ops_ai_review_help")?.textContent).toContain("Alt+1");
});

test("02 the PDF is drawn with Odoo's pdf.js and the focused field's box is scaled to the page", async () => {
  const { target } = await openReview(billPayload());
  expect(loadPDFJSAssets).toHaveBeenCalled();
  const lib = (globalThis as { pdfjsLib?: { getDocument: jest.Mock } }).pdfjsLib;
  expect(lib?.getDocument).toHaveBeenCalledWith("/web/content/9");
  expect(target.querySelectorAll("canvas[data-page='1']").length).toBe(1);
  // the first field has the focus: its box [60, 200, 180, 220] on a 600 × 800 page
  expect(document.activeElement).toBe(input(target, "invoice_date"));
  expect(evidenceStyle(target)).toContain("left: 10%; top: 25%; width: 20%; height: 2.5%;");
  await press(input(target, "invoice_date"), "ArrowDown");
  expect(document.activeElement).toBe(input(target, "invoice_number"));
  expect(evidenceStyle(target)).toContain("left: 50%; top: 12.5%; width: 20%; height: 2.5%;");
  await press(input(target, "invoice_number"), "ArrowUp");
  expect(document.activeElement).toBe(input(target, "invoice_date"));
});

test("03 Enter accepts and moves on, typing corrects, Alt+digit takes a candidate, Escape restores", async () => {
  const { target, orm } = await openReview(billPayload());
  const date = input(target, "invoice_date");
  await press(date, "2", { altKey: true, code: "Digit2" });
  expect(date.value).toBe("2026-11-03");
  expect(statuses(target).invoice_date).toBe("corrected");
  await press(date, "Escape");
  expect(date.value).toBe("2026-11-02");
  expect(statuses(target)).toEqual({ invoice_date: "pending", invoice_number: "pending", partner_id: "pending" });
  fireEvent.input(date, { target: { value: "2026-11-04" } });
  await nextRender();
  await press(date, "Enter");
  expect(document.activeElement).toBe(input(target, "invoice_number"));
  expect(statuses(target)).toEqual({ invoice_date: "corrected", invoice_number: "pending", partner_id: "pending" });
  expect(orm.call).toHaveBeenCalledTimes(1);
  await press(input(target, "invoice_number"), "Enter");
  expect(statuses(target).invoice_number).toBe("accepted");
  expect(document.activeElement).toBe(input(target, "partner_id"));
  await press(input(target, "partner_id"), "Enter");
  expect(statuses(target).partner_id).toBe("accepted");
  expect(document.activeElement?.classList.contains("o_ops_ai_review_confirm")).toBe(true);
  expect(orm.call).toHaveBeenCalledTimes(1);
});

test("04 confirm waits for every field, then sends the corrections only and opens the draft", async () => {
  const draft = { type: "ir.actions.act_window", res_model: "account.move", res_id: 5, views: [[false, "form"]] };
  const { target, orm, action, notification } = await openReview(billPayload(), () => draft);
  const confirm = within(target).getByRole("button", { name: "Confirm" });
  fireEvent.click(confirm);
  await nextRender();
  expect(target.querySelector(".o_ops_ai_review_error")?.textContent).toContain("3 still to review");
  expect(orm.call).toHaveBeenCalledTimes(1);
  const date = input(target, "invoice_date");
  fireEvent.input(date, { target: { value: " 2026-11-04 " } });
  await press(date, "Enter");
  await press(input(target, "invoice_number"), "Enter", { ctrlKey: true });
  await nextRender();
  expect(target.querySelector(".o_ops_ai_review_error")?.textContent).toContain("2 still to review");
  await press(input(target, "invoice_number"), "Enter");
  await press(input(target, "partner_id"), "Enter");
  await press(input(target, "partner_id"), "Enter", { ctrlKey: true });
  await waitFor(() => expect(action.doAction).toHaveBeenCalled());
  expect(orm.call).toHaveBeenLastCalledWith("ops.ai.job", "action_confirm_review", [[42]], {
    decisions: { invoice_date: "2026-11-04" },
  });
  expect(action.doAction).toHaveBeenCalledWith(draft, { stackPosition: "replaceCurrentAction" });
  expect(notification.add).toHaveBeenCalledWith("Review of Invoice INV-7 confirmed.", { type: "success" });
});

test("05 the server's refusal is shown next to the fields and the screen stays", async () => {
  const refusal = makeRpcError("odoo.exceptions.UserError", "No single vendor matches VAT - or name -: pick the vendor.");
  const { target, action } = await openReview(billPayload(), () => refusal);
  for (const name of ["invoice_date", "invoice_number", "partner_id"]) {
    await press(input(target, name), "Enter");
  }
  fireEvent.click(within(target).getByRole("button", { name: "Confirm" }));
  await waitFor(() => expect(target.querySelector(".o_ops_ai_review_error")).not.toBeNull());
  expect(target.querySelector(".o_ops_ai_review_error")?.textContent).toBe(
    "No single vendor matches VAT - or name -: pick the vendor.",
  );
  expect(target.querySelector(".o_ops_ai_review_error")?.getAttribute("role")).toBe("alert");
  expect(action.doAction).not.toHaveBeenCalled();
  expect(within(target).getByRole("button", { name: "Confirm" }).hasAttribute("disabled")).toBe(false);
});

test("06 a request: its text with the span highlighted, the class corrected, the new class's field added", async () => {
  const { target, orm } = await openReview(requestPayload(), () => true);
  const select = target.querySelector<HTMLSelectElement>("select[name='class']") as HTMLSelectElement;
  expect(document.activeElement).toBe(select);
  expect([...select.options].map((option) => option.textContent?.replace(/\s+/g, " ").trim())).toEqual([
    "Sales lead (40%)",
    "Support case (55%)",
  ]);
  expect(Object.keys(statuses(target))).toEqual(["contact_name", "issue", "order_reference"]);
  await press(select, "ArrowDown");
  expect(target.querySelector("mark.o_ops_ai_review_evidence")?.textContent).toBe("Ann Lee");
  fireEvent.change(select, { target: { value: "sales_lead" } });
  await nextRender();
  expect(Object.keys(statuses(target))).toEqual(["contact_name", "product_interest"]);
  expect(target.querySelector(".o_ops_ai_review_class")?.getAttribute("data-status")).toBe("corrected");
  await press(input(target, "contact_name"), "Enter");
  const interest = input(target, "product_interest");
  expect(document.activeElement).toBe(interest);
  fireEvent.input(interest, { target: { value: "40 seats" } });
  await press(interest, "Enter", { ctrlKey: true });
  await waitFor(() =>
    expect(orm.call).toHaveBeenLastCalledWith("ops.ai.job", "action_confirm_review", [[43]], {
      decisions: { product_interest: "40 seats" },
      label: "sales_lead",
    }),
  );
});

test("07 a payload the user may not read shows the server's reason", async () => {
  const { target } = await openReview(makeRpcError("odoo.exceptions.AccessError", "You are not allowed to access AI jobs."));
  expect(target.querySelector(".o_ops_ai_review_load_error")?.textContent).toBe("You are not allowed to access AI jobs.");
  expect(target.querySelector(".o_ops_ai_review_field")).toBeNull();
});

test("08 an image attachment is shown as an image, its box in the image's pixels", async () => {
  const payload = billPayload({
    kind: "image",
    attachment: { id: 11, name: "scan.png", mimetype: "image/png" },
    pages: [{ number: 1, width: 1600, height: 2000, unit: "px" }],
  });
  payload.fields[1] = { ...(payload.fields[1] as ProposedField), evidence: { page: 1, box: [160, 500, 480, 540] } };
  const { target } = await openReview(payload);
  const image = target.querySelector<HTMLImageElement>(".o_ops_ai_review_page img");
  expect(image?.getAttribute("src")).toBe("/web/image/11");
  expect(target.querySelector("canvas")).toBeNull();
  expect(evidenceStyle(target)).toContain("left: 10%; top: 25%; width: 20%; height: 2%;");
});

test("09 a PDF pdf.js cannot read says so and shows the extracted text instead", async () => {
  const { target } = await openReview(billPayload(), undefined, { pdfError: new Error("Invalid PDF structure.") });
  expect(target.querySelector("canvas")).toBeNull();
  expect(target.querySelector(".o_ops_ai_review_doc .alert")?.textContent).toBe(
    "The PDF could not be shown: Invalid PDF structure.",
  );
  expect(target.querySelector(".o_ops_ai_review_text")?.textContent).toBe("ACME BV invoice INV-7 total 121.00");
  // the fields stay reviewable
  expect(document.activeElement).toBe(input(target, "invoice_date"));
});

test("10 the job comes from the action's context after a reload", async () => {
  fakePdfJs();
  const orm = makeCallOrmService(() => billPayload());
  await mountComponent(ReviewScreen, {
    services: { orm, action: makeActionService(), notification: makeNotificationService() },
    props: { action: { context: { active_id: 42 } } },
  });
  expect(orm.call).toHaveBeenCalledWith("ops.ai.job", "review_payload", [[42]]);
});
