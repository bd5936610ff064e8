/* global document */
import { registry } from "@web/core/registry";

// A salesperson configures a door on a quote with the keyboard: the price follows the options, an
// extra discount over their limit shows that it needs approval, "Add to quote" (Enter) writes the
// line, and confirming sends the quote for approval.
const DIALOG = ".modal .o_ops_harmony_configurator";
const UNIT_PRICE = `${DIALOG} .o_ops_harmony_configurator_unit_price`;

/** Presses Tab until the input named `name` of the configurator has the focus (at most 40 times). */
async function tabTo(helpers, name) {
  for (let i = 0; i < 40 && document.activeElement?.name !== name; i++) {
    await helpers.press("Tab");
  }
  if (document.activeElement?.name !== name) {
    throw new Error(`Tab never reached the ${name} input`);
  }
}

/** Clears the focused number input with Backspace and types `text`, one key at a time. */
async function retype(helpers, text) {
  while (document.activeElement.value) {
    await helpers.press("Backspace");
  }
  for (const key of text) {
    await helpers.press(key);
  }
}

registry.category("web_tour.tours").add("addon_ops_harmony_configurator_quote", {
  steps: () => [
    {
      content: "Add a line to the quote",
      trigger: ".o_field_x2many_list_row_add a:contains('Add a product')",
      run: "click",
    },
    {
      content: "Choose the configurable door",
      trigger: ".o_selected_row div[name='product_template_id'] input",
      run: "edit Tour Door",
    },
    {
      trigger: "ul.ui-autocomplete a:contains('Tour Door')",
      run: "click",
    },
    {
      content: "The line offers Configure: its product has a rule set",
      trigger: ".o_data_row .o_ops_harmony_configure",
      run: "click",
    },
    {
      content: "The configurator opens with the focus on the first option",
      trigger: `${DIALOG} input[name='width']:focus`,
    },
    {
      content: "with the price of the default door",
      trigger: `${UNIT_PRICE}:contains('300.00')`,
    },
    {
      content: "Escape closes it",
      trigger: `${DIALOG} input[name='width']:focus`,
      run: "press Escape",
    },
    {
      content: "Nothing was added: the line is still there, unconfigured",
      trigger: "body:not(:has(.modal .o_ops_harmony_configurator)) .o_data_row .o_ops_harmony_configure",
      run: "click",
    },
    {
      content: "Type a width of 100 cm",
      trigger: `${DIALOG} input[name='width']:focus`,
      run: (helpers) => retype(helpers, "100"),
    },
    {
      content: "The price follows: pine from 90 cm",
      trigger: `${UNIT_PRICE}:contains('340.00')`,
    },
    {
      content: "Tab to Glazing and tick it with Space",
      trigger: `${DIALOG} input[name='glazing']:not(:checked)`,
      run: async (helpers) => {
        await tabTo(helpers, "glazing");
        await helpers.press(" ");
      },
    },
    {
      content: "The glass appears, and the pane is priced",
      trigger: `${DIALOG} [data-option='glass'] input:checked[value='clear']`,
    },
    {
      trigger: `${UNIT_PRICE}:contains('411.40')`,
    },
    {
      content: "Tab to the extra discount and type 15 %",
      trigger: `${DIALOG} input[name='manual_discount']`,
      run: async (helpers) => {
        await tabTo(helpers, "manual_discount");
        await retype(helpers, "15");
      },
    },
    {
      content: "Over the salesperson's 10 %: it needs approval",
      trigger: `${DIALOG} .o_ops_harmony_configurator_guardrail:contains('Needs approval'):contains('Discount over the limit')`,
    },
    {
      content: "and the price is discounted",
      trigger: `${UNIT_PRICE}:contains('349.69')`,
    },
    {
      content: "Enter adds the door to the quote",
      trigger: `${DIALOG} input[name='manual_discount']:focus`,
      run: "press Enter",
    },
    {
      content: "The dialog closes and says so",
      trigger: ".o_notification:contains('added to the quote')",
    },
    {
      content: "The line has the server's price",
      trigger: "body:not(:has(.modal)) .o_data_row td[name='price_unit']:contains('349.69')",
    },
    {
      content: "The quote shows its guardrails",
      trigger: ".o_ops_harmony_config_guardrails:contains('Discount over the limit')",
    },
    {
      content: "Confirm the quote",
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']:not(.d-none)",
      run: "click",
    },
    {
      content: "It needs approval: the click says who approves",
      trigger: ".o_notification:contains('Sent for approval')",
    },
    {
      content: "The quote waits for the approver",
      trigger: ".o_ops_approval_banner:contains('Waiting for approval')",
    },
    {
      content: "and is still a quotation",
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Quotation')",
    },
  ],
});

// Once approved, the salesperson confirms the quote.
registry.category("web_tour.tours").add("addon_ops_harmony_configurator_confirm", {
  steps: () => [
    {
      content: "The quote no longer waits",
      trigger: ".o_form_view:not(:has(.o_ops_approval_banner:contains('Waiting for approval')))",
    },
    {
      content: "Confirm the approved quote",
      trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']:not(.d-none)",
      run: "click",
    },
    {
      content: "It is a sales order now",
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
    },
  ],
});
