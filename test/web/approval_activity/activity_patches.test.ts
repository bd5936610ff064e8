// The patches of mail's activity components, on jest stand-ins of those components
// (test/web/stubs/mail) whose templates (test/web/fixtures/mail_templates.xml) carry the anchors
// the web_src extensions use; the extensions are applied the way Odoo applies them.
import { fireEvent, screen, waitFor, within } from "@testing-library/dom";
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import fs from "node:fs";
import path from "node:path";
import { installApprovalActivityPatches } from "../../../web_src/src/approval_activity/activity_patches";
import { ApprovalButtons } from "../../../web_src/src/approval_activity/approval_buttons";
import { approveFrom, makeActivity, makeApproval, makeApprovalServices } from "../helpers/approval";
import { registerCleanup } from "../helpers/cleanup";
import { getTemplates, mountComponent, REPO_ROOT } from "../helpers/owl";
import { applyTemplateExtensions } from "../helpers/template_inheritance";

const MAIL_TEMPLATES = fs.readFileSync(path.join(REPO_ROOT, "test/web/fixtures/mail_templates.xml"), "utf8");

/** mail's templates with the addon's extensions applied, plus the addon's own templates */
function templatesWithExtensions(): string {
  return applyTemplateExtensions(MAIL_TEMPLATES, getTemplates());
}

function install(): void {
  registerCleanup(installApprovalActivityPatches());
}

/** Mounts the chatter's activity component for `activity`, with the chatter's callbacks as mocks. */
async function mountChatterActivity(activity = makeActivity()) {
  const templates = templatesWithExtensions();
  const env = makeApprovalServices({ templates });
  const onActivityChanged = jest.fn();
  const reloadParentView = jest.fn(async () => undefined);
  const mounted = await mountComponent(Activity, {
    services: env.services,
    props: { activity, onActivityChanged, reloadParentView },
    templates,
  });
  return { ...mounted, ...env, onActivityChanged, reloadParentView };
}

/** Mounts one item of the activity popover for `activity`, with the view's callback as a mock. */
async function mountPopoverItem(activity = makeActivity()) {
  const templates = templatesWithExtensions();
  const env = makeApprovalServices({ templates });
  const onActivityChanged = jest.fn();
  const mounted = await mountComponent(ActivityListPopoverItem, {
    services: env.services,
    props: { activity, onActivityChanged },
    templates,
  });
  return { ...mounted, ...env, onActivityChanged };
}

test("01 the patches are not applied on import, only by installApprovalActivityPatches()", () => {
  expect(Activity.components).not.toHaveProperty("ApprovalButtons");
  expect(ActivityListPopoverItem.components).not.toHaveProperty("ApprovalButtons");
  expect("onOpsApprovalDecided" in Activity.prototype).toBe(false);

  const unpatch = installApprovalActivityPatches();
  expect(Activity.components.ApprovalButtons).toBe(ApprovalButtons);
  expect(ActivityListPopoverItem.components.ApprovalButtons).toBe(ApprovalButtons);
  expect(typeof (Activity.prototype as unknown as Record<string, unknown>).onOpsApprovalDecided).toBe("function");
  expect(typeof (ActivityListPopoverItem.prototype as unknown as Record<string, unknown>).onOpsApprovalDecided).toBe("function");

  unpatch();
  expect(Activity.components).not.toHaveProperty("ApprovalButtons");
  expect(ActivityListPopoverItem.components).not.toHaveProperty("ApprovalButtons");
  expect("onOpsApprovalDecided" in Activity.prototype).toBe(false);
  expect("onOpsApprovalDecided" in ActivityListPopoverItem.prototype).toBe(false);
});

test("02 chatter: the buttons sit before the activity's tools, only on an actionable approval", async () => {
  install();
  const { target } = await mountChatterActivity();
  const buttons = target.querySelector(".o-mail-Activity .o_ops_harmony_approval_buttons");
  expect(buttons?.nextElementSibling?.classList).toContain("o-mail-Activity-tools");
  expect(within(target).getByRole("button", { name: "Approve" })).toBeTruthy();
  expect(within(target).getByRole("button", { name: "Reject" })).toBeTruthy();
  // Done without a decision would leave the step undecided: approval activities have no Mark Done
  expect(within(target).queryByRole("button", { name: "Mark Done" })).toBeNull();

  // an approver who may not edit the activity still gets them: the server decides who may act
  const readonly = await mountChatterActivity(makeActivity(makeApproval(), { can_write: false }));
  expect(readonly.target.querySelectorAll(".o_ops_harmony_approval_approve")).toHaveLength(1);

  const plain = await mountChatterActivity(makeActivity(false));
  expect(plain.target.querySelector(".o_ops_harmony_approval_buttons")).toBeNull();
  expect(within(plain.target).getByRole("button", { name: "Mark Done" })).toBeTruthy();

  const notMine = await mountChatterActivity(makeActivity(makeApproval({ can_act: false })));
  expect(notMine.target.querySelector(".o_ops_harmony_approval_buttons")).toBeNull();
  expect(within(notMine.target).queryByRole("button", { name: "Mark Done" })).toBeNull();
});

