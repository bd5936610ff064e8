import { registry } from "@web/core/registry";

// A support agent tags a case Billing: the invoice review opens by itself with the invoice the case
// mentions; the agent confirms the case summary, proposes the credit note and asks finance.
registry.category("web_tour.tours").add("addon_ops_harmony_support_billing", {
  steps: () => [
    {
      content: "Tag the case Billing",
      trigger: ".o_form_renderer .o_field_widget[name='tag_ids'] input",
      run: "edit Billing",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Billing')",
      run: "click",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "Read the proposed case summary",
      trigger: ".o_notebook .nav-link:contains('Case summary')",
      run: "click",
    },
    {
      content: "It names the invoice the customer wrote about",
      trigger: ".o_field_widget[name='ops_case_summary'] textarea:value(/Mentions: /)",
    },
    {
      content: "Confirm the summary",
      trigger: "button[name='action_ops_confirm_summary']",
      run: "click",
    },
    {
      content: "Open the invoice review the tag opened",
      trigger: ".o_form_view:not(:has(button[name='action_ops_confirm_summary'])) button[name='action_ops_open_invoice_reviews']",
      run: "click",
    },
    {
      content: "Open it",
      trigger: ".o_list_renderer .o_data_row:first-child .o_data_cell",
      run: "click",
    },
    {
      content: "The mentioned invoice is the one to credit",
      trigger: ".o_field_widget[name='invoice_ref']:contains('INV/')",
    },
    {
      content: "Propose the credit note",
      trigger: "button[name='action_propose_credit_note']",
      run: "click",
    },
    {
      content: "Ask finance",
      trigger: "button[name='action_ask_finance']",
      run: "click",
    },
    {
      content: "Finance is asked",
      trigger: ".o_notification:contains('Fran Finance')",
    },
  ],
});
