// Jest stand-in for Odoo's "@web/core/l10n/translation": no translations, so _t returns the source
// with its placeholders filled the way Odoo's sprintf does (core/utils/strings.js): one plain
// object fills %(name)s placeholders by key, otherwise the arguments fill %s in order.
function isSubstitutionDict(substitutions: unknown[]): substitutions is [Record<string, unknown>] {
  return substitutions.length === 1 && Object.prototype.toString.call(substitutions[0]) === "[object Object]";
}

export function _t(source: string, ...substitutions: unknown[]): string {
  if (isSubstitutionDict(substitutions)) {
    const dict = substitutions[0];
    return source.replace(/%\(([^)]+)\)s/g, (_match, key: string) => String(dict[key] ?? ""));
  }
  let index = 0;
  return source.replace(/%s/g, () => String(substitutions[index++] ?? ""));
}
