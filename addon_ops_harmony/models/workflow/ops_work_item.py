"""The operational workflow view: every open item of every scenario and of the lead pipeline, in one list.

A read-only SQL view over the records where work waits: open leads, pending approvals, draft
procurement requests, open invoice reviews, running onboardings, renewal quotes, confirmed sales
still to kick off, and the sync events and AI jobs that need a person. Each row has its owner, its state, the next planned
activity, its age, and whether it is an exception: past its deadline (an SLA or an approval
step), stuck (untouched for STUCK_DAYS days), rejected, or failed. A row opens its record.

The view reads past the records' own access rules, so it has rules of its own: people see the
items they own, Ops Managers see everything. The names shown are those of records the owner
works on; a row opens the record itself, where its own rules apply.
"""

from odoo import fields, models, tools
from odoo.exceptions import UserError

STUCK_DAYS = 7
KINDS = [
    ("lead", "Lead"),
    ("approval", "Approval"),
    ("procurement", "Procurement request"),
    ("invoice_review", "Invoice review"),
    ("onboarding", "Onboarding"),
    ("renewal", "Renewal"),
    ("sync_event", "Sync event"),
    ("ai_job", "AI review"),
    ("handoff", "Sale to kick off"),
]
# (kind, model, SQL select of: res_id, name, owner_id, company_id, state, create_date, write_date,
#  deadline, breached, rejected, failed) over that model's open records
PARTS = [
    (
        "lead",
        "crm.lead",
        """SELECT l.id, l.name, l.user_id, l.company_id, COALESCE(st.name->>'en_US', l.type), l.create_date, l.write_date,
                  CASE WHEN l.ops_sla_state = 'running' THEN l.ops_sla_deadline END, l.ops_sla_state = 'breached', FALSE, FALSE
             FROM crm_lead l LEFT JOIN crm_stage st ON st.id = l.stage_id
            WHERE l.active AND COALESCE(l.probability, 0) < 100""",
    ),
    (
        "approval",
        "ops.approval.request",
        """SELECT r.id, r.name || ': ' || COALESCE(r.res_name, r.res_model), r.requested_by_id, r.company_id, 'pending',
                  r.create_date, r.write_date,
                  s.deadline, s.deadline < (now() at time zone 'UTC'), FALSE, FALSE
             FROM ops_approval_request r
             LEFT JOIN LATERAL (SELECT min(deadline) AS deadline FROM ops_approval_request_step
                                 WHERE request_id = r.id AND state = 'pending') s ON TRUE
            WHERE r.state = 'pending'""",
    ),
    (
        "procurement",
        "ops.procurement.request",
        """SELECT p.id, p.name || ': ' || p.description, p.requested_by_id, p.company_id,
                  COALESCE(a.state, 'draft'), p.create_date, p.write_date, NULL::timestamp, FALSE, a.state = 'rejected', FALSE
             FROM ops_procurement_request p
             LEFT JOIN LATERAL (SELECT state FROM ops_approval_request WHERE res_model = 'ops.procurement.request'
                                   AND res_id = p.id ORDER BY id DESC LIMIT 1) a ON TRUE
            WHERE p.state = 'draft'""",
    ),
    (
        "invoice_review",
        "ops.invoice.review",
        """SELECT v.id, v.name, v.create_uid, v.company_id, v.state, v.create_date, v.write_date, NULL::timestamp,
                  FALSE, FALSE, FALSE
             FROM ops_invoice_review v WHERE v.state IN ('open', 'proposed')""",
    ),
    (
        "onboarding",
        "ops.onboarding",
        """SELECT o.id, o.name, o.create_uid, o.company_id, o.state, o.create_date, o.write_date,
                  o.start_date::timestamp, FALSE, FALSE, FALSE
             FROM ops_onboarding o WHERE o.state = 'running'""",
    ),
    (
        "renewal",
        "sale.order",
        """SELECT so.id, so.name, so.user_id, so.company_id, so.state, so.create_date, so.write_date,
                  ren.ops_term_end::timestamp, ren.ops_term_end < (now() at time zone 'UTC')::date, FALSE, FALSE
             FROM sale_order so JOIN sale_order ren ON ren.id = so.ops_renewal_of_id
            WHERE so.state IN ('draft', 'sent')""",
    ),
    (
        "sync_event",
        "ops.sync.event",
        """SELECT e.id, e.source || ' / ' || e.stream, NULL::integer, NULL::integer, e.state, e.create_date, e.write_date,
                  NULL::timestamp, FALSE, FALSE, TRUE
             FROM ops_sync_event e WHERE e.state IN ('failed', 'dead')""",
    ),
    (
        "ai_job",
        "ops.ai.job",
        """SELECT j.id, j.name, j.reviewer_id, j.company_id, j.state, j.create_date, j.write_date, NULL::timestamp,
                  FALSE, FALSE, j.state = 'failed'
             FROM ops_ai_job j WHERE j.state IN ('to_review', 'failed')""",
    ),
    (
        "handoff",
        "project.task",
        """SELECT t.id, t.name, u.user_id, t.company_id,
                  CASE WHEN t.ops_first_contact_at IS NULL THEN 'first contact due' ELSE 'kickoff' END,
                  t.create_date, t.write_date, t.ops_first_contact_deadline,
                  t.ops_first_contact_at IS NULL AND t.ops_first_contact_deadline < (now() at time zone 'UTC'), FALSE, FALSE
             FROM project_task t
             LEFT JOIN LATERAL (SELECT min(user_id) AS user_id FROM project_task_user_rel WHERE task_id = t.id) u ON TRUE
            WHERE t.ops_handoff_order_id IS NOT NULL AND t.active AND t.state NOT IN ('1_done', '1_canceled')""",
    ),
]


