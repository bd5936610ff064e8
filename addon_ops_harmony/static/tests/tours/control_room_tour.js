import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const CARDS = ["leads", "opportunities", "quotations", "overdue_activities", "queued_leads"];

// Opens Operations > Control room from the home menu, checks that the TypeScript bundle
// rendered a live count on every card, and follows the leads card to its list.
registry.category("web_tour.tours").add("addon_ops_harmony_control_room", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      content: "Open the Operations app",
      trigger: ".o_app[data-menu-xmlid='addon_ops_harmony.ops_harmony_menu_root']",
      run: "click",
    },
    ...CARDS.map((card) => ({
      content: `The ${card} card shows a numeric count`,
      trigger: `.o_ops_harmony_control_room .o_ops_harmony_card[data-card='${card}'] .o_ops_harmony_card_count:contains(/^\\d+$/)`,
    })),
    {
      content: "Open the leads behind the count",
      trigger: ".o_ops_harmony_card[data-card='leads']",
      run: "click",
    },
    {
      content: "The list shows the lead the test created",
      trigger: ".o_list_view .o_data_row:contains('Ops Harmony tour lead')",
    },
  ],
});
