import { registry } from "@web/core/registry";

// A requester asks for laptops from the Procurement menu: the spend category is proposed, they
// confirm it, and Order sends the request to their manager (4,500 is above the first threshold).
registry.category("web_tour.tours").add("addon_ops_harmony_procurement_request", {
  url: "/odoo/action-addon_ops_harmony.ops_procurement_request_action",
  steps: () => [
    {
      content: "New request",
      trigger: ".o_control_panel .o_list_button_add",
      run: "click",
    },
    {
      content: "Say what",
      trigger: ".o_form_renderer [name='description'] input",
      run: "edit Laptops and docking stations for the support team",
    },
    {
      content: "How many",
      trigger: ".o_form_renderer [name='quantity'] input",
      run: "edit 5",
    },
    {
      content: "At what price",
      trigger: ".o_form_renderer [name='unit_price'] input",
      run: "edit 900",
    },
    {
      content: "From which vendor",
      trigger: ".o_form_renderer [name='vendor_id'] input",
      run: "edit Bureau Lumi",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Bureau Lumière SA')",
      run: "click",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "The spend category is proposed from the words of the request",
      trigger: ".o_form_renderer [name='proposed_category_id']:contains('IT hardware')",
    },
    {
      content: "Confirm it",
      trigger: ".o_statusbar_buttons button[name='action_confirm_category']",
      run: "click",
    },
    {
      content: "Order",
      trigger: ".o_statusbar_buttons button[name='action_submit']",
      run: "click",
    },
    {
      content: "The click says who approves",
      trigger: ".o_notification:contains('Max Manager')",
    },
    {
      content: "The request shows it waits for approval",
      trigger: ".o_form_view .alert-warning:contains('Waiting for approval'):contains('Max Manager')",
    },
  ],
});
