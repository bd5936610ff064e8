// The approver's pending approvals inside the activity clock's popover: for each, what it is
// about (the request's snapshot: the fields the policy read, and why this tier) and the Approve /
// Reject buttons. Mounted under the "Approvals" group of Odoo's ActivityMenu by activity_patches.ts;
// the items come from the server's systray data (res.users._get_activity_groups, "ops_approvals").
// Template in approval_systray.xml.
import { Component } from "@odoo/owl";
import type { ApprovalActivity, OpsApproval } from "./approval";
import { ApprovalButtons } from "./approval_buttons";

/** One row of a request's snapshot: a field as the requester's click saw it. */
export interface SnapshotField {
  label: string;
  value: string;
}

/** One pending approval of the current user, as the server lists it for the systray. */
export interface SystrayApproval {
  activity_id: number;
  res_model: string;
  res_id: number;
  request_id: number;
  request_name: string;
  document: string;
  requested_by: string;
  requested_on: string;
  date_deadline: string;
  fields: SnapshotField[];
  tier_reasons: string[];
  /** what earlier steps decided, one sentence each ("Ada approved (Team lead): …") */
  decisions: string[];
  ops_approval: OpsApproval | false;
}

export interface ApprovalSystrayListProps {
  approvals: SystrayApproval[];
  /** refreshes the systray once a decision went through */
  onDecided?: () => unknown;
  /** opens the request (its form shows the lines and earlier decisions) */
  onOpen?: (approval: SystrayApproval) => unknown;
}

/** The activity the buttons decide on, in the shape the chatter and popovers give them. */
export function activityOf(approval: SystrayApproval): ApprovalActivity {
  return {
    id: approval.activity_id,
    res_model: approval.res_model,
    res_id: approval.res_id,
    ops_approval: approval.ops_approval,
  };
}

export class ApprovalSystrayList extends Component<ApprovalSystrayListProps> {
  static override template = "addon_ops_harmony.ApprovalSystrayList";
  static components = { ApprovalButtons };
  static override props = {
    approvals: { type: Array },
    onDecided: { type: Function, optional: true },
    onOpen: { type: Function, optional: true },
  };

  activityOf = activityOf;

  open(approval: SystrayApproval): void {
    this.props.onOpen?.(approval);
  }
}
