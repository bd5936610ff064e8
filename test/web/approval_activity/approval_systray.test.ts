// The approver's pending approvals in the systray's activity clock: the list component on its own,
// and the patched ActivityMenu (a jest stand-in, test/web/stubs/mail) with the addon's extension
// applied the way Odoo applies it.
import { fireEvent, waitFor, within } from "@testing-library/dom";
import { ActivityMenu } from "@mail/core/web/activity_menu";
import fs from "node:fs";
import path from "node:path";
import { installApprovalActivityPatches, MY_APPROVALS_ACTION } from "../../../web_src/src/approval_activity/activity_patches";
import { ApprovalSystrayList, type SystrayApproval } from "../../../web_src/src/approval_activity/approval_systray";
import { approveFrom, makeApproval, makeApprovalServices } from "../helpers/approval";
import { registerCleanup } from "../helpers/cleanup";
import { getTemplates, mountComponent, REPO_ROOT } from "../helpers/owl";
import { makeActionService } from "../helpers/services";
import { applyTemplateExtensions } from "../helpers/template_inheritance";

const MAIL_TEMPLATES = fs.readFileSync(path.join(REPO_ROOT, "test/web/fixtures/mail_templates.xml"), "utf8");

/** A pending approval as res.users._get_activity_groups lists it; `overrides` change any field. */
function makeSystrayApproval(overrides: Partial<SystrayApproval> = {}): SystrayApproval {
  return {
    activity_id: 501,
    res_model: "sale.order",
    res_id: 7,
    request_id: 42,
    request_name: "APR/0042",
    document: "S00042",
    requested_by: "Sia Seller",
    requested_on: "12/04/2026 09:30",
    date_deadline: "2026-12-07",
    fields: [
      { label: "Customer", value: "Azure Interior" },
      { label: "Total", value: "$ 64,000.00" },
      { label: "Largest discount", value: "12.00 %" },
    ],
    tier_reasons: ["Above 50,000: High"],
    decisions: ["Ada Lead approved (Team lead): strategic customer"],
    ops_approval: makeApproval(),
    ...overrides,
  };
}

/** The patched activity clock with a group of leads and the Approvals group of one approval. */
async function mountActivityMenu() {
  registerCleanup(installApprovalActivityPatches());
  const templates = applyTemplateExtensions(MAIL_TEMPLATES, getTemplates());
  const env = makeApprovalServices({ templates });
  const action = makeActionService();
  env.services.action = action;
  env.store.activityGroups = [
    { id: 1, name: "Lead/Opportunity", model: "crm.lead", type: "activity" },
    { id: 2, name: "Approvals", model: "ops.approval.request", type: "activity", ops_approvals: [makeSystrayApproval()] },
  ];
  const mounted = await mountComponent(ActivityMenu, { services: env.services, props: {}, templates });
  return { ...mounted, ...env, action };
}

test("01 the list shows each approval's snapshot, why its tier, and the buttons", async () => {
  const templates = getTemplates();
  const env = makeApprovalServices({ templates });
  const onDecided = jest.fn();
  const onOpen = jest.fn();
  const second = makeSystrayApproval({
    activity_id: 502,
    request_id: 43,
    request_name: "APR/0043",
    decisions: [],
    ops_approval: makeApproval({ request_id: 43, request_name: "APR/0043", can_act: false }),
  });
  const { target } = await mountComponent(ApprovalSystrayList, {
    services: env.services,
    props: { approvals: [makeSystrayApproval(), second], onDecided, onOpen },
    templates,
  });
  const items = target.querySelectorAll<HTMLElement>(".o_ops_harmony_systray_approval");
  expect([...items].map((item) => item.dataset.request)).toEqual(["APR/0042", "APR/0043"]);
  const first = items[0] as HTMLElement;
  const rows = [...first.querySelectorAll(".o_ops_harmony_systray_snapshot tr")].map((row) =>
    [...row.children].map((cell) => cell.textContent?.trim()),
  );
  expect(rows).toEqual([
    ["Customer", "Azure Interior"],
    ["Total", "$ 64,000.00"],
    ["Largest discount", "12.00 %"],
  ]);
  expect(first.textContent).toContain("Why this tier: Above 50,000: High");
  expect([...first.querySelectorAll(".o_ops_harmony_systray_decisions li")].map((li) => li.textContent)).toEqual([
    "Ada Lead approved (Team lead): strategic customer",
  ]);
  expect(first.textContent).toContain("Requested by Sia Seller on 12/04/2026 09:30");
  expect(within(first).getByRole("button", { name: "Approve" })).toBeTruthy();
  // the server says this user may not act on the second one: no buttons, the snapshot still shows
  expect(items[1]?.querySelector(".o_ops_harmony_systray_decisions")).toBeNull();
  expect(within(items[1] as HTMLElement).queryByRole("button", { name: "Approve" })).toBeNull();

  fireEvent.click(within(first).getByRole("link", { name: "APR/0042" }));
  expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ request_id: 42 }));

  await approveFrom(first, "Margin still above target");
  await waitFor(() => expect(onDecided).toHaveBeenCalledTimes(1));
  expect(env.orm.call).toHaveBeenCalledWith("ops.approval.request", "action_approve", [[42]], {
    rationale: "Margin still above target",
  });
});

test("02 the patched activity clock lists approvals under their group only, and refreshes after a decision", async () => {
  const { target, store } = await mountActivityMenu();
  const groups = [...target.querySelectorAll<HTMLElement>(".o-mail-ActivityGroup")];
  expect(groups.map((group) => group.dataset.model_name)).toEqual(["crm.lead", "ops.approval.request"]);
  // the list sits right under the Approvals line, and nowhere else
  expect(groups[0]?.nextElementSibling?.classList.contains("o-mail-ActivityGroup")).toBe(true);
  const list = groups[1]?.nextElementSibling as HTMLElement;
  expect(list.classList).toContain("o_ops_harmony_systray_approvals");
  expect(target.querySelectorAll(".o_ops_harmony_systray_approval")).toHaveLength(1);

  await approveFrom(list, "Fine");
  await waitFor(() => expect(store.fetchStoreData).toHaveBeenCalledWith("systray_get_activities"));
});

test("03 the Approvals group opens My approvals; the others open as in Odoo", async () => {
  const { target, component, action } = await mountActivityMenu();
  const [leads, approvals] = [...target.querySelectorAll<HTMLElement>(".o-mail-ActivityGroup")] as HTMLElement[];
  fireEvent.click(approvals as HTMLElement);
  expect(action.doAction).toHaveBeenCalledWith(MY_APPROVALS_ACTION, { clearBreadcrumbs: true });
  expect((component as unknown as ActivityMenu & { openedByOdoo: unknown[] }).openedByOdoo).toEqual([]);
  fireEvent.click(leads as HTMLElement);
  expect((component as unknown as ActivityMenu & { openedByOdoo: unknown[] }).openedByOdoo).toEqual([["crm.lead", undefined]]);

  fireEvent.click(within(target).getByRole("link", { name: "APR/0042" }));
  expect(action.doAction).toHaveBeenLastCalledWith({
    type: "ir.actions.act_window",
    res_model: "ops.approval.request",
    res_id: 42,
    views: [[false, "form"]],
  });
});
