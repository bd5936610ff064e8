import { registry } from "@web/core/registry";

// The salesperson opens the renewal of a subscription: the quote carries the customer's risk and
// summary, and its carried-over discount makes Confirm ask an Ops Approver.
registry.category("web_tour.tours").add("addon_ops_harmony_renewal", {
  steps: () => [
    {
      content: "Open the Renewal tab",
      trigger: ".o_notebook .nav-link:contains('Renewal')",
      run: "click",
    },
    {
      content: "Open the renewal now",
      trigger: "button[name='action_ops_open_renewal']",
      run: "click",
    },
    {
      content: "On the renewal quote, open its Renewal tab",
      trigger:
        ".o_form_view:has(.o_statusbar_status .o_arrow_button_current:contains('Quotation')) .o_notebook .nav-link:contains('Renewal')",
      run: "click",
    },
    {
      content: "The risk says why",
      trigger: ".o_field_widget[name='ops_renewal_risk_note']:contains('touchpoint')",
    },
    {
      content: "The carried-over discount is named",
      trigger: ".o_field_widget[name='ops_renewal_deviations']:contains('discount')",
    },
    {
      content: "Confirm the renewal",
      trigger: ".o_statusbar_buttons button[name='action_confirm']:not(.d-none)",
      run: "click",
    },
    {
      content: "An Ops Approver is asked",
      trigger: ".o_notification:contains('Ari Approver')",
    },
  ],
});
