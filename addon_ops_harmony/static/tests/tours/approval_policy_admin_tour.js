import { registry } from "@web/core/registry";

// An Ops Manager sets up "sales orders over 50,000 need a manager's approval" from scratch: the
// model and its Confirm button are picked from lists, the condition is built in the domain editor
// (no method name, no Python typed), the policy is tried on a quote, then published.
registry.category("web_tour.tours").add("addon_ops_harmony_approval_policy_admin", {
  url: "/odoo/action-addon_ops_harmony.ops_approval_policy_action",
  steps: () => [
    {
      content: "New policy",
      trigger: ".o_control_panel .o_list_button_add",
      run: "click",
    },
    {
      content: "Name it",
      trigger: ".o_form_renderer .oe_title [name='name'] input",
      run: "edit Orders over 50,000",
    },
    {
      content: "Pick the model",
      trigger: ".o_form_renderer [name='model_id'] input",
      run: "edit Sales Order",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Sales Order'):not(:contains('Line'))",
      run: "click",
    },
    {
      content: "Pick the button it guards, from the model's own buttons",
      trigger: ".o_form_renderer [name='button_id'] input",
      run: "click",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Confirm (action_confirm)')",
      run: "click",
    },
    {
      content: "Build the condition: a new rule",
      trigger: ".o_form_renderer [name='domain'] .o_tree_editor_row:contains(New Rule) > a",
      run: "click",
    },
    {
      content: "on the order's total",
      trigger: ".o_form_renderer [name='domain'] .o_model_field_selector",
      run: "click",
    },
    {
      trigger: ".o_model_field_selector_popover .o_model_field_selector_popover_search input",
      run: "edit Total",
    },
    {
      trigger: ".o_model_field_selector_popover li[data-name='amount_total'] button",
      run: "click",
    },
    {
      content: "greater than",
      trigger: ".o_form_renderer [name='domain'] .o_tree_editor_editor select",
      run: "selectByLabel greater than",
    },
    {
      content: "50,000",
      trigger: ".o_form_renderer [name='domain'] .o_tree_editor_editor input",
      run: "edit 50000",
    },
    {
      content: "Who approves: the Approval steps tab",
      trigger: ".o_notebook a:contains('Approval steps')",
      run: "click",
    },
    {
      trigger: ".o_form_renderer [name='step_ids'] .o_field_x2many_list_row_add a",
      run: "click",
    },
    {
      trigger: ".o_form_renderer [name='step_ids'] .o_selected_row [name='name'] input",
      run: "edit Sales manager",
    },
    {
      trigger: ".o_form_renderer [name='step_ids'] .o_selected_row [name='user_ids'] input",
      run: "edit Tour Approver",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour Approver')",
      run: "click",
    },
    {
      content: "Save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      trigger: ".o_form_saved",
    },
    {
      content: "Test this policy on a quote",
      trigger: ".o_form_statusbar button[name='action_open_test']",
      run: "click",
    },
    {
      trigger: ".modal [name='res_id'] input",
      run: "edit Tour big quote",
    },
    {
      trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains('Tour big quote')",
      run: "click",
    },
    {
      content: "It says the tier and who would approve",
      trigger: ".modal .o_ops_harmony_policy_test_verdict:contains('Tour Approver')",
    },
    {
      trigger: ".modal .modal-footer button:contains('Close')",
      run: "click",
    },
    {
      content: "Publish",
      trigger: ".o_form_statusbar button[name='action_publish']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Published')",
    },
  ],
});
