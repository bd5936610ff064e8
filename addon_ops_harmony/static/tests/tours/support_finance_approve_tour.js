import { registry } from "@web/core/registry";

// Finance, without accounting rights, approves the credit note from the activity clock.
registry.category("web_tour.tours").add("addon_ops_harmony_support_finance_approve", {
  url: "/odoo",
  steps: () => [
    {
      content: "Open my activities",
      trigger: ".o_menu_systray i[aria-label='Activities']",
      run: "click",
    },
    {
      content: "The approval shows the customer of the credit note",
      trigger: ".o_ops_harmony_systray_approval:contains('Hooli Support Customer')",
    },
    {
      content: "Approve from the activity clock",
      trigger: ".o_ops_harmony_systray_approval .o_ops_harmony_approval_approve",
      run: "click",
    },
    {
      content: "Say why",
      trigger: ".modal textarea.o_ops_harmony_approval_rationale",
      run: "edit Duplicate charge confirmed in the bank statement",
    },
    {
      content: "Confirm the approval",
      trigger: ".modal .o_ops_harmony_approval_confirm",
      run: "click",
    },
    {
      content: "The request is approved",
      trigger: ".o_notification:contains('approved')",
    },
  ],
});