class OpsWorkItem(models.Model):
    _name = "ops.work.item"
    _description = "Open work item"
    _auto = False
    _order = "is_exception desc, deadline asc, age_days desc, id"

    kind = fields.Selection(KINDS, readonly=True)
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Integer("Record", readonly=True)
    name = fields.Char(readonly=True)
    owner_id = fields.Many2one("res.users", "Owner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Char(readonly=True)
    next_action = fields.Char("Next action", readonly=True)
    next_action_date = fields.Date("Next action due", readonly=True)
    create_date = fields.Datetime("Opened", readonly=True)
    last_change = fields.Datetime(readonly=True)
    deadline = fields.Datetime(readonly=True)
    age_days = fields.Integer("Age (days)", readonly=True)
    is_breached = fields.Boolean("Past its deadline", readonly=True)
    is_stuck = fields.Boolean("Stuck", readonly=True, help=f"Untouched for {STUCK_DAYS} days.")
    is_rejected = fields.Boolean("Rejected", readonly=True)
    is_failed = fields.Boolean("Failed", readonly=True)
    is_exception = fields.Boolean("Exception", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        unions = []
        for index, (kind, model, select) in enumerate(PARTS):
            unions.append(
                f"""SELECT src.res_id * {len(PARTS)} + {index} AS id, '{kind}' AS kind, '{model}' AS res_model, src.*
                      FROM ({select}) AS src(res_id, name, owner_id, company_id, state, create_date, last_change,
                                              deadline, is_breached, is_rejected, is_failed)"""
            )
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT w.id, w.kind, w.res_model, w.res_id, w.name, w.owner_id, w.company_id, w.state,
                       w.create_date, w.last_change, w.deadline,
                       act.summary AS next_action, act.date_deadline AS next_action_date,
                       (now() at time zone 'UTC')::date - w.create_date::date AS age_days,
                       COALESCE(w.is_breached, FALSE) AS is_breached,
                       w.last_change < (now() at time zone 'UTC') - interval '{STUCK_DAYS} days' AS is_stuck,
                       COALESCE(w.is_rejected, FALSE) AS is_rejected,
                       COALESCE(w.is_failed, FALSE) AS is_failed,
                       COALESCE(w.is_breached, FALSE) OR COALESCE(w.is_rejected, FALSE) OR COALESCE(w.is_failed, FALSE)
                           OR w.last_change < (now() at time zone 'UTC') - interval '{STUCK_DAYS} days' AS is_exception
                  FROM ({" UNION ALL ".join(unions)}) w
                  LEFT JOIN LATERAL (
                      SELECT COALESCE(a.summary, t.name->>'en_US') AS summary, a.date_deadline
                        FROM mail_activity a LEFT JOIN mail_activity_type t ON t.id = a.activity_type_id
                       WHERE a.res_model = w.res_model AND a.res_id = w.res_id
                       ORDER BY a.date_deadline, a.id LIMIT 1
                  ) act ON TRUE
            )
            """
        )

    def action_open_record(self):
        """Open the record behind this item."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        if not record.exists():
            raise UserError(self.env._("This item is gone: refresh the list."))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }
