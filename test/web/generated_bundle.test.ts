// The committed output itself (addon_ops_harmony/static/src/generated), loaded the way Odoo would
// use it: luxon as a global, @odoo/owl, @web/* and @mail/* as modules (the jest stubs), the generated
// templates. `npm run check:generated` makes sure these files match web_src.
import { loadBundle } from "@web/core/assets";
import { registry } from "@web/core/registry";
import * as luxon from "luxon";
import fs from "node:fs";
import path from "node:path";
import { Activity } from "@mail/core/web/activity";
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { fireEvent, screen, waitFor, within } from "@testing-library/dom";
import type { ApprovalButtons as ApprovalButtonsClass } from "../../web_src/src/approval_activity/approval_buttons";
import type { ConfigureButton as ConfigureButtonClass } from "../../web_src/src/configurator/configure_button";
import type { LazyReviewScreen as LazyReviewScreenClass } from "../../web_src/src/ai_review/lazy_review";
import { AI_REVIEW_MODULE } from "../../web_src/src/ai_review/lazy_names";
import type { ControlRoom as ControlRoomClass } from "../../web_src/src/control_room/control_room";
import type { SlaCountdown as SlaCountdownClass } from "../../web_src/src/sla_countdown/sla_countdown";
import { makeActivity, makeApprovalServices } from "./helpers/approval";
import { registerCleanup } from "./helpers/cleanup";
import { mountComponent, REPO_ROOT } from "./helpers/owl";
import { makeActionService, makeCallOrmService, makeNotificationService, makeOrmService } from "./helpers/services";
import { applyTemplateExtensions } from "./helpers/template_inheritance";

const GENERATED = path.join(REPO_ROOT, "addon_ops_harmony/static/src/generated");

interface Bundle {
  ApprovalButtons: typeof ApprovalButtonsClass;
  ConfigureButton: typeof ConfigureButtonClass;
  ControlRoom: typeof ControlRoomClass;
  SlaCountdown: typeof SlaCountdownClass;
}

/** The generated bundle, with the global luxon Odoo's web/static/lib/luxon/luxon.js defines. */
function requireBundle(): Bundle {
  const scope = globalThis as { luxon?: unknown };
  scope.luxon = luxon;
  registerCleanup(() => {
    delete scope.luxon;
  });
  return jest.requireActual<Bundle>(path.join(GENERATED, "ops_harmony.bundle.js"));
}

function generatedTemplates(): string {
  return fs.readFileSync(path.join(GENERATED, "ops_harmony.templates.xml"), "utf8");
}

test("01 the generated bundle registers the client action, which mounts with the generated templates", async () => {
  const bundle = requireBundle();

  const actions = registry.category("actions");
  expect(actions.contains("addon_ops_harmony.control_room")).toBe(true);
  const Registered = actions.get("addon_ops_harmony.control_room") as typeof ControlRoomClass;
  expect(Registered).toBe(bundle.ControlRoom);

  const orm = makeOrmService(() => 4);
  const action = makeActionService();
  const { target } = await mountComponent(Registered, { services: { orm, action }, templates: generatedTemplates() });

  expect(target.querySelectorAll(".o_ops_harmony_control_room .o_ops_harmony_card")).toHaveLength(5);
  expect(screen.getByRole("button", { name: "4 Leads waiting in queues" })).toBeTruthy();
  expect(screen.getByRole("button", { name: "4 Leads to qualify" })).toBeTruthy();
  expect(orm.searchCount).toHaveBeenCalledWith("mail.activity", [
    ["user_id", "=", 2],
    ["date_deadline", "<", luxon.DateTime.now().toFormat("yyyy-MM-dd")],
  ]);
});

test("02 the generated bundle registers the SLA countdown field widget, which renders with the generated templates", async () => {
  const bundle = requireBundle();

  const fields = registry.category("fields");
  expect(fields.contains("ops_sla_countdown")).toBe(true);
  const descriptor = fields.get("ops_sla_countdown") as { component: typeof SlaCountdownClass; supportedTypes: string[] };
  expect(descriptor.component).toBe(bundle.SlaCountdown);
  expect(descriptor.supportedTypes).toEqual(["datetime"]);

  const now = luxon.DateTime.fromISO("2025-03-14T10:30:00");
  const settingsNow = luxon.Settings.now;
  luxon.Settings.now = () => now.toMillis();
  registerCleanup(() => {
    luxon.Settings.now = settingsNow;
  });
  const deadline = now.plus({ hours: 2, minutes: 5 });
  const record = { data: { ops_sla_deadline: deadline, ops_sla_state: "running" } };
  const { target } = await mountComponent(descriptor.component, {
    services: {},
    props: { record, name: "ops_sla_deadline", readonly: true },
    templates: generatedTemplates(),
  });

  const element = target.querySelector<HTMLElement>(".o_ops_harmony_sla_countdown");
  expect(element?.dataset.state).toBe("running");
  expect(element?.textContent).toBe("2 h 05 min left");
});

