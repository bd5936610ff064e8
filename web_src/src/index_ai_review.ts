// The entry of the lazily loaded bundle "addon_ops_harmony.assets_ai_review" (LAZY_BUNDLES in
// scripts/build/build_web.mjs): the AI review screen, which no other backend page needs. It
// registers nothing: the client action registered in ./index.ts loads this bundle on first use and
// takes the screen from the module's exports (lazy_names.ts names the module).
export { ReviewScreen } from "./ai_review/review_screen";
