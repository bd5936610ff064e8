"""Tests, one room per domain as in models/. Odoo runs the test_* modules it finds on this package."""

from .core import (  # noqa: F401
    test_security_groups,
    test_normalizer,
    test_audit_log,
    test_house_rules,
    test_control_room_tour,
    test_rpc_fuzz,
    test_rpc_bad_input,
)
from .sync import (  # noqa: F401
    test_bridge_self_check,
    test_sync_ingest,
    test_sync_streams,
    test_sync_ownership,
    test_sync_events,
    test_sync_json2,
    test_sync_partner_create,
    test_sync_privilege,
    test_sync_binding_insert,
    test_sync_binding_lookup,
    test_sync_check_unchanged,
)
from .leads import (  # noqa: F401
    test_lead_tour,
    test_pipeline,
    test_scoring,
    test_normalization,
    test_routing,
    test_sla,
    test_lifecycle,
    test_lead_queue,
    test_lead_web_save,
    test_lead_pipeline_cost,
    test_lead_routed_at_create,
)
from .marketing import (  # noqa: F401
    test_attribution,
    test_touchpoint_access,
    test_marketing_roi_totals,
)
from .approvals import (  # noqa: F401
    test_approval_tiers,
    test_approval_resolution,
    test_approval_lifecycle,
    test_approval_audit,
    test_approval_json2,
    test_approval_tour,
    test_approval_four_eyes,
    test_approval_delegation_security,
    test_approval_policy_frozen,
    test_approval_deadlines,
    test_approval_guard,
    test_approval_guard_posting,
    test_approval_fingerprint,
    test_approval_guard_json2,
    test_approval_requester,
    test_approval_approver,
    test_approval_mail,
    test_approval_policy_admin,
    test_approval_policy_admin_tour,
    test_approval_requester_tour,
)
