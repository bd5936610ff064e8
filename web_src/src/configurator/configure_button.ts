// "Configure" on a quote line whose product has a configurator rule set: a field widget for the
// line's ops_config_ruleset_id (registered in ../index.ts as "ops_config_button"). The server can
// only configure a line it knows, so the quote is saved first (through the form's record, as a
// click on Save would); then the configurator dialog opens on that line, and the quote is reloaded
// once the server wrote it. Template in configure_button.xml.
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import type { Record as OdooRecord } from "@web/model/relational_model/record";
import type { DialogService } from "@web/core/dialog/dialog_service";
import type { FieldDescriptor } from "@web/views/fields/field";
import { standardFieldProps, type StandardFieldProps } from "@web/views/fields/standard_field_props";
import { useService } from "@web/core/utils/hooks";
import { ConfiguratorDialog } from "./configurator_dialog";

/** the one2many of sale.order holding its lines */
export const ORDER_LINES_FIELD = "order_line";

interface Many2oneValue {
  id: number;
  display_name?: string;
}

function many2one(value: unknown): Many2oneValue | null {
  return value && typeof value === "object" && typeof (value as Many2oneValue).id === "number" ? (value as Many2oneValue) : null;
}

function orderLines(order: OdooRecord): OdooRecord[] {
  return (order.data[ORDER_LINES_FIELD] as { records?: OdooRecord[] } | undefined)?.records ?? [];
}

/**
 * Saves `order` when it has changes (or is new) and returns the id of `line` in the database, or
 * false when the quote could not be saved (Odoo then shows the invalid fields). Saving replaces the
 * line records of the form, so a new line is found again among the lines the save created, by its
 * rank among them.
 */
export async function saveOrderForLine(order: OdooRecord, line: OdooRecord): Promise<number | false> {
  if (line.resId && order.resId && !(await order.isDirty())) {
    return line.resId;
  }
  const before = orderLines(order);
  const known = new Set(before.map((record) => record.resId).filter(Boolean));
  const rank = before.filter((record) => !record.resId).indexOf(line);
  if (!(await order.save())) {
    return false;
  }
  if (line.resId) {
    return line.resId;
  }
  const created = orderLines(order).filter((record) => record.resId && !known.has(record.resId));
  return created[rank]?.resId || false;
}

export class ConfigureButton extends Component<StandardFieldProps> {
  static override template = "addon_ops_harmony.ConfigureButton";
  static override props = { ...standardFieldProps };

  // assigned in setup(): hooks cannot run in class-field initialisers
  declare dialog: DialogService;
  declare state: { busy: boolean };

  override setup(): void {
    this.dialog = useService("dialog");
    this.state = useState({ busy: false });
  }

  get hasRuleset(): boolean {
    return Boolean(many2one(this.props.record.data[this.props.name]));
  }

  get product(): Many2oneValue | null {
    return many2one(this.props.record.data.product_id);
  }

  get title(): string {
    return _t("Configure this line: options and price from its rule set");
  }

  async onConfigure(): Promise<void> {
    const product = this.product;
    if (this.state.busy || !product) {
      return;
    }
    const line = this.props.record;
    const order = line.model.root;
    this.state.busy = true;
    let lineId: number | false;
    try {
      lineId = await saveOrderForLine(order, line);
    } finally {
      // saving may have replaced this row (and destroyed this widget): only the services are used below
      this.state.busy = false;
    }
    if (!lineId || !order.resId) {
      return;
    }
    this.dialog.add(ConfiguratorDialog, {
      orderId: order.resId,
      lineId,
      productId: product.id,
      productName: (product.display_name ?? "").split("\n")[0],
      onApplied: () => order.load(),
    });
  }
}

export const configureButtonField: FieldDescriptor = {
  component: ConfigureButton,
  displayName: _t("Configure button"),
  supportedTypes: ["many2one"],
  fieldDependencies: [{ name: "product_id", type: "many2one" }],
};
