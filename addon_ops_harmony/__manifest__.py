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
    "depends": ["base", "mail", "base_automation", "crm", "sale_management", "utm", "mass_mailing"],
    "data": [
        "security/ops_harmony_groups.xml",
        "security/ir.model.access.csv",
        "views/ops_control_room_views.xml",
        "views/ops_harmony_menus.xml",
    ],
    "demo": [
        "demo/ops_harmony_users_demo.xml",
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
