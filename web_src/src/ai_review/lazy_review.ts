// The review screen's client action in the backend bundle: a few lines that load the screen's own
// bundle (addon_ops_harmony.assets_ai_review, built from ../index_ai_review.ts) on first use, take the
// screen from that module's exports, and mount it with the action's props. The screen's code stays
// out of web.assets_backend, and only ../index.ts registers anything (this action, under the tag
// addon_ops_harmony.ai_review).
import { Component, onWillStart, xml } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { AI_REVIEW_BUNDLE, AI_REVIEW_MODULE } from "./lazy_names";

/** Odoo's module loader (web/static/src/module_loader.js): every loaded module's exports by name. */
declare const odoo: { loader: { modules: Map<string, Record<string, unknown> | undefined> } };

export class LazyReviewScreen extends Component {
  static override template = xml`<t t-if="Screen" t-component="Screen" t-props="props"/>`;
  // a client action receives the action service's props (action, actionId, className, ...)
  static override props = ["*"];

  declare Screen: typeof Component | null;

  override setup(): void {
    this.Screen = null;
    onWillStart(async () => {
      await loadBundle(AI_REVIEW_BUNDLE);
      const screen = odoo.loader.modules.get(AI_REVIEW_MODULE)?.ReviewScreen;
      if (typeof screen !== "function") throw new Error(`${AI_REVIEW_BUNDLE} did not define ${AI_REVIEW_MODULE}`);
      this.Screen = screen as typeof Component;
    });
  }
}
