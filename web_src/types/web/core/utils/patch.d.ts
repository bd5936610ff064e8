// Minimal typing of Odoo 19 "@web/core/utils/patch" (addons/web/static/src/core/utils/patch.js).

/**
 * Defines every own property of `extension` on `objToPatch` (a class for its statics, a class's
 * prototype for its methods), keeping the replaced ones reachable through `super`. Returns the
 * function that removes this extension again.
 */
export declare function patch<T extends object, E extends object>(objToPatch: T, extension: E & ThisType<T & E>): () => void;
