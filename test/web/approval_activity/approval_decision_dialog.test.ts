import { fireEvent, screen, waitFor, within } from "@testing-library/dom";
import { reactive } from "@odoo/owl";
import {
  actionableApproval,
  describeDecisionError,
  isRationaleRequired,
  type ApprovalState,
} from "../../../web_src/src/approval_activity/approval";
import { ApprovalButtons } from "../../../web_src/src/approval_activity/approval_buttons";
import { ApprovalDecisionDialog } from "../../../web_src/src/approval_activity/approval_decision_dialog";
import { makeActivity, makeApproval, makeApprovalServices } from "../helpers/approval";
import { mountComponent } from "../helpers/owl";
import { makeDeferred, makeRpcError, type CallResolver } from "../helpers/services";

/** Mounts the buttons for `activity`, with services whose orm.call answers with `answer`. */
async function mountButtons(activity = makeActivity(), answer?: CallResolver) {
  const env = makeApprovalServices({ answer });
  const onDecided = jest.fn(async () => undefined);
  const mounted = await mountComponent(ApprovalButtons, { services: env.services, props: { activity, onDecided } });
  return { ...mounted, ...env, onDecided };
}

/** Clicks a button of the activity and waits for the dialog it opens. */
async function openDialog(target: HTMLElement, button: "approve" | "reject"): Promise<HTMLElement> {
  const element = target.querySelector<HTMLButtonElement>(`.o_ops_harmony_approval_${button}`);
  if (!element) {
    throw new Error(`no ${button} button`);
  }
  fireEvent.click(element);
  return screen.findByRole("dialog");
}

function rationale(dialog: HTMLElement): HTMLTextAreaElement {
  const textarea = dialog.querySelector<HTMLTextAreaElement>("textarea.o_ops_harmony_approval_rationale");
  if (!textarea) {
    throw new Error("no rationale textarea");
  }
  return textarea;
}

function confirmButton(dialog: HTMLElement): HTMLButtonElement {
  const button = dialog.querySelector<HTMLButtonElement>("button.o_ops_harmony_approval_confirm");
  if (!button) {
    throw new Error("no confirm button");
  }
  return button;
}

function errorText(dialog: HTMLElement): string | null {
  return dialog.querySelector(".o_ops_harmony_approval_error")?.textContent?.trim() ?? null;
}

/** waits for OWL's next render (scheduled on an animation frame) */
async function nextRender(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await Promise.resolve();
}

describe("approval rules", () => {
  test("01 only a pending request the user may act on, from an open activity, is actionable", () => {
    const approval = makeApproval();
    expect(actionableApproval(makeActivity(approval))).toBe(approval);
    for (const state of ["overdue", "today", "planned"]) {
      expect(actionableApproval(makeActivity(approval, { state }))).toBe(approval);
    }
    expect(actionableApproval(makeActivity(makeApproval({ can_act: false })))).toBeNull();
    const decided: ApprovalState[] = ["approved", "rejected", "cancelled", "expired"];
    for (const state of decided) {
      expect(actionableApproval(makeActivity(makeApproval({ state })))).toBeNull();
    }
    // a done activity of an earlier step, even if the user can act on the request's next step
    expect(actionableApproval(makeActivity(approval, { state: "done" }))).toBeNull();
    // any other activity: the server sends false, an older server nothing at all
    expect(actionableApproval(makeActivity(false))).toBeNull();
    expect(actionableApproval({ id: 1, res_model: "crm.lead", res_id: 3, state: "today" })).toBeNull();
    expect(actionableApproval(null)).toBeNull();
    expect(actionableApproval(undefined)).toBeNull();
  });

  test("02 a rationale is always required to reject, to approve only when the request says so", () => {
    const medium = makeApproval();
    const high = makeApproval({ risk_tier: "high", rationale_required_to_approve: true });
    expect(isRationaleRequired(medium, "reject")).toBe(true);
    expect(isRationaleRequired(high, "reject")).toBe(true);
    expect(isRationaleRequired(medium, "approve")).toBe(false);
    expect(isRationaleRequired(high, "approve")).toBe(true);
  });

  test("03 the server's message of a refused decision, whatever the shape of the error", () => {
    const refused = makeRpcError("odoo.exceptions.UserError", "Request APR/0042 was already approved by Jane Doe");
    expect(describeDecisionError(refused)).toBe("Request APR/0042 was already approved by Jane Doe");
    expect(describeDecisionError(new Error("Connection lost"))).toBe("Connection lost");
    expect(describeDecisionError("  plain text  ")).toBe("plain text");
    for (const unreadable of [null, undefined, {}, { data: null, message: "  " }, 42]) {
      expect(describeDecisionError(unreadable)).toBe("The request could not be updated. Please try again.");
    }
  });
});

