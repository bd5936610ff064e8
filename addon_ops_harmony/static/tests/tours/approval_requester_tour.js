import { registry } from "@web/core/registry";

// A salesperson confirms a quote whose discount needs approval: the click tells them who approves,
// and the quote shows that it waits, then they withdraw the request.
registry.category("web_tour.tours").add("addon_ops_harmony_approval_requester", {
  steps: () => [
    {
      content: "Confirm the discounted quote",
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']:not(.d-none)",
      run: "click",
    },
    {
      content: "The click says who approves, not an error",
      trigger: ".o_notification:contains('Sent for approval'):contains('Tour Approver')",
    },
    {
      content: "The quote shows it waits for the approver",
      trigger: ".o_ops_approval_banner:contains('Waiting for approval'):contains('Tour Approver')",
    },
    {
      content: "The quote is still a quotation",
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Quotation')",
    },
    {
      content: "Withdraw the request",
      trigger: ".o_ops_approval_banner button[name='action_ops_withdraw_approval']",
      run: "click",
    },
    {
      content: "The quote no longer waits",
      trigger: ".o_form_view:not(:has(.o_ops_approval_banner:visible))",
    },
  ],
});
