{
    "name": "Ops Harmony",
    "summary": "Lead intake, approvals, idempotent sync and KPI dashboards inside Odoo",
    "description": """
Ops Harmony connects how demand enters a business with how work gets done:
leads are normalized, scored and routed under an SLA, risky actions go through
approvals handled from activities, external data is synced idempotently, and
finance reads KPI dashboards, all inside the Odoo screens people already use.
""",
    "version": "19.0.1.0.0",
    "category": "Sales/Operations",
    "license": "LGPL-3",
    "author": "Ops Harmony",
    "website": "https://github.com/ops-harmony/ops-harmony",
    "depends": ["base", "mail", "base_automation", "crm", "sale_management", "utm", "mass_mailing", "sale_crm"],
    "data": [
        "security/ops_harmony_groups.xml",
        "security/ir.model.access.csv",
        "data/ops_normalization_data.xml",
        "data/ops_nurture_data.xml",
        "data/ops_scoring_data.xml",
        "views/ops_control_room_views.xml",
        "views/ops_scoring_views.xml",
        "views/ops_touchpoint_views.xml",
        "views/crm_lead_views_scoring.xml",
        "views/ops_normalization_views.xml",
        "views/crm_lead_views_normalize.xml",
        "data/ops_routing_data.xml",
        "views/ops_routing_views.xml",
        "views/crm_lead_views_sla.xml",
        "security/ops_attribution_security.xml",
        "data/ops_attribution_data.xml",
        "views/ops_attribution_views.xml",
        "views/crm_lead_views_lifecycle.xml",
        "views/res_partner_views_lifecycle.xml",
        "data/ops_lead_automation_data.xml",
        "views/ops_harmony_menus.xml",
        "security/ops_approval_security.xml",
        "data/ops_approval_data.xml",
        "data/ops_approval_templates_data.xml",
        "views/ops_approval_policy_views.xml",
        "views/ops_approval_request_views.xml",
        "views/ops_approval_menus.xml",
    ],
    "demo": [
        "demo/ops_harmony_users_demo.xml",
        "demo/ops_pipeline_demo.xml",
        "demo/ops_leads_demo.xml",
        "demo/ops_approval_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "addon_ops_harmony/static/src/generated/ops_harmony.bundle.js",
            "addon_ops_harmony/static/src/generated/ops_harmony.templates.xml",
        ],
        "web.assets_tests": [
            "addon_ops_harmony/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
