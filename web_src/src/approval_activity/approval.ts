// What an approval activity carries and what deciding on it needs, kept free of OWL and services
// so the rules (who sees the buttons, when a rationale is required) can be tested on their own.
import { _t } from "@web/core/l10n/translation";

export type RiskTier = "low" | "medium" | "high";
export type ApprovalState = "pending" | "approved" | "rejected" | "cancelled" | "expired";
export type Decision = "approve" | "reject";

/**
 * mail.activity's `ops_approval` in the mail store (the addon extends
 * mail.activity._to_store_defaults): `false` for any activity that is not a step of an
 * ops.approval.request.
 */
export interface OpsApproval {
  request_id: number;
  /** e.g. "APR/0042" */
  request_name: string;
  risk_tier: RiskTier;
  state: ApprovalState;
  /** the current user may approve or reject now (checked again by the server) */
  can_act: boolean;
  rationale_required_to_approve: boolean;
}

/** The part of a mail store activity the approval buttons read. */
export interface ApprovalActivity {
  id: number;
  res_model: string;
  res_id: number;
  /** "overdue" | "today" | "planned", or "done" in the list popover's done section */
  state?: string;
  ops_approval?: OpsApproval | false;
}

/** The server methods, on ops.approval.request, behind each decision. */
export const DECISION_METHODS: Record<Decision, "action_approve" | "action_reject"> = {
  approve: "action_approve",
  reject: "action_reject",
};

/**
 * The approval the current user can decide on from this activity, or null. A done activity of an
 * earlier step may still point to a request the user can act on at a later step: that step has
 * its own activity, so the done one never shows buttons.
 */
export function actionableApproval(activity: ApprovalActivity | null | undefined): OpsApproval | null {
  const approval = activity?.ops_approval;
  if (!approval || activity?.state === "done") {
    return null;
  }
  return approval.can_act && approval.state === "pending" ? approval : null;
}

/** A rejection always needs a rationale; an approval only when the request says so (high tier). */
export function isRationaleRequired(approval: OpsApproval, decision: Decision): boolean {
  return decision === "reject" || approval.rationale_required_to_approve;
}

/**
 * The server's own sentence for a failed decision ("Request APR/0042 was already approved by Jane
 * Doe"). Odoo's RPCError carries it in `data.message`; its `message` is "Odoo Server Error".
 */
export function describeDecisionError(error: unknown): string {
  const rpcError = (typeof error === "object" && error !== null ? error : {}) as {
    data?: { message?: unknown } | null;
    message?: unknown;
  };
  for (const candidate of [rpcError.data?.message, rpcError.message, error]) {
    if (typeof candidate === "string" && candidate.trim()) {
      return candidate.trim();
    }
  }
  return _t("The request could not be updated. Please try again.");
}

/** "Request APR/0042 approved" / "Request APR/0042 rejected" */
export function decisionDoneMessage(approval: OpsApproval, decision: Decision): string {
  return decision === "approve"
    ? _t("Request %(name)s approved", { name: approval.request_name })
    : _t("Request %(name)s rejected", { name: approval.request_name });
}
