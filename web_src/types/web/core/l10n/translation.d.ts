// Minimal typing of Odoo 19 "@web/core/l10n/translation" (addons/web/static/src/core/l10n/translation.js).
// Keep calls literal, `_t("Some text")` or `_t("%(count)s left", { count })`: Odoo's term
// extraction reads them in the generated bundle, and its JS transpiler binds `_t` to this addon's
// translations.

/**
 * Translates `source`; `%s` placeholders take the substitutions in order, or a single plain object
 * fills `%(name)s` placeholders by key. Before the translations are loaded Odoo returns a lazy
 * String object (TranslatedString), afterwards a string.
 */
export declare function _t(source: string, ...substitutions: unknown[]): string;
