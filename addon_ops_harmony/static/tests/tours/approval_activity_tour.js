import { registry } from "@web/core/registry";

// An approver without Sales rights opens the activity clock, reads what the quote's approval is
// about in the Approvals group (its snapshot) and approves it there, with a rationale.
registry.category("web_tour.tours").add("addon_ops_harmony_approval_activity", {
  url: "/odoo",
  steps: () => [
    {
      content: "The approval counts on the activity clock, although it is due in three days",
      trigger: ".o_menu_systray .o-mail-ActivityMenu-counter:contains('1')",
    },
    {
      content: "Open my activities",
      trigger: ".o_menu_systray i[aria-label='Activities']",
      run: "click",
    },
    {
      content: "The approval shows what it is about: the customer, from the request's snapshot",
      trigger: ".o_ops_harmony_systray_approval .o_ops_harmony_systray_snapshot td:contains('Tour Approval Customer')",
    },
    {
      content: "and why its tier",
      trigger: ".o_ops_harmony_systray_approval:contains('Why this tier')",
    },
    {
      content: "Approve from the activity clock",
      trigger: ".o_ops_harmony_systray_approval .o_ops_harmony_approval_approve",
      run: "click",
    },
    {
      content: "Say why",
      trigger: ".modal textarea.o_ops_harmony_approval_rationale",
      run: "edit Margin is fine for a first order",
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
