// Minimal typing of Odoo 19 "@web/core/l10n/translation" (addons/web/static/src/core/l10n/translation.js).
// Keep calls literal, `_t("Some text")`: Odoo's term extraction reads them in the generated bundle,
// and its JS transpiler binds `_t` to this addon's translations.

/**
 * Translates `source`; `%s` / `%(name)s` placeholders take the substitutions. Before the
 * translations are loaded Odoo returns a lazy String object (TranslatedString), afterwards a string.
 */
export declare function _t(source: string, ...substitutions: unknown[]): string;
