"""The approval audit log: append-only, one insert per event, hash-chained so tampering shows.

Each entry stores the SHA-256 of its own canonical content plus the previous entry's hash. The
chain head lives in a one-row table that every append updates: two transactions appending at
once conflict on that row, and Odoo retries the loser, so the chain never forks (PostgreSQL's
repeatable-read snapshots would let both read the same "last entry" otherwise).
"""

import hashlib
import json

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

GENESIS_HASH = "0" * 64
EVENTS = [
    ("request", "Requested"),
    ("approve", "Approved"),
    ("reject", "Rejected"),
    ("auto_approve", "Auto-approved"),
    ("escalate", "Escalated"),
    ("remind", "Reminded"),
    ("expire", "Expired"),
    ("cancel", "Cancelled"),
    ("delegate", "Delegated"),
    ("override", "Overridden"),
    ("pass", "Action run after approval"),
    ("publish", "Policy published"),
]
HASHED_FIELDS = (
    "event", "user_id", "on_behalf_of_id", "res_model", "res_id", "request_id", "policy_id",
    "policy_version", "rationale", "timestamp",
)


class OpsAuditLog(models.Model):
    _name = "ops.audit.log"
    _description = "Approval audit log entry"
    _order = "id desc"
    _rec_name = "event"

    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", "User", readonly=True, ondelete="restrict")
    on_behalf_of_id = fields.Many2one("res.users", "On behalf of", readonly=True, ondelete="restrict")
    res_model = fields.Char("Document model", readonly=True, index=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True, index=True)
    request_id = fields.Many2one("ops.approval.request", "Request", readonly=True, index=True, ondelete="restrict")
    policy_id = fields.Many2one("ops.approval.policy", "Policy", readonly=True, ondelete="restrict")
    policy_version = fields.Integer("Policy version", readonly=True)
    rationale = fields.Text(readonly=True)
    timestamp = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    prev_hash = fields.Char("Previous hash", readonly=True)
    hash = fields.Char(readonly=True, index=True)

    def init(self):
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS ops_audit_log_head (
                id integer PRIMARY KEY CHECK (id = 1),
                last_hash varchar NOT NULL
            );
            INSERT INTO ops_audit_log_head (id, last_hash) VALUES (1, %s) ON CONFLICT (id) DO NOTHING;
        """, [GENESIS_HASH])

    @api.model
    def _ops_digest(self, prev_hash, values):
        """Return the entry's hash: SHA-256 of the previous hash and its canonical content."""
        content = json.dumps(
            {name: values.get(name) or False for name in HASHED_FIELDS}, sort_keys=True, default=str,
        )
        return hashlib.sha256(f"{prev_hash}|{content}".encode()).hexdigest()

    @api.model
    def _ops_record(self, event, request=None, record=None, rationale=False, on_behalf_of=None, policy=None):
        """Append one entry for `event` by the current user; the only way entries are written."""
        policy = policy or (request.policy_id if request else self.env["ops.approval.policy"])
        record = record if record is not None else (request._ops_target() if request else None)
        values = {
            "event": event,
            "user_id": self.env.uid,
            "on_behalf_of_id": on_behalf_of.id if on_behalf_of else False,
            "res_model": record._name if record else False,
            "res_id": record.id if record else False,
            "request_id": request.id if request else False,
            "policy_id": policy.id or False,
            "policy_version": request.policy_version if request else policy.version,
            "rationale": rationale or False,
            "timestamp": fields.Datetime.to_string(fields.Datetime.now()),
            "company_id": (request.company_id.id if request else policy.company_id.id) or self.env.company.id,
        }
        # the head row lock serializes appends; a concurrent writer gets a serialization error
        self.env.cr.execute("SELECT last_hash FROM ops_audit_log_head WHERE id = 1 FOR UPDATE")
        prev_hash = self.env.cr.fetchone()[0]
        values["prev_hash"] = prev_hash
        values["hash"] = self._ops_digest(prev_hash, values)
        entry = self.sudo().with_context(ops_audit_append=True).create(values)
        self.env.cr.execute("UPDATE ops_audit_log_head SET last_hash = %s WHERE id = 1", [values["hash"]])
        return entry

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("ops_audit_append"):
            raise UserError(self.env._("Audit log entries are written by the approval engine only."))
        return super().create(vals_list)

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            raise UserError(self.env._("The audit log is append-only: entries cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self.env.uid != SUPERUSER_ID:
            raise UserError(self.env._("The audit log is append-only: entries cannot be deleted."))
        return super().unlink()

    @api.model
    def ops_verify_chain(self):
        """Recompute the chain from the first entry; return {"ok", "checked", "broken_id", "message"}."""
        self.env.cr.execute("SELECT last_hash FROM ops_audit_log_head WHERE id = 1")
        head = self.env.cr.fetchone()[0]
        prev_hash, checked = GENESIS_HASH, 0
        entries = self.sudo().search([], order="id asc")
        for entry in entries:
            values = {name: entry[name] for name in HASHED_FIELDS}
            for name in ("user_id", "on_behalf_of_id", "request_id", "policy_id"):
                values[name] = values[name].id or False
            values["timestamp"] = fields.Datetime.to_string(entry.timestamp)
            if entry.prev_hash != prev_hash or entry.hash != self._ops_digest(prev_hash, values):
                return {"ok": False, "checked": checked, "broken_id": entry.id, "message": self.env._(
                    "Entry %(id)s does not match its hash: the log was altered at or before it.", id=entry.id)}
            prev_hash, checked = entry.hash, checked + 1
        if prev_hash != head:
            return {"ok": False, "checked": checked, "broken_id": False,
                    "message": self.env._("The last entries were removed: the chain head does not match.")}
        return {"ok": True, "checked": checked, "broken_id": False,
                "message": self.env._("%(count)s entries checked: the chain is intact.", count=checked)}

    def action_verify_chain(self):
        result = self.ops_verify_chain()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": result["message"], "type": "success" if result["ok"] else "danger", "sticky": not result["ok"]},
        }
