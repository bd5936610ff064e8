// Jest stand-in for Odoo's "@web/core/l10n/dates": formatDateTime with the en_US format Odoo uses
// by default (localization.dateTimeFormat "MM/dd/yyyy HH:mm:ss"), in luxon's default zone.
import type { DateFormatOptions } from "@web/core/l10n/dates";
import type { DateTime } from "luxon";

export const EN_US_DATETIME_FORMAT = "MM/dd/yyyy HH:mm:ss";

export function formatDateTime(value: DateTime | false | null | undefined, options: DateFormatOptions = {}): string {
  if (!value) {
    return "";
  }
  return value.setZone(options.tz || "default").toFormat(options.format || EN_US_DATETIME_FORMAT);
}
