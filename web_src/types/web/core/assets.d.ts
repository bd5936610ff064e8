// Minimal typing of Odoo 19 "@web/core/assets" (addons/web/static/src/core/assets.js).
export interface LoadBundleOptions {
  /** document the bundle is applied to (e.g. an iframe's document); default: document */
  targetDoc?: Document;
  /** load the bundle's stylesheets; default true */
  css?: boolean;
  /** load the bundle's scripts; default true */
  js?: boolean;
}

/**
 * Loads an asset bundle by name (e.g. "web.chartjs_lib") through /web/bundle/<name>; files already
 * loaded are not loaded twice. Rejects with AssetsLoadingError.
 */
export declare function loadBundle(bundleName: string, options?: LoadBundleOptions): Promise<unknown[]>;
export declare function loadJS(url: string, options?: { targetDoc?: Document }): Promise<void>;
export declare function loadCSS(url: string, options?: { targetDoc?: Document; retryCount?: number }): Promise<void>;
export declare class AssetsLoadingError extends Error {}
