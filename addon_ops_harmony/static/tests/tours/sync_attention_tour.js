import { registry } from "@web/core/registry";

// An Ops Manager (not an administrator) opens Needs attention, finds the dead letters grouped by
// source, stream and cause with their counts, and replays a whole cause from one selected event.
registry.category("web_tour.tours").add("addon_ops_harmony_sync_attention", {
  steps: () => [
    {
      content: "The dead letters are grouped by source first, with their count",
      trigger: ".o_group_header .o_group_name:contains('hubspot (4)')",
      run: "click",
    },
    {
      content: "then by stream",
      trigger: ".o_group_header .o_group_name:contains('deals (3)')",
      run: "click",
    },
    {
      content: "then by cause, in words",
      trigger: ".o_group_header .o_group_name:contains('unknown deal stage'):contains('(3)')",
      run: "click",
    },
    {
      content: "Each message says which record, what happened and what to do",
      trigger: ".o_data_row td[name='message']:contains('HubSpot deal'):contains('What to do')",
    },
    {
      content: "Select one event of the cause",
      trigger: ".o_data_row:first .o_list_record_selector input",
      run: "click",
    },
    {
      content: "Replay every event of its cause",
      trigger: ".o_control_panel button[name='action_replay_groups']",
      run: "click",
    },
    {
      content: "The notification says how many were replayed",
      trigger: ".o_notification:contains('3 of 3 replayed in Odoo')",
    },
    {
      content: "and the cause has left Needs attention, while the other stays",
      trigger: ".o_group_header .o_group_name:contains('hubspot (1)')",
    },
  ],
});
