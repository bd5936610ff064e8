"""The product's audit log: append-only, one insert per event, hash-chained so tampering shows.

Every part of the product that decides something a person must be able to trace writes here through
`_ops_record`: the approval engine (requests, decisions, escalations, publications), the sync's
conflict decisions, and next the AI layer and configuration changes. An entry names its event, its
category, who did it (and for whom), the record it concerns and the company.

Each entry stores the SHA-256 of its canonical content plus the previous entry's hash, and its
position in the chain. The content is every stored column but the chain's own (`prev_hash`, `hash`):
entries linked before the company and the other columns were covered keep the shorter form they
were linked with (`hash_version` 1), so the chain still verifies end to end.

An event is inserted at once, in the transaction it belongs to, and joins the chain after that
transaction commits: a short transaction of its own takes the chain head (a one-row table), links
every committed entry not linked yet, in id order, and moves the head. So no business transaction
ever holds the head. A guarded click that auto-approves one policy and opens the request of another
in a side transaction cannot wait on itself (it did: the click held the head, the side transaction
needed it). Two linkers at once queue on the head row; the later one, finding it moved since its
snapshot, starts again, so the chain never forks. An entry whose linker did not run (the worker
died right after the commit) is linked by the next one.
"""

import hashlib
import json
import logging
import random
import time

from psycopg2 import errors as pg_errors

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
LINK_ATTEMPTS = 5
# event: (label, category)
EVENT_SPECS = {
    "request": ("Requested", "approval"),
    "approve": ("Approved", "approval"),
    "reject": ("Rejected", "approval"),
    "auto_approve": ("Auto-approved", "approval"),
    "escalate": ("Escalated", "approval"),
    "remind": ("Reminded", "approval"),
    "expire": ("Expired", "approval"),
    "cancel": ("Cancelled", "approval"),
    "delegate": ("Delegated", "approval"),
    "override": ("Overridden", "approval"),
    "pass": ("Action run after approval", "approval"),
    "publish": ("Policy published", "configuration"),
    "unpublish": ("Policy no longer enforced", "configuration"),
    "outdate": ("Outdated: the document changed", "approval"),
    "conflict_accept": ("Sync conflict: incoming value accepted", "sync"),
    "conflict_reject": ("Sync conflict: Odoo's value kept", "sync"),
    "config_publish": ("Rule set version published", "configuration"),
    "config_differs": ("Configured line: the server's result differs, kept", "configuration"),
    "ai_proposal": ("AI proposal", "ai"),
    "ai_failure": ("AI could not read a document", "ai"),
    "ai_review": ("AI proposal reviewed", "ai"),
    "ai_model_activate": ("AI model version activated", "ai"),
    "ai_model_candidate": ("AI model candidate submitted", "ai"),
    "ai_model_refused": ("AI model candidate not promoted", "ai"),
    "ai_prompt_activate": ("AI prompt template activated", "ai"),
    "ai_provider_opt_in": ("AI external provider opt-in changed", "ai"),
    "access_grant": ("Access granted", "access"),
}
EVENTS = [(event, label) for event, (label, _category) in EVENT_SPECS.items()]
CATEGORIES = [
    ("approval", "Approvals"),
    ("sync", "Sync"),
    ("configuration", "Configuration"),
    ("ai", "AI"),
    ("access", "Access"),
]
# what entries linked first hashed (hash_version 1): the company and the other columns came later
HASHED_FIELDS_V1 = (
    "event",
    "user_id",
    "on_behalf_of_id",
    "res_model",
    "res_id",
    "request_id",
    "policy_id",
    "policy_version",
    "rationale",
    "timestamp",
)
HASH_VERSION = 2
# columns that are the chain itself, not the content it protects
CHAIN_FIELDS = ("prev_hash", "hash")