test("03 the generated bundle patches mail's activity popover, which shows the buttons with the generated templates", async () => {
  const bundle = requireBundle();
  expect(ActivityListPopoverItem.components.ApprovalButtons).toBe(bundle.ApprovalButtons);
  expect(Activity.components.ApprovalButtons).toBe(bundle.ApprovalButtons);

  const mailTemplates = fs.readFileSync(path.join(REPO_ROOT, "test/web/fixtures/mail_templates.xml"), "utf8");
  const templates = applyTemplateExtensions(mailTemplates, generatedTemplates());
  const { services, orm } = makeApprovalServices({ templates });
  const onActivityChanged = jest.fn();
  const { target } = await mountComponent(ActivityListPopoverItem, {
    services,
    props: { activity: makeActivity(), onActivityChanged },
    templates,
  });

  fireEvent.click(within(target).getByRole("button", { name: "Approve" }));
  const dialog = await screen.findByRole("dialog", { name: "Approve APR/0042" });
  fireEvent.click(within(dialog).getByRole("button", { name: "Approve" }));
  await waitFor(() => expect(onActivityChanged).toHaveBeenCalledTimes(1));
  expect(orm.call).toHaveBeenCalledWith("ops.approval.request", "action_approve", [[42]], { rationale: "" });
});

test("04 the generated bundle registers the Configure button of quote lines, which renders with the generated templates", async () => {
  const bundle = requireBundle();

  const fields = registry.category("fields");
  const descriptor = fields.get("ops_config_button") as { component: typeof ConfigureButtonClass; supportedTypes: string[] };
  expect(descriptor.component).toBe(bundle.ConfigureButton);
  expect(descriptor.supportedTypes).toEqual(["many2one"]);

  const record = { resId: 12, data: { ops_config_ruleset_id: { id: 4, display_name: "Doors" }, product_id: { id: 5 } } };
  const { target } = await mountComponent(descriptor.component, {
    services: { dialog: { add: jest.fn() } },
    props: { record, name: "ops_config_ruleset_id", readonly: true },
    templates: generatedTemplates(),
  });
  expect(within(target).getByRole("button", { name: "Configure" }).classList).toContain("o_ops_harmony_configure");
});

test("05 the review screen is a lazy bundle of its own: the backend bundle's action loads it, then mounts the screen", async () => {
  requireBundle();
  const main = fs.readFileSync(path.join(GENERATED, "ops_harmony.bundle.js"), "utf8");
  expect(main).not.toContain("// web_src/src/ai_review/review_screen.ts");
  expect(generatedTemplates()).not.toContain('t-name="addon_ops_harmony.AiReviewScreen"');
  const lazyTemplates = fs.readFileSync(path.join(GENERATED, "ops_harmony_ai_review.templates.xml"), "utf8");
  expect(lazyTemplates).toContain('t-name="addon_ops_harmony.AiReviewScreen"');

  const Action = registry.category("actions").get("addon_ops_harmony.ai_review") as typeof LazyReviewScreenClass;
  // what loadBundle does in Odoo: the lazy bundle's module is defined, its exports in odoo.loader
  const modules = new Map<string, unknown>();
  (globalThis as { odoo?: unknown }).odoo = { loader: { modules } };
  (loadBundle as jest.Mock).mockImplementationOnce(async () => {
    modules.set(AI_REVIEW_MODULE, jest.requireActual(path.join(GENERATED, "ops_harmony_ai_review.bundle.js")));
    return [];
  });
  const payload = {
    id: 42,
    name: "Seats",
    state: "done",
    state_label: "Done",
    document_type: { code: "inbound_request", name: "Inbound request" },
    kind: "email",
    attachment: null,
    sender: null,
    text: "We want 40 seats.",
    pages: [],
    fields: [],
    class: null,
    lines: [],
    checks: [],
    min_confidence: 1,
    review_first: false,
    review_first_below: 0.8,
    vendor: null,
    company_id: 1,
    can_confirm: false,
  };
  const orm = makeCallOrmService(() => payload);
  const services = { orm, action: makeActionService(), notification: makeNotificationService() };
  const { target } = await mountComponent(Action, {
    services,
    props: { action: { params: { job_id: 42 } } },
    templates: lazyTemplates,
  });
  expect(loadBundle).toHaveBeenCalledWith("addon_ops_harmony.assets_ai_review");
  // the lazy bundle registers nothing: web_src/src/index.ts is the only file that does
  expect(registry.category("lazy_components").getAll()).toEqual([]);
  await waitFor(() => expect(target.querySelector(".o_ops_ai_review_title")?.textContent).toBe("Seats"));
  expect(orm.call).toHaveBeenCalledWith("ops.ai.job", "review_payload", [[42]]);
});
