// Jest stand-in for Odoo's "@web/core/l10n/localization": the settings of English (US).
export const localization = { decimalPoint: ".", thousandsSep: ",", grouping: [3, 0] };
