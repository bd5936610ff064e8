// The configurator of a quote line: the options of the product's rule set, checked and priced by the
// TypeScript engine as the salesperson types (constraints inline, the price by phase, the guardrails
// that will need an approval), then "Add to quote" sends the input to the server, which evaluates
// it again with the pinned version and writes the line; its answer wins. Opened through the dialog
// service by the Configure button (configure_button.ts); template in configurator_dialog.xml.
import { Component, markRaw, onMounted, onWillStart, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import type { NotificationService } from "@web/core/notifications/notification_service";
import type { ORM } from "@web/core/orm_service";
import { useService } from "@web/core/utils/hooks";
import {
  engineValues,
  generalErrors,
  initialFields,
  inputErrorsByOption,
  optionLabel,
  QUANTITY_KEY,
  usesRadios,
  type FieldValue,
} from "./configurator_form";
import {
  applyConfiguration,
  loadConfiguration,
  serverMessage,
  type ConfigurationApplied,
  type ConfiguratorLoad,
} from "./configurator_rpc";
import { compile, type Evaluator } from "./engine";
import type { BreakdownLine, Evaluation, Phase, PricedEvaluation, RuleSetOption } from "./engine/types";
import { formatMoney, formatPercent, PHASES, phaseLabel } from "./money";

export interface ConfiguratorDialogProps {
  orderId: number;
  /** the quote line configured; false to add a new line */
  lineId: number | false;
  productId: number;
  productName: string;
  /** called once the server wrote the line: reload the quote */
  onApplied?: (applied: ConfigurationApplied) => unknown;
  /** given by the dialog service */
  close: () => void;
}

interface ConfiguratorState {
  config: ConfiguratorLoad | null;
  loadError: string;
  fields: Record<string, FieldValue>;
  quantity: string;
  /** number inputs whose text is not a number (the browser then reports an empty value) */
  badInput: Record<string, boolean>;
  evaluation: Evaluation | null;
  shown: Record<string, boolean>;
  applyError: string;
  submitting: boolean;
  /** the server's answer when it differs from the browser's: shown, the line already written */
  applied: ConfigurationApplied | null;
}

export interface PhaseLines {
  phase: Phase;
  label: string;
  subtotal: string;
  lines: BreakdownLine[];
}

let nextDialogId = 1;

function isZero(amount: string): boolean {
  return /^-?0(\.0*)?$/.test(amount);
}

export class ConfiguratorDialog extends Component<ConfiguratorDialogProps> {
  static override template = "addon_ops_harmony.ConfiguratorDialog";
  static components = { Dialog };
  static override props = {
    orderId: { type: Number },
    lineId: { type: [Number, Boolean] },
    productId: { type: Number },
    productName: { type: String },
    onApplied: { type: Function, optional: true },
    close: { type: Function },
  };

  // assigned in setup(): hooks cannot run in class-field initialisers
  declare orm: ORM;
  declare notification: NotificationService;
  declare state: ConfiguratorState;
  declare idPrefix: string;
  /** the loaded rule set, compiled once and evaluated at every keystroke */
  declare evaluator: Evaluator | null;

  override setup(): void {
    this.orm = useService("orm");
    this.notification = useService("notification");
    this.idPrefix = `o_ops_harmony_configurator_${nextDialogId++}`;
    this.evaluator = null;
    this.state = useState<ConfiguratorState>({
      config: null,
      loadError: "",
      fields: {},
      quantity: "1",
      badInput: {},
      evaluation: null,
      shown: {},
      applyError: "",
      submitting: false,
      applied: null,
    });
    const form = useRef<HTMLFormElement>("form");
    onWillStart(() => this.load());
    onMounted(() => form.el?.querySelector<HTMLElement>("input, select")?.focus());
  }

  async load(): Promise<void> {
    try {
      const config = await loadConfiguration(this.orm, this.props.productId, this.props.lineId);
      // the server validated the content at save: a rule set the engine refuses is a bug to show
      this.evaluator = compile(config.content);
      this.state.config = markRaw(config);
      this.state.fields = initialFields(config.content, config.values ?? {});
      this.state.quantity = config.quantity || "1";
      this.recompute();
    } catch (error) {
      this.state.loadError = serverMessage(error);
    }
  }

  /** Evaluates the current input with the browser's engine; the dialog shows nothing else. */
  recompute(): void {
    const config = this.state.config;
    if (!config || !this.evaluator) {
      return;
    }
    const values = engineValues(config.content, this.state.fields);
    const evaluation = this.evaluator.evaluate(values, { quantity: this.state.quantity.trim(), role: config.role });
    this.state.evaluation = markRaw(evaluation);
    // an evaluation stopped by input errors has no values: the engine still says what is shown
    this.state.shown = this.evaluator.visibleOptions(values);
  }

  // --- what the template reads

  get title(): string {
    return _t("Configure %(product)s", { product: this.props.productName });
  }

  get formId(): string {
    return `${this.idPrefix}_form`;
  }

  get options(): RuleSetOption[] {
    return this.state.config?.content.options ?? [];
  }

  inputId(key: string, choice?: string): string {
    return choice === undefined ? `${this.idPrefix}_${key}` : `${this.idPrefix}_${key}_${choice}`;
  }

  label(option: RuleSetOption): string {
    return optionLabel(option);
  }

  usesRadios(option: RuleSetOption): boolean {
    return usesRadios(option);
  }

  get errorsByOption(): Record<string, string[]> {
    const errors = inputErrorsByOption(this.state.evaluation);
    for (const key of Object.keys(this.state.badInput)) {
      if (this.state.badInput[key]) {
        errors[key] = [_t("Enter a number."), ...(errors[key] ?? [])];
      }
    }
    return errors;
  }

  /** the ids an input is described by: its help and its errors */
  describedBy(option: RuleSetOption, errors: Record<string, string[]>): string {
    const ids = [];
    if (option.help) {
      ids.push(`${this.inputId(option.key)}_help`);
    }
    if (errors[option.key]) {
      ids.push(`${this.inputId(option.key)}_error`);
    }
    return ids.join(" ");
  }

  get generalErrors(): string[] {
    return generalErrors(this.state.evaluation);
  }

  get priced(): PricedEvaluation | null {
    const evaluation = this.state.evaluation;
    return evaluation && "unit_price" in evaluation ? evaluation : null;
  }

  get phases(): PhaseLines[] {
    const priced = this.priced;
    if (!priced) {
      return [];
    }
    return PHASES.map((phase) => ({
      phase,
      label: phaseLabel(phase),
      subtotal: priced.phases[phase],
      // a rule that applied for nothing (a minimum charge already met) is noise to the reader
      lines: priced.breakdown.filter((line) => line.phase === phase && !isZero(line.amount)),
    })).filter((phase) => phase.lines.length);
  }

  /** a breached guardrail: confirming the quote will ask an approval, with its message as the reason */
  needsApproval(message: string): string {
    return _t("Needs approval: %(reason)s", { reason: message });
  }

  money(amount: string): string {
    return this.state.config ? formatMoney(amount, this.state.config.currency) : amount;
  }

  percent(value: string): string {
    return formatPercent(value);
  }

  get canAdd(): boolean {
    return Boolean(
      this.state.evaluation?.ok &&
      !this.state.submitting &&
      !this.state.applied &&
      !Object.values(this.state.badInput).some(Boolean),
    );
  }

  // --- input

  onDecimalInput(key: string, ev: Event): void {
    const input = ev.target as HTMLInputElement;
    this.state.badInput[key] = Boolean(input.validity?.badInput);
    if (!this.state.badInput[key]) {
      // a number input reports "" while its text is not a number: keep the field as it was
      this.state.fields[key] = input.value;
    }
    this.recompute();
  }

  onEnumChange(key: string, value: string): void {
    this.state.fields[key] = value;
    this.recompute();
  }

  onBoolChange(key: string, ev: Event): void {
    this.state.fields[key] = (ev.target as HTMLInputElement).checked;
    this.recompute();
  }

  onMultiChange(key: string, value: string, ev: Event): void {
    const chosen = (this.state.fields[key] as string[]).filter((item) => item !== value);
    if ((ev.target as HTMLInputElement).checked) {
      chosen.push(value);
    }
    this.state.fields[key] = chosen;
    this.recompute();
  }

  onQuantityInput(ev: Event): void {
    const input = ev.target as HTMLInputElement;
    this.state.badInput[QUANTITY_KEY] = Boolean(input.validity?.badInput);
    if (!this.state.badInput[QUANTITY_KEY]) {
      this.state.quantity = input.value;
    }
    this.recompute();
  }

  /** "Add to quote" (its button, or Enter in any input): the server evaluates again and writes the line. */
  async onSubmit(): Promise<void> {
    const config = this.state.config;
    const browserOutput = this.state.evaluation;
    if (!config || !browserOutput || !this.canAdd) {
      return;
    }
    this.state.submitting = true;
    this.state.applyError = "";
    let applied: ConfigurationApplied;
    try {
      applied = await applyConfiguration(this.orm, this.props.orderId, {
        line_id: this.props.lineId,
        product_id: this.props.productId,
        version_id: config.version_id,
        values: engineValues(config.content, this.state.fields),
        quantity: this.state.quantity.trim(),
        browser_output: browserOutput,
      });
    } catch (error) {
      // caught, so Odoo shows no error dialog of its own: the refusal belongs next to the input
      this.state.applyError = serverMessage(error);
      this.state.submitting = false;
      return;
    }
    if (applied.differs) {
      // the line holds the server's result: show it rather than what the browser computed
      this.state.applied = markRaw(applied);
      this.state.evaluation = markRaw(applied.output);
      this.state.submitting = false;
    } else {
      this.notification.add(_t("%(product)s added to the quote", { product: this.props.productName }), {
        type: "success",
      });
      this.props.close();
    }
    await this.props.onApplied?.(applied);
  }
}
