// SLA countdown: the first-response deadline of a lead shown as the time left ("2 h 05 min left")
// or overdue, refreshed every 30 seconds. A field widget for the Datetime field ops_sla_deadline
// of crm.lead (registered in ../index.ts as "ops_sla_countdown"); template in sla_countdown.xml,
// wording in format.ts. It reads the SLA state from the same record.
import { Component, onMounted, onWillUnmount } from "@odoo/owl";
import { formatDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import type { FieldDescriptor } from "@web/views/fields/field";
import { standardFieldProps, type StandardFieldProps } from "@web/views/fields/standard_field_props";
import { DateTime } from "luxon";
import { formatSlaCountdown, toSlaState, type SlaCountdown as Countdown, type SlaState } from "./format";

/** the record field holding the SLA state (crm.lead.ops_sla_state) */
export const SLA_STATE_FIELD = "ops_sla_state";
export const REFRESH_INTERVAL_MS = 30_000;

const TONE_CLASSES: Record<Countdown["tone"], string> = {
  default: "",
  success: "text-success",
  danger: "text-danger",
};

export class SlaCountdown extends Component<StandardFieldProps> {
  static override template = "addon_ops_harmony.SlaCountdown";
  static override props = { ...standardFieldProps };

  // assigned in setup(): hooks cannot run in class-field initialisers
  declare intervalId: ReturnType<typeof setInterval> | null;

  override setup(): void {
    this.intervalId = null;
    onMounted(() => {
      // every render reads the clock again (getCountdown), so a tick only has to re-render
      this.intervalId = setInterval(() => this.render(), REFRESH_INTERVAL_MS);
    });
    onWillUnmount(() => {
      if (this.intervalId !== null) {
        clearInterval(this.intervalId);
        this.intervalId = null;
      }
    });
  }

  /** record.data[name]: a luxon DateTime in the user's time zone, or false when empty */
  get deadline(): DateTime | null {
    const value = this.props.record.data[this.props.name];
    return DateTime.isDateTime(value) ? value : null;
  }

  get slaState(): SlaState {
    return toSlaState(this.props.record.data[SLA_STATE_FIELD]);
  }

  /** What to show now; the template calls it once per render. */
  getCountdown(): Countdown & { className: string; title: string } {
    const deadline = this.deadline;
    const countdown = formatSlaCountdown(deadline, this.slaState, DateTime.now());
    return {
      ...countdown,
      className: TONE_CLASSES[countdown.tone],
      title: deadline ? formatDateTime(deadline) : "",
    };
  }
}

export const slaCountdownField: FieldDescriptor = {
  component: SlaCountdown,
  displayName: _t("SLA Countdown"),
  supportedTypes: ["datetime"],
  // the state comes along even in a view that does not show it
  fieldDependencies: [{ name: SLA_STATE_FIELD, type: "selection" }],
};