describe("Approve and Reject buttons", () => {
  test("04 shown with the request's name and risk for an actionable approval, nothing otherwise", async () => {
    const { target } = await mountButtons(makeActivity(makeApproval({ risk_tier: "high" })));
    const buttons = target.querySelector<HTMLElement>(".o_ops_harmony_approval_buttons");
    expect(buttons?.dataset.request).toBe("APR/0042");
    expect(within(target).getByRole("button", { name: "Approve" }).classList).toContain("o_ops_harmony_approval_approve");
    expect(within(target).getByRole("button", { name: "Reject" }).classList).toContain("o_ops_harmony_approval_reject");
    expect(buttons?.textContent).toContain("APR/0042");
    expect(buttons?.textContent).toContain("High risk");

    for (const activity of [
      makeActivity(makeApproval({ can_act: false })),
      makeActivity(makeApproval({ state: "approved" })),
      makeActivity(makeApproval(), { state: "done" }),
      makeActivity(false),
    ]) {
      const other = await mountButtons(activity);
      expect(other.target.innerHTML).toBe("");
    }
  });

  test("05 follow the activity in the store: the buttons go once another approver decided", async () => {
    const activity = reactive(makeActivity());
    const { target } = await mountButtons(activity);
    expect(target.querySelectorAll(".o_ops_harmony_approval_approve")).toHaveLength(1);

    activity.ops_approval = makeApproval({ state: "approved", can_act: false });
    await nextRender();
    expect(target.querySelector(".o_ops_harmony_approval_buttons")).toBeNull();
  });

  test("06 Approve opens the dialog for this request and decision", async () => {
    const approval = makeApproval();
    const { target, dialog, onDecided } = await mountButtons(makeActivity(approval));
    const element = await openDialog(target, "approve");

    expect(dialog.add).toHaveBeenCalledTimes(1);
    expect(dialog.add).toHaveBeenCalledWith(ApprovalDecisionDialog, { approval, decision: "approve", onDecided });
    expect(element.getAttribute("aria-label")).toBe("Approve APR/0042");
    expect(element.querySelector<HTMLElement>(".o_ops_harmony_approval_dialog")?.dataset.decision).toBe("approve");
    expect(confirmButton(element).textContent?.trim()).toBe("Approve");
    expect(element.textContent).toContain("(optional)");
    expect(rationale(element).required).toBe(false);
    expect(document.activeElement).toBe(rationale(element));
  });
});

