// The dialog behind the Approve and Reject buttons: asks for the rationale, sends the decision to
// ops.approval.request and stays open with the server's message when it is refused. Opened
// through the dialog service by ApprovalButtons; template in approval_decision_dialog.xml.
import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import type { ORM } from "@web/core/orm_service";
import type { NotificationService } from "@web/core/notifications/notification_service";
import { useService } from "@web/core/utils/hooks";
import {
  DECISION_METHODS,
  decisionDoneMessage,
  describeDecisionError,
  isRationaleRequired,
  type Decision,
  type OpsApproval,
} from "./approval";

export const APPROVAL_REQUEST_MODEL = "ops.approval.request";

export interface ApprovalDecisionDialogProps {
  approval: OpsApproval;
  decision: Decision;
  /** called once the server accepted the decision, after the dialog closed: refresh the views */
  onDecided?: () => unknown;
  /** given by the dialog service */
  close: () => void;
}

interface DialogState {
  rationale: string;
  /** the server's refusal, or the missing rationale; "" when there is nothing to say */
  error: string;
  submitting: boolean;
}

export class ApprovalDecisionDialog extends Component<ApprovalDecisionDialogProps> {
  static override template = "addon_ops_harmony.ApprovalDecisionDialog";
  static components = { Dialog };
  static override props = {
    approval: { type: Object },
    decision: { type: String, validate: (decision: string) => decision in DECISION_METHODS },
    onDecided: { type: Function, optional: true },
    close: { type: Function },
  };

  // assigned in setup(): hooks cannot run in class-field initialisers
  declare orm: ORM;
  declare notification: NotificationService;
  declare state: DialogState;

  override setup(): void {
    this.orm = useService("orm");
    this.notification = useService("notification");
    this.state = useState<DialogState>({ rationale: "", error: "", submitting: false });
    const textarea = useRef<HTMLTextAreaElement>("rationale");
    onMounted(() => textarea.el?.focus());
  }

  get isApprove(): boolean {
    return this.props.decision === "approve";
  }

  get rationaleRequired(): boolean {
    return isRationaleRequired(this.props.approval, this.props.decision);
  }

  get title(): string {
    const name = this.props.approval.request_name;
    return this.isApprove ? _t("Approve %(name)s", { name }) : _t("Reject %(name)s", { name });
  }

  get missingRationaleMessage(): string {
    return this.isApprove
      ? _t("A high-risk request needs a rationale to be approved.")
      : _t("A rationale is required to reject a request.");
  }

  /** Sends the decision; the dialog only closes once the server accepted it. */
  async onConfirm(): Promise<void> {
    if (this.state.submitting) {
      return;
    }
    const rationale = this.state.rationale.trim();
    if (this.rationaleRequired && !rationale) {
      this.state.error = this.missingRationaleMessage;
      return;
    }
    const { approval, decision } = this.props;
    this.state.error = "";
    this.state.submitting = true;
    try {
      await this.orm.call(APPROVAL_REQUEST_MODEL, DECISION_METHODS[decision], [[approval.request_id]], {
        rationale,
      });
    } catch (error) {
      // caught, so Odoo shows no error dialog of its own: the message belongs in this one
      this.state.error = describeDecisionError(error);
      this.state.submitting = false;
      return;
    }
    this.notification.add(decisionDoneMessage(approval, decision), { type: "success" });
    this.props.close();
    await this.props.onDecided?.();
  }
}