class OpsAuditLog(models.Model):
    _name = "ops.audit.log"
    _description = "Audit log entry"
    _order = "id desc"
    _rec_name = "event"

    event = fields.Selection(EVENTS, required=True, readonly=True, index=True)
    category = fields.Selection(CATEGORIES, required=True, readonly=True, index=True, default="approval")
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
    chain_position = fields.Integer(
        "Position in the chain",
        readonly=True,
        index=True,
        copy=False,
        help="Empty until the entry's transaction committed and it was linked.",
    )
    hash_version = fields.Integer(
        readonly=True, copy=False, help="Which columns the hash covers: 1 for entries linked before the company was."
    )

    def init(self):
        self.env.cr.execute(
            """
            CREATE TABLE IF NOT EXISTS ops_audit_log_head (
                id integer PRIMARY KEY CHECK (id = 1),
                last_hash varchar NOT NULL
            );
            ALTER TABLE ops_audit_log_head ADD COLUMN IF NOT EXISTS last_position integer NOT NULL DEFAULT 0;
            INSERT INTO ops_audit_log_head (id, last_hash) VALUES (1, %s) ON CONFLICT (id) DO NOTHING;
        """,
            [GENESIS_HASH],
        )
        # entries chained before positions existed were chained in id order
        self.env.cr.execute(
            """
            UPDATE ops_audit_log entry SET chain_position = numbered.position
              FROM (SELECT id, row_number() OVER (ORDER BY id) AS position
                      FROM ops_audit_log WHERE hash IS NOT NULL) numbered
             WHERE entry.id = numbered.id
               AND NOT EXISTS (SELECT 1 FROM ops_audit_log WHERE chain_position IS NOT NULL);
            UPDATE ops_audit_log_head
               SET last_position = (SELECT count(*) FROM ops_audit_log WHERE hash IS NOT NULL)
             WHERE id = 1 AND last_position = 0;
            UPDATE ops_audit_log SET hash_version = 1 WHERE hash IS NOT NULL AND hash_version IS NULL;
        """
        )

    @api.model
    def _ops_digest(self, prev_hash, values):
        """Return the entry's hash: SHA-256 of the previous hash and its canonical content."""
        content = json.dumps({name: value or False for name, value in values.items()}, sort_keys=True, default=str)
        return hashlib.sha256(f"{prev_hash}|{content}".encode()).hexdigest()

    @api.model
    def _ops_hashed_fields(self, version):
        """Return the names of the columns the hash of `version` covers: every stored one, since version 2."""
        if version == 1:
            return HASHED_FIELDS_V1
        return tuple(
            sorted(name for name, field in self._fields.items() if field.store and field.column_type and name not in CHAIN_FIELDS)
        )

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
            "category": EVENT_SPECS[event][1],
        }
        entry = self.sudo().with_context(ops_audit_append=True).create(values)
        self._ops_link_after_commit()
        return entry

    def _ops_hashed_values(self, version):
        """Return this entry's content as the hash of `version` covers it: ids for links, dates as text."""
        self.ensure_one()
        values = {}
        for name in self._ops_hashed_fields(version):
            field, value = self._fields[name], self[name]
            if field.type == "many2one":
                value = value.id or False
            elif field.type == "datetime":
                value = fields.Datetime.to_string(value)
            elif field.type == "date":
                value = fields.Date.to_string(value)
            values[name] = value
        return values

    @api.model
    def _ops_link_after_commit(self):
        """Have this transaction's entries linked once it commits (once per transaction)."""
        postcommit = self.env.cr.postcommit
        if not postcommit.data.get("ops_audit_log.link"):
            postcommit.data["ops_audit_log.link"] = True
            postcommit.add(self.sudo()._ops_link_chain)

    @api.model
    def _ops_link_chain(self):
        """Link the committed entries that are not in the chain yet, in a short transaction of its own.

        Runs after a commit: it never fails the transaction that was just committed. What it leaves
        unlinked, the next linker (or Verify the chain) links.
        """
        for attempt in range(LINK_ATTEMPTS):
            try:
                with self.env.registry.cursor() as cr:
                    self.with_env(self.env(cr=cr, user=SUPERUSER_ID)).sudo()._ops_link_pending()
                return
            except (pg_errors.SerializationFailure, pg_errors.LockNotAvailable):
                # another linker moved the head since this one's snapshot: read again
                time.sleep(random.uniform(0, 0.05 * 2**attempt))
            except Exception:  # noqa: BLE001 - the commit is done; the next linker catches up
                _logger.exception("Audit log: linking failed, the next commit links these entries")
                return
        _logger.warning("Audit log: the chain head stayed busy, the next commit links these entries")

    @api.model
    def _ops_link_pending(self):
        """Give every unlinked entry, in id order, its previous hash, its hash and its position."""
        cr = self.env.cr
        cr.execute("SELECT id FROM ops_audit_log WHERE chain_position IS NULL ORDER BY id")
        ids = [row[0] for row in cr.fetchall()]
        if not ids:
            return
        cr.execute("SELECT last_hash, last_position FROM ops_audit_log_head WHERE id = 1 FOR UPDATE")
        prev_hash, position = cr.fetchone()
        for entry in self.browse(ids):
            position += 1
            # the position and the version are part of what the hash covers: set them first
            cr.execute(
                "UPDATE ops_audit_log SET chain_position = %s, hash_version = %s WHERE id = %s",
                [position, HASH_VERSION, entry.id],
            )
            entry.invalidate_recordset(["chain_position", "hash_version"])
            digest = self._ops_digest(prev_hash, entry._ops_hashed_values(HASH_VERSION))
            cr.execute("UPDATE ops_audit_log SET prev_hash = %s, hash = %s WHERE id = %s", [prev_hash, digest, entry.id])
            prev_hash = digest
        cr.execute("UPDATE ops_audit_log_head SET last_hash = %s, last_position = %s WHERE id = 1", [prev_hash, position])
        self.invalidate_model(["prev_hash", "hash", "chain_position", "hash_version"])

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("ops_audit_append"):
            raise UserError(self.env._("Audit log entries are written by the product's own decisions only."))
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
        """Recompute the chain from the first entry; return {"ok", "checked", "broken_id", "message"}.

        Who may read the log (Ops Managers, Ops Finance) may verify it; anyone else gets an AccessError.
        """
        self.check_access("read")
        self.sudo()._ops_link_pending()  # entries whose linker did not run yet
        self.env.cr.execute("SELECT last_hash FROM ops_audit_log_head WHERE id = 1")
        head = self.env.cr.fetchone()[0]
        prev_hash, checked = GENESIS_HASH, 0
        entries = self.sudo().search([("chain_position", "!=", False)], order="chain_position asc")
        for entry in entries:
            expected = self._ops_digest(prev_hash, entry._ops_hashed_values(entry.hash_version or 1))
            if entry.prev_hash != prev_hash or entry.hash != expected:
                return {
                    "ok": False,
                    "checked": checked,
                    "broken_id": entry.id,
                    "message": self.env._(
                        "Entry %(id)s does not match its hash: the log was altered at or before it.", id=entry.id
                    ),
                }
            prev_hash, checked = entry.hash, checked + 1
        if prev_hash != head:
            return {
                "ok": False,
                "checked": checked,
                "broken_id": False,
                "message": self.env._("The last entries were removed: the chain head does not match."),
            }
        return {
            "ok": True,
            "checked": checked,
            "broken_id": False,
            "message": self.env._("%(count)s entries checked: the chain is intact.", count=checked),
        }

    def action_verify_chain(self):
        result = self.ops_verify_chain()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": result["message"], "type": "success" if result["ok"] else "danger", "sticky": not result["ok"]},
        }
