// The names the review screen's client action (lazy_review.ts, in the backend bundle) and its lazy
// bundle agree on: the asset bundle the manifest declares, and the Odoo module name its built file
// gets (Odoo names a module by its path: addon_ops_harmony/static/src/generated/<file>.js).
export const AI_REVIEW_BUNDLE = "addon_ops_harmony.assets_ai_review";
export const AI_REVIEW_MODULE = "@addon_ops_harmony/generated/ops_harmony_ai_review.bundle";