test("03 chatter: after a decision, the thread, its messages and the record are reloaded", async () => {
  install();
  const { target, orm, store, onActivityChanged, reloadParentView } = await mountChatterActivity();
  await approveFrom(target, "Within budget");

  await waitFor(() => expect(reloadParentView).toHaveBeenCalledTimes(1));
  expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_approve", [[42]], { rationale: "Within budget" });
  const thread = store.threads.get("sale.order,7");
  expect(store.Thread.insert).toHaveBeenCalledWith({ model: "sale.order", id: 7 });
  expect(onActivityChanged).toHaveBeenCalledTimes(1);
  expect(onActivityChanged).toHaveBeenCalledWith(thread);
  expect(thread?.fetchNewMessages).toHaveBeenCalledTimes(1);
  // the user's other tabs reload that chatter too, as after "Mark Done"
  expect(store.activityBroadcastChannel.postMessage).toHaveBeenCalledWith({
    type: "RELOAD_CHATTER",
    payload: { id: 7, model: "sale.order" },
  });
});

test("04 popover: the buttons sit where the Mark Done panel opens, only on an actionable approval", async () => {
  install();
  const { target } = await mountPopoverItem();
  const item = target.querySelector(".o-mail-ActivityListPopoverItem");
  const buttons = item?.querySelector(":scope > .o_ops_harmony_approval_buttons");
  expect(buttons?.classList).toContain("mx-3");
  expect(within(target).getByRole("button", { name: "Approve" })).toBeTruthy();
  expect(within(target).getByRole("button", { name: "Reject" })).toBeTruthy();
  expect(within(target).queryByRole("button", { name: "Mark as done" })).toBeNull();
  const plain = await mountPopoverItem(makeActivity(false));
  expect(within(plain.target).getByRole("button", { name: "Mark as done" })).toBeTruthy();

  for (const activity of [
    makeActivity(false),
    makeActivity(makeApproval({ state: "expired" })),
    makeActivity(makeApproval(), { state: "done" }),
  ]) {
    const other = await mountPopoverItem(activity);
    expect(other.target.querySelector(".o-mail-ActivityListPopoverItem")).not.toBeNull();
    expect(other.target.querySelector(".o_ops_harmony_approval_buttons")).toBeNull();
  }
});

test("05 popover: after a decision the view is told, as after Done, so it reloads and closes the popover", async () => {
  install();
  const { target, orm, store, notification, onActivityChanged } = await mountPopoverItem(
    makeActivity(makeApproval({ request_id: 9, request_name: "APR/0009" }), { res_model: "account.move", res_id: 12 }),
  );
  fireEvent.click(within(target).getByRole("button", { name: "Reject" }));
  const dialog = await screen.findByRole("dialog");
  fireEvent.input(dialog.querySelector(".o_ops_harmony_approval_rationale") as HTMLElement, {
    target: { value: "Credit note not justified" },
  });
  fireEvent.click(dialog.querySelector(".o_ops_harmony_approval_confirm") as HTMLElement);

  await waitFor(() => expect(onActivityChanged).toHaveBeenCalledTimes(1));
  expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_reject", [[9]], {
    rationale: "Credit note not justified",
  });
  expect(notification.add).toHaveBeenCalledWith("Request APR/0009 rejected", { type: "success" });
  const thread = store.threads.get("account.move,12");
  expect(onActivityChanged).toHaveBeenCalledWith(thread);
  await waitFor(() => expect(thread?.fetchNewMessages).toHaveBeenCalledTimes(1));
  expect(store.activityBroadcastChannel.postMessage).toHaveBeenCalledWith({
    type: "RELOAD_CHATTER",
    payload: { id: 12, model: "account.move" },
  });
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
});

test("06 popover: the refresh still runs when the popover item is gone before the server answered", async () => {
  install();
  const { app, target, store, onActivityChanged } = await mountPopoverItem();
  await approveFrom(target, "");
  // the view closed the popover meanwhile (e.g. another record's activities were opened)
  app.destroy();

  await waitFor(() => expect(onActivityChanged).toHaveBeenCalledTimes(1));
  expect(store.threads.get("sale.order,7")?.fetchNewMessages).toHaveBeenCalledTimes(1);
});

test("07 the extensions fail loudly when mail's templates lose their anchors", () => {
  const withoutAnchors = MAIL_TEMPLATES.replace("o-mail-Activity-mailTemplates", "o-mail-Activity-other");
  expect(() => applyTemplateExtensions(withoutAnchors, getTemplates())).toThrow(
    "xpath //div[hasclass('o-mail-Activity-mailTemplates')] matches nothing in mail.Activity",
  );
});

test("08 index.ts, the glue module, installs the patches once", () => {
  // last in this file: what index.ts patches stays patched for the module registry of this file
  const index = jest.requireActual<typeof import("../../../web_src/src/index")>("../../../web_src/src/index");
  expect(index.ApprovalButtons).toBe(ApprovalButtons);
  expect(Activity.components.ApprovalButtons).toBe(ApprovalButtons);
  expect(ActivityListPopoverItem.components.ApprovalButtons).toBe(ApprovalButtons);
  expect(typeof (Activity.prototype as unknown as Record<string, unknown>).onOpsApprovalDecided).toBe("function");
  expect(typeof (ActivityListPopoverItem.prototype as unknown as Record<string, unknown>).onOpsApprovalDecided).toBe("function");
});