describe("decision dialog", () => {
  test("07 approving a medium-tier request: the rationale may stay empty", async () => {
    const { target, orm, notification, dialog, onDecided } = await mountButtons();
    const element = await openDialog(target, "approve");

    fireEvent.click(confirmButton(element));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(1);
    expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_approve", [[42]], { rationale: "" });
    expect(notification.add).toHaveBeenCalledWith("Request APR/0042 approved", { type: "success" });
    expect(dialog.open).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  test("08 rejecting needs a rationale: none, or only spaces, is refused without calling the server", async () => {
    const { target, orm, notification, dialog, onDecided } = await mountButtons();
    const element = await openDialog(target, "reject");
    expect(element.getAttribute("aria-label")).toBe("Reject APR/0042");
    expect(element.textContent).toContain("(required)");
    expect(rationale(element).required).toBe(true);
    expect(confirmButton(element).textContent?.trim()).toBe("Reject");

    fireEvent.click(confirmButton(element));
    await nextRender();
    expect(errorText(element)).toBe("A rationale is required to reject a request.");
    expect(rationale(element).classList).toContain("is-invalid");

    fireEvent.input(rationale(element), { target: { value: "   \n " } });
    fireEvent.click(confirmButton(element));
    await nextRender();
    expect(errorText(element)).toBe("A rationale is required to reject a request.");
    expect(orm.call).not.toHaveBeenCalled();
    expect(dialog.open).toHaveLength(1);

    fireEvent.input(rationale(element), { target: { value: "  Discount above the customer's contract terms \n" } });
    fireEvent.click(confirmButton(element));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(1);
    expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_reject", [[42]], {
      rationale: "Discount above the customer's contract terms",
    });
    expect(notification.add).toHaveBeenCalledWith("Request APR/0042 rejected", { type: "success" });
    expect(dialog.open).toHaveLength(0);
  });

  test("09 approving a high-tier request needs a rationale too", async () => {
    const high = makeApproval({
      request_id: 7,
      request_name: "APR/0007",
      risk_tier: "high",
      rationale_required_to_approve: true,
    });
    const { target, orm, onDecided } = await mountButtons(makeActivity(high));
    const element = await openDialog(target, "approve");
    expect(element.textContent).toContain("(required)");

    fireEvent.click(confirmButton(element));
    await nextRender();
    expect(errorText(element)).toBe("A high-risk request needs a rationale to be approved.");
    expect(orm.call).not.toHaveBeenCalled();

    fireEvent.input(rationale(element), { target: { value: "Strategic account, margin still positive" } });
    fireEvent.click(confirmButton(element));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_approve", [[7]], {
      rationale: "Strategic account, margin still positive",
    });
  });

  test("10 a refusal from the server stays in the dialog; the user can try again", async () => {
    let refuse = true;
    const { target, orm, notification, dialog, onDecided } = await mountButtons(makeActivity(), () =>
      refuse ? makeRpcError("odoo.exceptions.UserError", "Request APR/0042 was already approved by Jane Doe") : true,
    );
    const element = await openDialog(target, "reject");
    fireEvent.input(rationale(element), { target: { value: "Out of policy" } });
    fireEvent.click(confirmButton(element));

    await waitFor(() => expect(errorText(element)).toBe("Request APR/0042 was already approved by Jane Doe"));
    expect(element.querySelector(".o_ops_harmony_approval_error")?.getAttribute("role")).toBe("alert");
    expect(dialog.open).toHaveLength(1);
    expect(element.isConnected).toBe(true);
    expect(notification.add).not.toHaveBeenCalled();
    expect(onDecided).not.toHaveBeenCalled();
    // what was typed is kept, and the form is usable again
    expect(rationale(element).value).toBe("Out of policy");
    expect(rationale(element).disabled).toBe(false);
    expect(confirmButton(element).disabled).toBe(false);

    refuse = false;
    fireEvent.click(confirmButton(element));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(2);
    expect(notification.add).toHaveBeenCalledWith("Request APR/0042 rejected", { type: "success" });
    expect(dialog.open).toHaveLength(0);
  });

  test("11 one decision at a time: a double click sends one, confirm is disabled while the server answers", async () => {
    const answer = makeDeferred<unknown>();
    const { target, orm, onDecided } = await mountButtons(makeActivity(), () => answer.promise);
    const element = await openDialog(target, "approve");

    // the second click comes before OWL re-rendered the button as disabled
    fireEvent.click(confirmButton(element));
    fireEvent.click(confirmButton(element));
    await nextRender();
    expect(orm.call).toHaveBeenCalledTimes(1);
    expect(confirmButton(element).disabled).toBe(true);
    expect(rationale(element).disabled).toBe(true);
    expect(within(element).getByRole("button", { name: "Discard" })).toHaveProperty("disabled", true);
    expect(onDecided).not.toHaveBeenCalled();

    answer.resolve(true);
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(orm.call).toHaveBeenCalledTimes(1);
  });

  test("12 Discard closes the dialog without a decision", async () => {
    const { target, orm, notification, dialog, onDecided } = await mountButtons();
    const element = await openDialog(target, "reject");
    fireEvent.input(rationale(element), { target: { value: "changed my mind" } });

    fireEvent.click(within(element).getByRole("button", { name: "Discard" }));
    expect(dialog.open).toHaveLength(0);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(orm.call).not.toHaveBeenCalled();
    expect(notification.add).not.toHaveBeenCalled();
    expect(onDecided).not.toHaveBeenCalled();
  });

  test("13 the refresh runs after the dialog closed, so a popover can close with it", async () => {
    const events: string[] = [];
    const { target, dialog, notification, onDecided } = await mountButtons();
    notification.add.mockImplementation(() => {
      events.push("notified");
      return () => undefined;
    });
    onDecided.mockImplementation(async () => {
      events.push(`refreshed, ${dialog.open.length} dialog open`);
    });
    const element = await openDialog(target, "approve");
    fireEvent.click(confirmButton(element));
    await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
    expect(events).toEqual(["notified", "refreshed, 0 dialog open"]);
  });
});
