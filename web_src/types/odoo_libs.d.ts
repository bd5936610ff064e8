// How the build (scripts/build/build_web.mjs) maps npm libraries onto what Odoo 19 already serves:
// - "luxon": Odoo's global `luxon` (web/static/lib/luxon, in web._assets_core). The types are
//   @types/luxon; the import resolves to a virtual module reading globalThis.luxon.
// - "chart.js": Odoo's lazy bundle "web.chartjs_lib". The only runtime export is loadChart(); the
//   Chart.js types stay usable as types (`import type { Chart } from "chart.js"`).
import type { Chart } from "chart.js";

declare module "chart.js" {
  /** Loads Odoo's "web.chartjs_lib" bundle once and returns the global Chart constructor. */
  export function loadChart(): Promise<typeof Chart>;
}
