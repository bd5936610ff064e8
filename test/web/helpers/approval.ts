// Fixtures for the approval activity tests: activities as the mail store holds them, and the
// services the buttons, the dialog and the patched activity components use.
import { fireEvent, screen, within } from "@testing-library/dom";
import type { ApprovalActivity, OpsApproval } from "../../../web_src/src/approval_activity/approval";
import { makeDialogService } from "./dialog_service";
import { makeCallOrmService, makeMailStore, makeNotificationService, type CallResolver } from "./services";

/** A pending medium-tier request the current user may act on; `overrides` change any field. */
export function makeApproval(overrides: Partial<OpsApproval> = {}): OpsApproval {
  return {
    request_id: 42,
    request_name: "APR/0042",
    risk_tier: "medium",
    state: "pending",
    can_act: true,
    rationale_required_to_approve: false,
    ...overrides,
  };
}

/** An approval activity on sale order 7 as the mail store holds it (ops_approval false: not one). */
export function makeActivity(
  ops_approval: OpsApproval | false = makeApproval(),
  overrides: Partial<ApprovalActivity> & Record<string, unknown> = {},
): ApprovalActivity & Record<string, unknown> {
  return {
    id: 501,
    res_model: "sale.order",
    res_id: 7,
    state: "today",
    display_name: "Approval",
    can_write: true,
    ops_approval,
    ...overrides,
  };
}

/**
 * orm, notification, dialog (mounting dialogs for real, in the same env) and mail.store.
 * `answer` answers orm.call; by default every call succeeds with true.
 */
export function makeApprovalServices({ answer = () => true, templates }: { answer?: CallResolver; templates?: string } = {}) {
  const services: Record<string, unknown> = {};
  const orm = makeCallOrmService(answer);
  const notification = makeNotificationService();
  const dialog = makeDialogService({ services: () => services, templates });
  const store = makeMailStore();
  Object.assign(services, { orm, notification, dialog, "mail.store": store });
  return { services, orm, notification, dialog, store };
}

/** Approves from the Approve button inside `target`, with a rationale, as an approver would. */
export async function approveFrom(target: HTMLElement, rationale: string): Promise<void> {
  fireEvent.click(within(target).getByRole("button", { name: "Approve" }));
  const dialog = await screen.findByRole("dialog");
  const textarea = dialog.querySelector<HTMLTextAreaElement>(".o_ops_harmony_approval_rationale");
  if (!textarea) {
    throw new Error("no rationale textarea");
  }
  fireEvent.input(textarea, { target: { value: rationale } });
  fireEvent.click(within(dialog).getByRole("button", { name: "Approve" }));
}
