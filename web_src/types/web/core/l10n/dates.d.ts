// Minimal typing of Odoo 19 "@web/core/l10n/dates" (addons/web/static/src/core/l10n/dates.js).
import type { DateTime } from "luxon";

export interface DateFormatOptions {
  /** a luxon format; default: the user's language format (localization.dateTimeFormat) */
  format?: string;
  /** a time zone; default: the user's ("default", as set up by Odoo) */
  tz?: string;
}

/**
 * A datetime as Odoo's own datetime fields show it: the user's language format, in the user's
 * time zone. "" for an empty value.
 */
export declare function formatDateTime(value: DateTime | false | null | undefined, options?: DateFormatOptions): string;
