// The Configure button of a quote line: shown for a product with a rule set, it saves the quote
// when needed (finding a new line again after the save) and opens the configurator on that line.
import { fireEvent, screen, waitFor, within } from "@testing-library/dom";
import { ConfigureButton, saveOrderForLine } from "../../../web_src/src/configurator/configure_button";
import { ConfiguratorDialog } from "../../../web_src/src/configurator/configurator_dialog";
import type { Record as OdooRecord } from "@web/model/relational_model/record";
import { makeConfiguratorServices } from "../helpers/configurator";
import { mountComponent } from "../helpers/owl";

interface FakeLine {
  resId: number | false;
  data: Record<string, unknown>;
  model: { root: FakeOrder };
}

interface FakeOrder {
  resId: number | false;
  data: { order_line: { records: FakeLine[] } };
  isDirty: jest.Mock<Promise<boolean>, []>;
  save: jest.Mock<Promise<boolean>, []>;
  load: jest.Mock<Promise<void>, []>;
}

const DOORS = { id: 4, display_name: "Doors" };
const DOOR = { id: 5, display_name: "[DOOR] Door\nConfigured on the quote" };

/**
 * A quote (id `orderId`, false while new) whose lines have these ids (false: not saved yet).
 * `save` gives every unsaved line the next id of `savedIds`, as a reload of the form would: with new records.
 */
function makeOrder({
  orderId = 7,
  lineIds = [12],
  dirty = false,
  saved = true,
  savedIds = [44, 45],
}: { orderId?: number | false; lineIds?: (number | false)[]; dirty?: boolean; saved?: boolean; savedIds?: number[] } = {}) {
  const order: FakeOrder = {
    resId: orderId,
    data: { order_line: { records: [] } },
    isDirty: jest.fn(async () => dirty),
    save: jest.fn(async () => {
      if (!saved) {
        return false;
      }
      const ids = [...savedIds];
      order.resId ||= 70;
      order.data.order_line = {
        records: order.data.order_line.records.map((line) => makeLine(order, line.resId || ids.shift() || false, line.data)),
      };
      return true;
    }),
    load: jest.fn(async () => undefined),
  };
  order.data.order_line.records = lineIds.map((id) => makeLine(order, id));
  return order;
}

function makeLine(order: FakeOrder, resId: number | false, data: Record<string, unknown> = {}): FakeLine {
  return { resId, data: { ops_config_ruleset_id: DOORS, product_id: DOOR, ...data }, model: { root: order } };
}

async function mountButton(line: FakeLine) {
  const env = makeConfiguratorServices();
  const mounted = await mountComponent(ConfigureButton, {
    services: env.services,
    props: { record: line, name: "ops_config_ruleset_id", readonly: true },
  });
  return { ...mounted, ...env };
}

describe("Configure button", () => {
  test("01 shown only for a product with a rule set", async () => {
    const order = makeOrder();
    const { target } = await mountButton(order.data.order_line.records[0]);
    expect(within(target).getByRole("button", { name: "Configure" }).classList).toContain("o_ops_harmony_configure");

    const plain = await mountButton(makeLine(order, 13, { ops_config_ruleset_id: false }));
    expect(plain.target.innerHTML).toBe("");
  });

  test("02 a saved line of an unchanged quote opens the configurator at once", async () => {
    const order = makeOrder();
    const { target, dialog, orm } = await mountButton(order.data.order_line.records[0]);
    fireEvent.click(within(target).getByRole("button", { name: "Configure" }));

    await waitFor(() => expect(dialog.add).toHaveBeenCalledTimes(1));
    expect(order.save).not.toHaveBeenCalled();
    const [component, props] = dialog.add.mock.calls[0];
    expect(component).toBe(ConfiguratorDialog);
    expect(props).toMatchObject({ orderId: 7, lineId: 12, productId: 5, productName: "[DOOR] Door" });
    await screen.findByRole("dialog", { name: "Configure [DOOR] Door" });
    expect(orm.call).toHaveBeenCalledWith("ops.config.ruleset", "ops_configurator_load", [5, 12]);

    // once the server wrote the line, the quote is read again
    await (props as { onApplied: () => Promise<void> }).onApplied();
    expect(order.load).toHaveBeenCalledTimes(1);
  });

  test("03 a new line is saved with its quote first, then configured under its new id", async () => {
    const order = makeOrder({ lineIds: [12, false, false], dirty: true });
    const newLine = order.data.order_line.records[2];
    const { target, dialog } = await mountButton(newLine);
    fireEvent.click(within(target).getByRole("button", { name: "Configure" }));

    await waitFor(() => expect(dialog.add).toHaveBeenCalledTimes(1));
    expect(order.save).toHaveBeenCalledTimes(1);
    // the second unsaved line got the second new id
    expect(dialog.add.mock.calls[0][1]).toMatchObject({ orderId: 7, lineId: 45 });
  });

  test("04 a new quote is created by the save; a quote that cannot be saved opens nothing", async () => {
    const fresh = makeOrder({ orderId: false, lineIds: [false] });
    expect(
      await saveOrderForLine(fresh as unknown as OdooRecord, fresh.data.order_line.records[0] as unknown as OdooRecord),
    ).toBe(44);
    expect(fresh.resId).toBe(70);

    const invalid = makeOrder({ lineIds: [false], saved: false });
    const { target, dialog } = await mountButton(invalid.data.order_line.records[0]);
    fireEvent.click(within(target).getByRole("button", { name: "Configure" }));
    await waitFor(() => expect(invalid.save).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(dialog.add).not.toHaveBeenCalled();
    expect(within(target).getByRole("button", { name: "Configure" })).toHaveProperty("disabled", false);
  });

  test("05 the click does not reach the list row (which would start editing it)", async () => {
    const order = makeOrder();
    const { target } = await mountButton(order.data.order_line.records[0]);
    const rowClick = jest.fn();
    target.addEventListener("click", rowClick);
    fireEvent.click(within(target).getByRole("button", { name: "Configure" }));
    expect(rowClick).not.toHaveBeenCalled();
  });
});
