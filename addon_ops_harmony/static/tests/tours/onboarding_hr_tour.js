import { registry } from "@web/core/registry";

// HR sets a new hire's contract start date: the onboarding starts at once with its checklist, and
// HR asks for the role's access, which waits for an Ops Manager.
registry.category("web_tour.tours").add("addon_ops_harmony_onboarding_hr", {
  steps: () => [
    {
      content: "Open the Payroll tab",
      trigger: ".o_notebook .nav-link:contains('Payroll')",
      run: "click",
    },
    {
      content: "Set the contract start date",
      trigger: ".o_field_widget[name='contract_date_start'] input",
      run: "edit 01/04/2027",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "Open the onboarding it started",
      trigger: "button[name='action_ops_open_onboarding']",
      run: "click",
    },
    {
      content: "The checklist says which documents are missing",
      trigger: ".alert-warning:contains('Missing documents'):contains('Signed contract')",
    },
    {
      content: "IT's account item is on the checklist",
      trigger: ".o_field_widget[name='item_ids'] .o_data_row:contains('HubSpot')",
    },
    {
      content: "Open the access requested for the role",
      trigger: ".o_notebook .nav-link:contains('Access')",
      run: "click",
    },
    {
      content: "Grant it",
      trigger: ".o_field_widget[name='access_request_ids'] button[name='action_submit']",
      run: "click",
    },
    {
      content: "An Ops Manager is asked first",
      trigger: ".o_notification:contains('Omar Ops Manager')",
    },
  ],
});
