"""The addon's models, one room per domain (a package each).

Every model module is imported here, in one list, and nowhere else: the rooms' `__init__` files
import nothing, so a module may import a constant from another room without loading that room
early. The order matters where two modules extend the same model: the later one's override wraps
the earlier one's. The approval engine guards `sale.order` before the sync feeds it, and the checks
of field values come last, around every `create` and `write` above them.
"""

from .core import (  # noqa: F401
    res_users,
    ops_audit_log,
    ops_country_alias,
    ops_industry_alias,
    ops_utm_alias,
    ops_normalizer,
)
from .leads import (  # noqa: F401
    crm_lead_pipeline,
    base_automation,
    ops_scoring_rule,
    ops_lead_score_line,
    crm_team,
    crm_lead_scoring,
    ops_lead_flag,
    ops_size_band,
    ops_free_mail_domain,
    crm_lead_flags,
    crm_lead_normalize,
    crm_team_sla,
    crm_team_member,
    ops_routing_rule,
    crm_lead_routing,
    crm_lead_sla,
    crm_lead_queue,
    crm_team_queue,
    crm_lead_web_save,
    mail_activity,
    crm_lead_lifecycle,
    ops_lead_stage_log,
    res_partner,
)
from .marketing import (  # noqa: F401
    ops_touchpoint,
    ops_campaign_spend,
    ops_campaign_attribution,
    utm_campaign,
    ops_campaign_performance,
)
from .approvals import (  # noqa: F401
    mail_activity_approval,
    ops_approval_state_mixin,
    sale_order,
    account_move,
    ops_approval_policy,
    ops_approval_policy_line,
    ops_approval_policy_admin,
    ops_approval_request,
    ops_approval_request_step,
    ops_approval_decision,
    ops_approval_delegation,
    ops_approval_sla,
    ops_approval_effect,
    ops_approval_fingerprint,
    ops_approval_guard,
    ops_approval_snapshot,
    ops_approval_reason,
    ops_approval_policy_test,
    ops_approval_systray,
    ops_approval_mail,
)
from .configurator import (  # noqa: F401
    ops_config_common,
    ops_config_diff,
    ops_config_ruleset,
    ops_config_ruleset_version,
    ops_config_ruleset_vector,
    sale_order_line_config,
    sale_order_config,
    ops_config_demo,
)
from .sync import (  # noqa: F401
    ops_sync_guard,
    ops_sync_binding,
    ops_sync_ownership,
    ops_sync_conflict,
    ops_sync_event,
    ops_sync_trace,
    ops_sync_cursor,
    ops_sync_message,
    ops_sync_run,
    ops_sync_health,
    ops_sync_lease,
    ops_sync_stage_map,
    ops_sync_gateway,
    ops_sync_gateway_ingest,
    ops_sync_gateway_lease,
    ops_sync_stream_setting,
    ops_sync_reconcile,
    ops_sync_gateway_reconcile,
    ops_sync_delivery,
    ops_sync_stream,
    ops_sync_stream_partners,
    ops_sync_stream_deals,
    ops_sync_stream_leads,
    ops_sync_stream_campaigns,
    ops_sync_stream_orders,
    ops_sync_stream_products,
    sale_order_sync,
    sale_order_line_sync,
)
from .ai import (  # noqa: F401
    ops_ai_guard,
    ops_ai_schema,
    ops_ai_document_type,
    ops_ai_model_metrics,
    ops_ai_model_version,
    ops_ai_job,
    ops_ai_job_review,
    ops_ai_review_screen,
    ops_ai_proposal_field,
    ops_ai_correction,
    ops_ai_gateway,
    ops_ai_gateway_models,
    ops_ai_vendor_memory,
    ops_ai_matching,
    ops_ai_search_rank,
    ops_ai_search,
    ops_ai_search_wizard,
    ops_ai_prompt_template,
    ops_ai_upload,
)
from .procurement import (  # noqa: F401
    ops_procurement_category_ai,
    ops_procurement_anomaly,
    ops_spend_category,
    res_partner_vendor,
    ops_procurement_request,
    ops_procurement_order,
    ops_ai_job_procurement,
)
from .support import (  # noqa: F401
    ops_support_text,
    project_task_support,
    ops_invoice_review,
    ops_invoice_review_credit,
    ops_support_root_cause,
)
from .onboarding import (  # noqa: F401
    ops_onboarding_role,
    ops_onboarding,
    ops_onboarding_document,
    ops_access_request,
)
from .renewal import (  # noqa: F401
    ops_renewal_risk,
    sale_order_renewal,
)
from .handoff import ops_handoff_rule, sale_order_handoff  # noqa: F401
from .workflow import ops_work_item  # noqa: F401
from .launch import (  # noqa: F401
    ops_launch_review_finding,
    ops_launch_checks_access,
    ops_launch_checks_access_roles,
    ops_launch_checks_deployment,
    ops_launch_checks_environment,
    ops_launch_checks_integrations,
    ops_launch_checks_automation,
    ops_launch_checks_rules,
    ops_launch_checks_changes,
    ops_launch_data_flows,
    ops_launch_review,
)
from .core import base  # noqa: F401 - last: see above
