// The configurator dialog on the demo door rule set, priced by the real TypeScript engine: what the
// salesperson sees while typing, the keyboard, and what "Add to quote" sends to the server.
import { fireEvent, waitFor, within } from "@testing-library/dom";
import { ConfiguratorDialog } from "../../../web_src/src/configurator/configurator_dialog";
import type { ConfiguratorLoad } from "../../../web_src/src/configurator/configurator_rpc";
import { euros, makeConfiguratorServices, makeDoorLoad } from "../helpers/configurator";
import { mountComponent } from "../helpers/owl";
import { makeDeferred, makeRpcError, type CallResolver } from "../helpers/services";

/** Opens the dialog for line 12 (product 5) of quote 7; `answer` answers ops_config_apply. */
async function openDialog({ load, answer }: { load?: ConfiguratorLoad | Error; answer?: CallResolver } = {}) {
  const env = makeConfiguratorServices({ load, answer });
  const close = jest.fn();
  const onApplied = jest.fn(async () => undefined);
  const mounted = await mountComponent(ConfiguratorDialog, {
    services: env.services,
    props: { orderId: 7, lineId: 12, productId: 5, productName: "Door", onApplied, close },
  });
  const dialog = within(mounted.target).getByRole("dialog", { name: "Configure Door" });
  return { ...mounted, ...env, close, onApplied, dialog };
}

/** waits for OWL's next render (scheduled on an animation frame) */
async function nextRender(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await Promise.resolve();
}

async function type(input: HTMLElement, value: string): Promise<void> {
  fireEvent.input(input, { target: { value } });
  await nextRender();
}

function text(dialog: HTMLElement, selector: string): string | null {
  return (
    dialog
      .querySelector(selector)
      ?.textContent?.replace(/[ \t\n]+/g, " ")
      .trim() ?? null
  );
}

/** the texts of the cells of a row of the price table */
function cells(dialog: HTMLElement, selector: string): string[] {
  return [...dialog.querySelectorAll(`${selector} > th, ${selector} > td`)].map((cell) => cell.textContent?.trim() ?? "");
}

function addButton(dialog: HTMLElement): HTMLButtonElement {
  return within(dialog).getByRole("button", { name: "Add to quote" });
}

function optionKeys(dialog: HTMLElement): string[] {
  return [...dialog.querySelectorAll<HTMLElement>(".o_ops_harmony_configurator_option")].map((el) => el.dataset.option ?? "");
}

function guardrails(dialog: HTMLElement): string[] {
  return [...dialog.querySelectorAll(".o_ops_harmony_configurator_guardrail")].map((el) =>
    (el.textContent ?? "").replace(/[ \t\n]+/g, " ").trim(),
  );
}

