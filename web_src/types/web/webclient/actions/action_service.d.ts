// Minimal typing of Odoo 19 "@web/webclient/actions/action_service"
// (addons/web/static/src/webclient/actions/action_service.js). Components get the service with
// useService("action").
import type { DomainListRepr } from "@web/core/domain";

export type ViewType = "list" | "form" | "kanban" | "pivot" | "graph" | "calendar" | "activity" | string;
export type ActionMode = "current" | "fullscreen" | "new" | "main" | "self";

/** An ir.actions.act_window description built in the client. */
export interface ActWindowDescription {
  type: "ir.actions.act_window";
  name?: string;
  res_model: string;
  domain?: DomainListRepr;
  context?: Record<string, unknown>;
  /** [view id or false, view type] pairs; the first one is opened */
  views: [number | false, ViewType][];
  target?: ActionMode;
  res_id?: number;
}

/** id, xml id, client action tag, or a full description */
export type ActionRequest = number | string | ActWindowDescription | Record<string, unknown>;

export interface ActionOptions {
  additionalContext?: Record<string, unknown>;
  clearBreadcrumbs?: boolean;
  onClose?: (...args: unknown[]) => void;
  props?: Record<string, unknown>;
  viewType?: ViewType;
  stackPosition?: "replaceCurrentAction" | "replacePreviousAction";
  index?: number;
  newWindow?: boolean;
  forceLeave?: boolean;
}

export interface ActionService {
  doAction(actionRequest: ActionRequest, options?: ActionOptions): Promise<number | undefined>;
}
