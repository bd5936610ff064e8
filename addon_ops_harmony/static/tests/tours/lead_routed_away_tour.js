import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A salesperson who sees only their own leads types one that routing gives to a colleague: the
// save ends on the saved lead with a message saying where it went, never on an access error.
registry.category("web_tour.tours").add("addon_ops_harmony_lead_routed_away", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      content: "Open the Operations app",
      trigger: ".o_app[data-menu-xmlid='addon_ops_harmony.ops_harmony_menu_root']",
      run: "click",
    },
    {
      content: "Open the leads to qualify",
      trigger: ".o_ops_harmony_card[data-card='leads'] .o_ops_harmony_card_count:contains(/^\\d+$/)",
      run: "click",
    },
    {
      content: "Create a lead",
      trigger: ".o_list_view .o_list_button_add",
      run: "click",
    },
    {
      content: "Name it",
      trigger: ".o_form_view .o_field_widget[name=name] textarea, .o_form_view .o_field_widget[name=name] input",
      run: "edit Tour: lead for a colleague",
    },
    {
      content: "Leave the owner to the routing rules",
      trigger: ".o_field_widget[name=user_id] input",
      run: "clear",
    },
    {
      content: "Open the intake tab",
      trigger: ".o_notebook .nav-link:contains('Intake')",
      run: "click",
    },
    {
      content: "Type the country as the visitor did",
      trigger: ".o_field_widget[name=ops_country_input] input",
      run: "edit belgium",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "The message says who got the lead",
      trigger: ".o_notification:contains('Routed to Tour Rita, Tour Away EMEA')",
    },
    {
      content: "The form shows the saved lead, with its new owner",
      trigger: ".o_form_saved .o_field_widget[name=user_id] input:value(Tour Rita)",
    },
    {
      content: "No error dialog came up",
      trigger: "body:not(:has(.o_error_dialog))",
    },
  ],
});
