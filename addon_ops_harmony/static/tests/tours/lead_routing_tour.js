import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A lead typed in by hand, with no salesperson, is normalized, routed on save and shows its SLA.
registry.category("web_tour.tours").add("addon_ops_harmony_lead_routing", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      content: "Open the Operations app",
      trigger: ".o_app[data-menu-xmlid='addon_ops_harmony.ops_harmony_menu_root']",
      run: "click",
    },
    {
      content: "Open the open opportunities behind the count",
      trigger: ".o_ops_harmony_card[data-card='opportunities'] .o_ops_harmony_card_count:contains(/^\\d+$/)",
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
      run: "edit Tour: Belgian robotics buyer",
    },
    {
      content: "Type the email as a web form would send it",
      trigger: ".o_field_widget[name=email_from] input",
      run: "edit   Tour.Buyer@Robotics.Example ",
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
      content: "The routing rule gave it an owner",
      trigger: ".o_form_saved .o_field_widget[name=user_id] input:value(Tour Router)",
    },
    {
      content: "The email was cleaned",
      trigger: ".o_field_widget[name=email_from] input:value(tour.buyer@robotics.example)",
    },
    {
      content: "The SLA clock is shown and running",
      trigger: ".o_ops_harmony_sla .o_field_widget[name=ops_sla_state]:contains('Running')",
    },
    {
      content: "The SLA counts down",
      trigger: ".o_ops_harmony_sla .o_ops_harmony_sla_countdown[data-state=running]:contains(/min left|h left/)",
    },
  ],
});
