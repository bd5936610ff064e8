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
    test_sync_shop_lines,
    test_sync_ownership,
    test_sync_events,
    test_sync_attention,
    test_sync_attention_tour,
    test_sync_health,
    test_sync_json2,
    test_sync_partner_create,
    test_sync_privilege,
    test_sync_binding_insert,
    test_sync_binding_lookup,
    test_sync_check_unchanged,
    test_sync_stream_leads,
    test_sync_trace,
    test_sync_lease,
    test_sync_delivery,
    test_sync_reconcile,
    test_sync_reconcile_json2,
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
    test_spend_revenue_join,
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
from .configurator import (  # noqa: F401
    test_config_versions,
    test_config_diff_io,
    test_config_quote,
    test_config_json2,
    test_config_tour,
    test_config_demo,
    test_config_vectors,
    test_config_engine,
)
from .ai import (  # noqa: F401
    test_ai_gateway,
    test_ai_intake,
    test_ai_review,
    test_ai_review_screen,
    test_ai_review_json2,
    test_ai_review_partner_json2,
    test_ai_review_tour,
    test_ai_json2,
    test_ai_matching,
    test_ai_vendor_memory,
    test_ai_search,
    test_ai_search_json2,
    test_ai_prompt,
    test_ai_provider_json2,
    test_ai_models,
    test_ai_models_json2,
)
from .procurement import (  # noqa: F401
    test_procurement,
    test_procurement_anomalies,
    test_procurement_json2,
    test_procurement_intake,
    test_procurement_tour,
)
from .support import (  # noqa: F401
    test_support_finance,
    test_support_root_cause,
    test_support_tour,
    test_support_json2,
)
from .onboarding import (  # noqa: F401
    test_onboarding,
    test_onboarding_access,
    test_onboarding_tour,
    test_onboarding_json2,
)
from .renewal import test_renewal, test_renewal_config, test_renewal_json2, test_renewal_tour  # noqa: F401
from .handoff import test_handoff  # noqa: F401
from .workflow import test_work_item  # noqa: F401
from .launch import (  # noqa: F401
    test_launch_review,
    test_launch_review_integrations,
    test_launch_review_rules,
    test_launch_review_changes,
    test_launch_review_access_roles,
    test_launch_review_streams,
    test_launch_review_report,
    test_launch_review_demo,
    test_launch_review_environment,
)
