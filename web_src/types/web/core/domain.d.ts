// Types from Odoo 19 "@web/core/domain" (addons/web/static/src/core/domain.js, JSDoc typedefs).
// Type-only: nothing here is imported at runtime.

/** A leaf: [field path (or 0/1 for FALSE/TRUE leaves), operator, value]. */
export type Condition = [string | 0 | 1, string, unknown];

/** The list representation of a domain, e.g. [["state", "in", ["draft", "sent"]]]. */
export type DomainListRepr = ("&" | "|" | "!" | Condition)[];
