// Jest stand-in for Odoo's "@web/core/l10n/translation": no translations, so _t returns the
// source with %s placeholders filled in order (enough for labels and messages in tests).
export function _t(source: string, ...substitutions: unknown[]): string {
    let index = 0;
    return source.replace(/%s/g, () => String(substitutions[index++] ?? ""));
}
