// The one glue point between the components and Odoo: registries are touched here and only here,
// so everything under web_src/src stays importable and testable without Odoo.
import { registry } from "@web/core/registry";
import { ControlRoom } from "./control_room/control_room";
import { SlaCountdown, slaCountdownField } from "./sla_countdown/sla_countdown";

// client action tag: an ir.actions.client record with tag="addon_ops_harmony.control_room" opens it
registry.category("actions").add("addon_ops_harmony.control_room", ControlRoom);

// field widget: <field name="ops_sla_deadline" widget="ops_sla_countdown"/> on crm.lead
registry.category("fields").add("ops_sla_countdown", slaCountdownField);

// Odoo names this module "@addon_ops_harmony/generated/ops_harmony.bundle"; the exports let
// Odoo-side code and tests reach the components. (An ES module needs at least one export for
// esbuild to keep it ES: package.json says "type": "commonjs".)
export { ControlRoom, SlaCountdown, slaCountdownField };
