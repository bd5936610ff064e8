// Approve and Reject buttons for one activity, shown only when the activity is a pending approval
// step the current user may decide on. Mounted inside Odoo's activity components by
// activity_patches.ts; template in approval_buttons.xml.
import { Component } from "@odoo/owl";
import type { DialogService } from "@web/core/dialog/dialog_service";
import { useService } from "@web/core/utils/hooks";
import { actionableApproval, type ApprovalActivity, type Decision, type OpsApproval } from "./approval";
import { ApprovalDecisionDialog } from "./approval_decision_dialog";

export interface ApprovalButtonsProps {
  activity: ApprovalActivity;
  /** refreshes whatever shows the activity, once a decision went through */
  onDecided?: () => unknown;
  /** extra classes of the root element, to fit the host's spacing */
  className?: string;
}

const TIER_BADGES: Record<OpsApproval["risk_tier"], string> = {
  low: "text-bg-success",
  medium: "text-bg-warning",
  high: "text-bg-danger",
};

export class ApprovalButtons extends Component<ApprovalButtonsProps> {
  static override template = "addon_ops_harmony.ApprovalButtons";
  static override props = {
    activity: { type: Object },
    onDecided: { type: Function, optional: true },
    className: { type: String, optional: true },
  };

  declare dialog: DialogService;

  override setup(): void {
    this.dialog = useService("dialog");
  }

  /** read on every render: the store updates the activity in place */
  get approval(): OpsApproval | null {
    return actionableApproval(this.props.activity);
  }

  tierBadgeClass(approval: OpsApproval): string {
    return TIER_BADGES[approval.risk_tier] ?? "text-bg-secondary";
  }

  openDecision(decision: Decision): void {
    const approval = this.approval;
    if (!approval) {
      return;
    }
    // the dialog outlives this component when its popover closes: pass the callback itself
    this.dialog.add(ApprovalDecisionDialog, { approval, decision, onDecided: this.props.onDecided });
  }
}
