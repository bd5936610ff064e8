// Minimal typing of Odoo 19 "@web/core/l10n/localization" (addons/web/static/src/core/l10n/
// localization.js): the user's language settings, loaded before any component mounts.

export interface Localization {
  /** e.g. "." or "," */
  decimalPoint: string;
  /** e.g. "," or "." or "" */
  thousandsSep: string;
  /** digits per group, as res.lang writes it (e.g. [3, 0]) */
  grouping: number[];
}

export declare const localization: Localization;
