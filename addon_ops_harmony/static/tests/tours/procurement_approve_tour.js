import { registry } from "@web/core/registry";

// The requester's manager, with no purchase or Operations rights, approves the request from the
// activity clock, with a rationale; the purchase order follows on the server.
registry.category("web_tour.tours").add("addon_ops_harmony_procurement_approve", {
  url: "/odoo",
  steps: () => [
    {
      content: "Open my activities",
      trigger: ".o_menu_systray i[aria-label='Activities']",
      run: "click",
    },
    {
      content: "The approval shows what is bought",
      trigger: ".o_ops_harmony_systray_approval:contains('Laptops and docking stations')",
    },
    {
      content: "Approve from the activity clock",
      trigger: ".o_ops_harmony_systray_approval .o_ops_harmony_approval_approve",
      run: "click",
    },
    {
      content: "Say why",
      trigger: ".modal textarea.o_ops_harmony_approval_rationale",
      run: "edit Needed for the new support hires",
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
