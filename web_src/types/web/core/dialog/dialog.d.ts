// Minimal typing of Odoo 19 "@web/core/dialog/dialog" (addons/web/static/src/core/dialog/dialog.js):
// the modal frame a dialog component renders, with a default slot (the body) and a "footer" slot.
import { Component } from "@odoo/owl";

export interface DialogProps {
  title?: string;
  size?: "sm" | "md" | "lg" | "xl" | "fs" | "fullscreen";
  contentClass?: string;
  bodyClass?: string;
  footer?: boolean;
  header?: boolean;
  technical?: boolean;
  withBodyPadding?: boolean;
}

export declare class Dialog extends Component<DialogProps> {}
