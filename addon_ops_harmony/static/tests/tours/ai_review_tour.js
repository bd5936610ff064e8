/* global document */
import { registry } from "@web/core/registry";

// A reviewer opens a job from the review queue, corrects the least sure field by keyboard, accepts
// the others with Enter, picks another vendor by searching it, and confirms: the draft opens with
// the corrected values.
const SCREEN = ".o_ops_ai_review";

/** Presses Enter until the focus reaches Confirm (at most 30 times): every field accepted. */
async function acceptTheRest(helpers) {
  for (let i = 0; i < 30 && !document.activeElement?.classList.contains("o_ops_ai_review_confirm"); i++) {
    await helpers.press("Enter");
  }
  if (!document.activeElement?.classList.contains("o_ops_ai_review_confirm")) {
    throw new Error("Enter never reached Confirm");
  }
}

/** Asks the test for a screenshot of the screen as it is (see test_ai_review_tour.py). */
async function screenshot(name) {
  // let pdf.js finish drawing the page first
  await new Promise((resolve) => setTimeout(resolve, 800));
  console.log(`ops_harmony:screenshot ${name}`);
  await new Promise((resolve) => setTimeout(resolve, 800));
}

registry.category("web_tour.tours").add("addon_ops_harmony_ai_review_bill", {
  steps: () => [
    {
      content: "The queue lists the bill, flagged to review first",
      trigger: ".o_data_row.text-warning:contains('Invoice INV-2026-0042')",
      run: () => screenshot("ai_review_queue"),
    },
    {
      content: "Open its review",
      trigger: ".o_data_row:contains('Invoice INV-2026-0042') button[name='action_open_review']",
      run: "click",
    },
    {
      content: "The PDF is drawn by Odoo's pdf.js",
      trigger: `${SCREEN} .o_ops_ai_review_page[data-page='1'] canvas`,
    },
    {
      content: "The least sure field, the invoice date, has the focus; its evidence is boxed on the page",
      trigger: `${SCREEN} input[data-field='invoice_date']:focus`,
    },
    {
      trigger: `${SCREEN} .o_ops_ai_review_page[data-page='1'] .o_ops_ai_review_evidence`,
    },
    {
      content: "The failed check is shown first",
      trigger: `${SCREEN} .o_ops_ai_review_checks:contains('Two dates near the label')`,
      run: () => screenshot("ai_review_bill"),
    },
    {
      content: "Correct the date by typing",
      trigger: `${SCREEN} input[data-field='invoice_date']:focus`,
      run: "edit 2026-11-03",
    },
    {
      content: "Enter keeps the correction and moves to the next field",
      trigger: `${SCREEN} input[data-field='invoice_date']`,
      run: "press Enter",
    },
    {
      trigger: `${SCREEN} .o_ops_ai_review_field[data-name='invoice_date'][data-status='corrected']`,
    },
    {
      content: "Accept the other fields with Enter",
      trigger: `${SCREEN} .o_ops_ai_review_field[data-name='amount_untaxed'] input:focus`,
      run: acceptTheRest,
    },
    {
      content: "Every field is reviewed; the vendor matched by VAT is not the one: search another by name",
      trigger: `${SCREEN}:not(:has(.o_ops_ai_review_field[data-status='pending'])) .o_ops_ai_review_confirm:focus`,
    },
    {
      trigger: `${SCREEN} input[data-field='partner_id']:value(ACME Supplies NV)`,
      run: "click",
    },
    {
      trigger: `${SCREEN} input[data-field='partner_id']:focus`,
      run: "edit Belgium",
    },
    {
      content: "The partners found are listed with their VAT, the first one active",
      trigger: `${SCREEN} .o_ops_ai_review_partner_option[aria-selected='true']:contains('ACME Supplies Belgium BV'):contains('BE0403019261')`,
      run: () => screenshot("ai_review_vendor_search"),
    },
    {
      content: "Enter picks it",
      trigger: `${SCREEN} input[data-field='partner_id']:focus`,
      run: "press Enter",
    },
    {
      trigger: `${SCREEN} .o_ops_ai_review_field[data-name='partner_id'][data-status='corrected'] input:value(ACME Supplies Belgium BV)`,
    },
    {
      content: "Confirm",
      trigger: `${SCREEN}:not(:has(.o_ops_ai_review_field[data-status='pending'])) .o_ops_ai_review_confirm`,
      run: "click",
    },
    {
      // the test checks the date itself: the form shows it in the user's format ("Nov 3")
      content: "The draft bill opens; the queue is one step back",
      trigger: ".o_form_view .o_field_widget[name='ref'] input:value(INV-2026-0042)",
    },
    {
      trigger: ".o_breadcrumb:contains('Review queue'):contains('Draft Bill')",
    },
  ],
});

registry.category("web_tour.tours").add("addon_ops_harmony_ai_review_request", {
  steps: () => [
    {
      content: "A click on the request's row opens its review",
      trigger: ".o_data_row:contains('Pricing for 40 seats') td[name='name']",
      run: "click",
    },
    {
      content: "The class comes first, with its confidence",
      trigger: `${SCREEN} select[name='class']:focus`,
      run: "press Enter",
    },
    {
      content: "The contact name is next; its evidence is highlighted in the e-mail's text",
      trigger: `${SCREEN} input[data-field='contact_name']:focus`,
    },
    {
      trigger: `${SCREEN} .o_ops_ai_review_text mark.o_ops_ai_review_evidence:contains('Ann')`,
      run: () => screenshot("ai_review_request"),
    },
    {
      content: "Correct the contact name",
      trigger: `${SCREEN} input[data-field='contact_name']:focus`,
      run: "edit Ann Lee",
    },
    {
      trigger: `${SCREEN} input[data-field='contact_name']`,
      run: "press Enter",
    },
    {
      content: "Accept the other fields with Enter",
      trigger: `${SCREEN} .o_ops_ai_review_field[data-name='contact_name'][data-status='corrected']`,
      run: acceptTheRest,
    },
    {
      content: "Confirm",
      trigger: `${SCREEN} .o_ops_ai_review_confirm:focus`,
      run: "click",
    },
    {
      // the test checks the contact name itself: the lead form shows it in another tab
      content: "The lead opens; the queue is one step back",
      trigger: ".o_breadcrumb:contains('Review queue'):contains('Pricing for 40 seats')",
    },
    {
      trigger: ".o_form_view .o_field_widget[name='email_from'] input:value(ann@lee.example)",
    },
  ],
});
