// The wording of the SLA countdown (sla_countdown.ts), kept pure so every state and range can be
// tested: the same deadline, state and clock always give the same text.
import { _t } from "@web/core/l10n/translation";
import type { DateTime } from "luxon";

/** crm.lead.ops_sla_state (models/leads/crm_lead_sla.py SLA_STATES) */
export type SlaState = "none" | "running" | "met" | "breached";

/** how the text is shown: "danger" once the deadline has passed or the SLA was breached */
export type SlaTone = "default" | "success" | "danger";

export interface SlaCountdown {
  /** "" when there is nothing to show */
  text: string;
  tone: SlaTone;
}

const SLA_STATES: readonly SlaState[] = ["none", "running", "met", "breached"];
const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
const NOTHING: SlaCountdown = { text: "", tone: "default" };

/** The record's ops_sla_state as an SlaState; anything else (false, an unknown key) is "none". */
export function toSlaState(value: unknown): SlaState {
  return SLA_STATES.includes(value as SlaState) ? (value as SlaState) : "none";
}

interface Parts {
  days: number;
  hours: number;
  minutes: number;
}

function splitMinutes(total: number): Parts {
  return {
    days: Math.floor(total / MINUTES_PER_DAY),
    hours: Math.floor((total % MINUTES_PER_DAY) / MINUTES_PER_HOUR),
    minutes: total % MINUTES_PER_HOUR,
  };
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** "14 min left", "2 h 05 min left", "1 d 3 h left" (the minutes are dropped past a day) */
function formatTimeLeft(totalMinutes: number): string {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days) {
    return _t("%(days)s d %(hours)s h left", { days, hours });
  }
  if (hours) {
    return _t("%(hours)s h %(minutes)s min left", { hours, minutes: twoDigits(minutes) });
  }
  return _t("%(minutes)s min left", { minutes });
}

/** "overdue by 3 min", "overdue by 2 h 05 min", "overdue by 1 d 3 h" */
function formatOverdue(totalMinutes: number): string {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  if (days) {
    return _t("overdue by %(days)s d %(hours)s h", { days, hours });
  }
  if (hours) {
    return _t("overdue by %(hours)s h %(minutes)s min", { hours, minutes: twoDigits(minutes) });
  }
  return _t("overdue by %(minutes)s min", { minutes });
}

/**
 * What the countdown shows for an SLA at the moment `now`.
 *
 * - no (valid) deadline, or state "none": nothing;
 * - "met" / "breached": that word (breached in the danger tone);
 * - "running": the time left until the deadline, or how long it is overdue (danger tone).
 *
 * Time is counted in started minutes: 30 seconds left is "1 min left", 30 seconds past the deadline
 * "overdue by 1 min". The deadline itself still counts as in time ("0 min left"), as on the server,
 * where a response at the deadline meets the SLA and only `deadline < now` escalates.
 */
export function formatSlaCountdown(deadline: DateTime | null, state: SlaState, now: DateTime): SlaCountdown {
  if (!deadline || !deadline.isValid) {
    return NOTHING;
  }
  switch (state) {
    case "met":
      return { text: _t("met"), tone: "success" };
    case "breached":
      return { text: _t("breached"), tone: "danger" };
    case "running": {
      const remainingMs = deadline.toMillis() - now.toMillis();
      if (remainingMs >= 0) {
        return { text: formatTimeLeft(Math.ceil(remainingMs / MINUTE_MS)), tone: "default" };
      }
      return { text: formatOverdue(Math.ceil(-remainingMs / MINUTE_MS)), tone: "danger" };
    }
    default:
      return NOTHING;
  }
}
