// Minimal typing of Odoo 19's "dialog" service (addons/web/static/src/core/dialog/dialog_service.js).
// Components get it with useService("dialog").
import type { ComponentConstructor } from "@odoo/owl";

export interface DialogAddOptions {
  /** called once the dialog is gone, however it was closed */
  onClose?: (closeParams?: unknown) => unknown;
}

export interface DialogService {
  /**
   * Mounts `component` as a modal dialog with `props` plus a `close` prop; returns the function
   * that closes it. The dialog does not depend on the component that opened it.
   */
  add(component: ComponentConstructor, props?: Record<string, unknown>, options?: DialogAddOptions): () => void;
  closeAll(): void;
}