describe("configurator dialog", () => {
  test("01 shows the rule set's options, each labelled, the default price by phase, and focuses the first option", async () => {
    const { dialog, orm } = await openDialog();
    expect(orm.call).toHaveBeenCalledWith("ops.config.ruleset", "ops_configurator_load", [5, 12]);

    // the glass is hidden while there is no glazing (visible_if)
    expect(optionKeys(dialog)).toEqual(["width", "height", "material", "glazing", "hardware", "manual_discount", "quantity"]);
    const width = within(dialog).getByLabelText("Width (cm)") as HTMLInputElement;
    expect([width.type, width.min, width.max, width.step, width.value]).toEqual(["number", "60", "120", "10", "80"]);
    expect(document.activeElement).toBe(width);
    // an enum of four values is a group of radios, a bool a checkbox, a multi checkboxes
    expect((within(dialog).getByLabelText("Pine") as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByLabelText("Oak") as HTMLInputElement).type).toBe("radio");
    expect((within(dialog).getByLabelText("Glazing") as HTMLInputElement).checked).toBe(false);
    expect((within(dialog).getByLabelText("Smart lock") as HTMLInputElement).type).toBe("checkbox");
    const discount = within(dialog).getByLabelText("Extra discount (%)");
    expect(discount.getAttribute("aria-describedby")).toBe(`${discount.id}_help`);
    expect(document.getElementById(`${discount.id}_help`)?.textContent).toBe("Applied after the volume discount.");

    // pine 80 cm: 280.00 from the price book, raised to the minimum charge of 300.00
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("300.00"));
    expect(text(dialog, ".o_ops_harmony_configurator_total")).toBe(euros("300.00"));
    expect(cells(dialog, "tr[data-phase='list']")).toEqual(["List price", euros("280.00")]);
    expect(cells(dialog, "tr[data-rule='base']")).toEqual(["Door by material and width", euros("280.00")]);
    expect(cells(dialog, "tr[data-phase='final']")).toEqual(["Final adjustments", euros("20.00")]);
    expect(cells(dialog, "tr[data-rule='minimum_charge']")).toEqual(["Minimum charge per door (300.00)", euros("20.00")]);
    expect(dialog.querySelectorAll("tr.o_ops_harmony_configurator_phase")).toHaveLength(2);
    expect(guardrails(dialog)).toEqual([]);
    expect(text(dialog, ".o_ops_harmony_configurator_summary p:last-child")).toBe("Doors, version 3");
    expect(addButton(dialog).disabled).toBe(false);
  });

  test("02 input errors show under their option as the user types, and nothing can be added meanwhile", async () => {
    const { dialog } = await openDialog();
    const width = within(dialog).getByLabelText("Width (cm)");

    await type(width, "130");
    expect(width.getAttribute("aria-invalid")).toBe("true");
    const error = document.getElementById(`${width.id}_error`);
    expect(width.getAttribute("aria-describedby")).toBe(error?.id);
    expect(error?.textContent?.trim()).toBeTruthy();
    expect(text(dialog, ".o_ops_harmony_configurator_no_price")).toBe("No price until the input is valid.");
    expect(addButton(dialog).disabled).toBe(true);

    await type(width, "95"); // 60 + 3.5 steps of 10
    expect(width.classList).toContain("is-invalid");
    expect(addButton(dialog).disabled).toBe(true);

    await type(width, "100");
    expect(width.getAttribute("aria-invalid")).toBe("false");
    expect(dialog.querySelector(".o_ops_harmony_configurator_input_error")).toBeNull();
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("340.00"));
    expect(addButton(dialog).disabled).toBe(false);

    await type(within(dialog).getByLabelText("Quantity"), "0");
    expect(dialog.querySelector("[data-option='quantity'] .o_ops_harmony_configurator_input_error")).not.toBeNull();
    expect(addButton(dialog).disabled).toBe(true);
  });

  test("03 glazing shows the glass; a constraint error and a warning appear and go with the input", async () => {
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByLabelText("Glazing"));
    await nextRender();
    expect(optionKeys(dialog)).toContain("glass");
    expect((within(dialog).getByLabelText("Clear") as HTMLInputElement).checked).toBe(true);
    // 0.672 m² of clear glass at 85.00
    expect(cells(dialog, "tr[data-rule='glass_pane']")).toEqual(["Glazing", euros("57.12")]);
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("337.12"));
    // the minimum charge is met: its rule adds nothing and is not listed
    expect(dialog.querySelector("tr[data-rule='minimum_charge'], tr[data-phase='final']")).toBeNull();

    await type(within(dialog).getByLabelText("Width (cm)"), "110");
    expect(text(dialog, ".o_ops_harmony_configurator_error")).toBe("Glazed pine and aluminium doors are at most 100 cm wide.");
    expect(addButton(dialog).disabled).toBe(true);

    await type(within(dialog).getByLabelText("Width (cm)"), "80");
    fireEvent.click(within(dialog).getByLabelText("Laminated safety glass"));
    await nextRender();
    expect(dialog.querySelector(".o_ops_harmony_configurator_error")).toBeNull();
    expect(text(dialog, ".o_ops_harmony_configurator_warning")).toBe("Long lead time: about six weeks.");
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("377.44"));
    expect(addButton(dialog).disabled).toBe(false);

    fireEvent.click(within(dialog).getByLabelText("Glazing"));
    await nextRender();
    expect(optionKeys(dialog)).not.toContain("glass");
  });

  test("04 a discount over the salesperson's limit needs approval; a manager's limit is higher", async () => {
    const { dialog } = await openDialog();
    await type(within(dialog).getByLabelText("Extra discount (%)"), "15");
    expect(text(dialog, ".o_ops_harmony_configurator_discount")).toBe("15\u00a0%");
    expect(guardrails(dialog)).toEqual(["Needs approval: Discount over the limit of your role: a sales manager must approve."]);
    // a guardrail asks for an approval at confirmation: the line can still be added
    expect(addButton(dialog).disabled).toBe(false);

    const manager = await openDialog({ load: makeDoorLoad({ role: "manager" }) });
    await type(within(manager.dialog).getByLabelText("Extra discount (%)"), "15");
    expect(text(manager.dialog, ".o_ops_harmony_configurator_discount")).toBe("15\u00a0%");
    expect(guardrails(manager.dialog)).toEqual([]);
  });

  test("05 a configured line opens with its input: volume discount and a margin under the minimum", async () => {
    const load = makeDoorLoad({ values: { width: "110", material: "oak", hardware: ["closer"] }, quantity: "12" });
    const { dialog } = await openDialog({ load });
    expect((within(dialog).getByLabelText("Width (cm)") as HTMLInputElement).value).toBe("110");
    expect((within(dialog).getByLabelText("Oak") as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByLabelText("Door closer") as HTMLInputElement).checked).toBe(true);
    expect((within(dialog).getByLabelText("Quantity") as HTMLInputElement).value).toBe("12");
    // oak 110 cm 510.00 + closer 95.00, 8 % off for 12 doors
    expect(cells(dialog, "tr[data-rule='volume']")).toEqual(["Volume discount", euros("-48.40")]);
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("556.60"));
    expect(text(dialog, ".o_ops_harmony_configurator_total")).toBe(euros("6,679.20"));
    expect(guardrails(dialog)).toEqual(["Needs approval: Margin under 30 %: a sales manager must approve."]);
  });

  test("06 Add to quote sends the input with the pinned version and the browser's result, then closes", async () => {
    const { dialog, orm, close, onApplied, notification } = await openDialog({
      answer: () => ({ line_id: 12, output: { ok: true }, differs: false }),
    });
    fireEvent.click(within(dialog).getByLabelText("Oak"));
    await type(within(dialog).getByLabelText("Quantity"), "2");
    const unitPrice = text(dialog, ".o_ops_harmony_configurator_unit_price");
    expect(unitPrice).toBe(euros("420.00"));

    fireEvent.click(addButton(dialog));
    await waitFor(() => expect(onApplied).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(2);
    const [model, method, args = []] = orm.call.mock.calls[1];
    expect([model, method, args[0]]).toEqual(["sale.order", "ops_config_apply", 7]);
    const payload = args[1] as Record<string, unknown>;
    expect(payload).toMatchObject({
      line_id: 12,
      product_id: 5,
      version_id: 31,
      quantity: "2",
      values: {
        width: "80",
        height: "210",
        material: "oak",
        glazing: false,
        hardware: [],
        manual_discount: "0",
      },
    });
    expect(payload.browser_output).toMatchObject({ ok: true, unit_price: "420.00", total: "840.00" });
    expect(close).toHaveBeenCalledTimes(1);
    expect(notification.add).toHaveBeenCalledWith("Door added to the quote", { type: "success" });
  });

  test("07 the keyboard: everything is tabbable in order, and Enter (a form submit) adds only a valid input", async () => {
    const { dialog, orm, close } = await openDialog({ answer: () => ({ line_id: 12, output: { ok: true }, differs: false }) });
    const focusable = [...dialog.querySelectorAll<HTMLElement>("input, select, button")];
    expect(focusable.every((element) => element.tabIndex >= 0)).toBe(true);
    const names = focusable.map((element) => element.getAttribute("name") ?? element.textContent?.trim());
    expect(names.slice(0, 3)).toEqual(["width", "height", expect.stringContaining("material")]);
    expect(names.slice(-3)).toEqual(["quantity", "Add to quote", "Discard"]);
    // "Add to quote" is the form's submit button, so Enter in any input submits the form
    const form = dialog.querySelector("form") as HTMLFormElement;
    expect(addButton(dialog).type).toBe("submit");
    expect(addButton(dialog).getAttribute("form")).toBe(form.id);

    await type(within(dialog).getByLabelText("Width (cm)"), "55");
    fireEvent.submit(form);
    await nextRender();
    expect(orm.call).toHaveBeenCalledTimes(1); // the load only

    await type(within(dialog).getByLabelText("Width (cm)"), "90");
    fireEvent.submit(form);
    await waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(2);
  });

  test("08 when the server's result differs, it is shown and the dialog stays open to read it", async () => {
    let serverOutput: Record<string, unknown> = {};
    const { dialog, close, onApplied } = await openDialog({
      answer: (_model, _method, args) => {
        const browser = (args[1] as { browser_output: Record<string, unknown> }).browser_output;
        serverOutput = { ...browser, unit_price: "310.00", total: "310.00" };
        return { line_id: 12, output: serverOutput, differs: true };
      },
    });
    fireEvent.click(addButton(dialog));
    await waitFor(() => expect(onApplied).toHaveBeenCalledTimes(1));
    await nextRender();
    expect(close).not.toHaveBeenCalled();
    expect(text(dialog, ".o_ops_harmony_configurator_differs")).toContain("the quote holds the server's result");
    expect(text(dialog, ".o_ops_harmony_configurator_unit_price")).toBe(euros("310.00"));
    expect(within(dialog).queryByRole("button", { name: "Add to quote" })).toBeNull();
    expect((within(dialog).getByLabelText("Width (cm)") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(close).toHaveBeenCalledTimes(1);
  });

  test("09 a refusal from the server stays in the dialog with the input; one request at a time", async () => {
    const answer = makeDeferred<unknown>();
    let refuse = true;
    const { dialog, orm, close, onApplied } = await openDialog({
      answer: () =>
        refuse
          ? makeRpcError("odoo.exceptions.ValidationError", "The configuration is refused:\n- width: above_max")
          : answer.promise,
    });
    fireEvent.click(addButton(dialog));
    await waitFor(() =>
      expect(text(dialog, ".o_ops_harmony_configurator_apply_error")).toBe("The configuration is refused: - width: above_max"),
    );
    expect(close).not.toHaveBeenCalled();
    expect(onApplied).not.toHaveBeenCalled();
    expect(addButton(dialog).disabled).toBe(false);

    refuse = false;
    fireEvent.click(addButton(dialog));
    fireEvent.submit(dialog.querySelector("form") as HTMLFormElement);
    await nextRender();
    expect(addButton(dialog).disabled).toBe(true);
    expect(orm.call).toHaveBeenCalledTimes(3); // load, refused, this one
    answer.resolve({ line_id: 12, output: { ok: true }, differs: false });
    await waitFor(() => expect(close).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(3);
  });

  test("10 a product that cannot be configured says why, with only a Close button", async () => {
    const { dialog, close } = await openDialog({
      load: makeRpcError("odoo.exceptions.UserError", "Door has no rule set with a published version: it cannot be configured."),
    });
    expect(text(dialog, ".o_ops_harmony_configurator_load_error")).toBe(
      "Door has no rule set with a published version: it cannot be configured.",
    );
    expect(within(dialog).queryByRole("button", { name: "Add to quote" })).toBeNull();
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(close).toHaveBeenCalledTimes(1);
  });

  test("11 while an input error stops the price, the options shown still follow the input", async () => {
    const { dialog } = await openDialog({ load: makeDoorLoad({ values: { width: "130", glazing: false } }) });
    expect(text(dialog, ".o_ops_harmony_configurator_no_price")).toBe("No price until the input is valid.");
    expect(optionKeys(dialog)).not.toContain("glass");

    fireEvent.click(within(dialog).getByLabelText("Glazing"));
    await nextRender();
    expect(dialog.querySelector(".o_ops_harmony_configurator_unit_price")).toBeNull();
    expect(optionKeys(dialog)).toContain("glass");
  });
});
