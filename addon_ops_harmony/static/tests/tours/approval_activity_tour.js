import { registry } from "@web/core/registry";

// An approver opens their activities from the systray and approves a quote from its activity
// popover, with a rationale.
registry.category("web_tour.tours").add("addon_ops_harmony_approval_activity", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open my activities",
            trigger: ".o_menu_systray i[aria-label='Activities']",
            run: "click",
        },
        {
            content: "Open the sales orders waiting for me",
            trigger: ".o-mail-ActivityGroup[data-model_name='sale.order']",
            run: "click",
        },
        {
            // The systray opens late and today's activities; an approval is due at its business-hours
            // deadline, which may be a later day: show all of mine, as an approver would.
            content: "Show my activities whatever their due date",
            trigger: ".o_searchview_facet:contains('Today Activities') .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the activities of the quote to approve",
            trigger: ".o_data_row:contains('Tour Approval Customer') .o-mail-ActivityButton, .o_kanban_record:contains('Tour Approval Customer') .o-mail-ActivityButton",
            run: "click",
        },
        {
            content: "Approve from the activity popover",
            trigger: ".o-mail-ActivityListPopoverItem .o_ops_harmony_approval_approve",
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
