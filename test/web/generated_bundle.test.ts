// The committed output itself (addon_ops_harmony/static/src/generated), loaded the way Odoo would
// use it: luxon as a global, @odoo/owl and @web/* as modules (the jest stubs), the generated
// templates. `npm run check:generated` makes sure these files match web_src.
import { registry } from "@web/core/registry";
import { screen } from "@testing-library/dom";
import * as luxon from "luxon";
import fs from "node:fs";
import path from "node:path";
import type { ControlRoom as ControlRoomClass } from "../../web_src/src/control_room/control_room";
import { registerCleanup } from "./helpers/cleanup";
import { mountComponent, REPO_ROOT } from "./helpers/owl";
import { makeActionService, makeOrmService } from "./helpers/services";

const GENERATED = path.join(REPO_ROOT, "addon_ops_harmony/static/src/generated");

test("01 the generated bundle registers the client action, which mounts with the generated templates", async () => {
    const scope = globalThis as { luxon?: unknown };
    scope.luxon = luxon; // Odoo's web/static/lib/luxon/luxon.js defines this global
    registerCleanup(() => {
        delete scope.luxon;
    });
    const bundle = jest.requireActual<{ ControlRoom: typeof ControlRoomClass }>(
        path.join(GENERATED, "ops_harmony.bundle.js"),
    );

    const actions = registry.category("actions");
    expect(actions.contains("addon_ops_harmony.control_room")).toBe(true);
    const Registered = actions.get("addon_ops_harmony.control_room") as typeof ControlRoomClass;
    expect(Registered).toBe(bundle.ControlRoom);

    const orm = makeOrmService(() => 4);
    const action = makeActionService();
    const templates = fs.readFileSync(path.join(GENERATED, "ops_harmony.templates.xml"), "utf8");
    const { target } = await mountComponent(Registered, { services: { orm, action }, templates });

    expect(target.querySelectorAll(".o_ops_harmony_control_room .o_ops_harmony_card")).toHaveLength(4);
    expect(screen.getByRole("button", { name: "4 Leads to qualify" })).toBeTruthy();
    expect(orm.searchCount).toHaveBeenCalledWith("mail.activity", [
        ["user_id", "=", 2],
        ["date_deadline", "<", luxon.DateTime.now().toFormat("yyyy-MM-dd")],
    ]);
});
