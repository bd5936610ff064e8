import { registry } from "@web/core/registry";

// The Ops Manager approves the new hire's access from the activity clock.
registry.category("web_tour.tours").add("addon_ops_harmony_onboarding_approve", {
  url: "/odoo",
  steps: () => [
    {
      content: "Open my activities",
      trigger: ".o_menu_systray i[aria-label='Activities']",
      run: "click",
    },
    {
      content: "The approval shows who gets which groups",
      trigger: ".o_ops_harmony_systray_approval:contains('t_onbt_newbie')",
    },
    {
      content: "Approve from the activity clock",
      trigger: ".o_ops_harmony_systray_approval .o_ops_harmony_approval_approve",
      run: "click",
    },
    {
      content: "Say why",
      trigger: ".modal textarea.o_ops_harmony_approval_rationale",
      run: "edit Role confirmed by the hiring manager",
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
