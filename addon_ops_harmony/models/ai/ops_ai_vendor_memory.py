"""What one vendor's bills taught the reviewers, applied to that vendor's next bill at once (no retraining).

Two kinds of memory per vendor, company and field: the label printed just before the value in that
vendor's documents ("Our ref." before the invoice number), and value mappings (the vendor writes
"EURO", the reviewer keeps "EUR"). Both are learned when a review is confirmed with corrections and
applied by `ops.ai.job._ops_match_master_data` to the vendor's next job: the remembered value
replaces the proposal (generator `vendor_memory`), and the original stays among its candidates.
Only the AI layer's code writes memories; managers read and delete them.
"""

import logging
import re

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .ops_ai_guard import ai_internal, is_ai_internal
from .ops_ai_schema import VENDOR_BILL_FIELDS

_logger = logging.getLogger(__name__)
MEMORY_CONFIDENCE = 0.85
# fields whose values recur from one bill of a vendor to the next: a raw → final mapping helps there
MAPPED_FIELDS = {"currency", "partner_name"}
LABEL_MAX = 40
MAPPING_MAX = 256
VALUE_MAX = 64
SHAPES = {
    "invoice_date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "due_date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "amount_untaxed": re.compile(r"^-?\d{1,12}(\.\d{1,6})?$"),
    "amount_tax": re.compile(r"^-?\d{1,12}(\.\d{1,6})?$"),
    "amount_total": re.compile(r"^-?\d{1,12}(\.\d{1,6})?$"),
    "currency": re.compile(r"^[A-Z]{3}$"),
}
TRAILING_SEPARATORS = re.compile(r"[\s:#=|\-–]+$")
LEADING_SEPARATORS = re.compile(r"^[\s:#=|]+")


class OpsAiVendorMemory(models.Model):
    _name = "ops.ai.vendor.memory"
    _description = "AI per-vendor memory"
    _order = "partner_id, field_name, kind, id"

    partner_id = fields.Many2one("res.partner", "Vendor", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    field_name = fields.Char("Field", required=True, readonly=True)
    kind = fields.Selection([("label", "Label before the value"), ("mapping", "Value mapping")], required=True, readonly=True)
    source = fields.Char("Label or raw value", required=True, readonly=True)
    target = fields.Char("Final value", readonly=True, help="For a value mapping: what the reviewer keeps.")
    learned_count = fields.Integer("Learned", default=1, readonly=True)
    applied_count = fields.Integer("Applied", default=0, readonly=True)
    last_job_id = fields.Many2one("ops.ai.job", "Last job", readonly=True, ondelete="set null")

    _one_per_source = models.Constraint(
        "UNIQUE(company_id, partner_id, field_name, kind, source)", "A vendor remembers each label or raw value once per field."
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not is_ai_internal(self):
            raise AccessError(self.env._("Vendor memories are learned from confirmed reviews only."))
        return super().create(vals_list)

    def write(self, vals):
        if not is_ai_internal(self):
            raise AccessError(self.env._("Vendor memories are learned from confirmed reviews only: delete one instead."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # learning, from a confirmed review
    # ------------------------------------------------------------------

    @api.model
    def _ops_learn(self, job, partner, corrections):
        """Learn labels and value mappings of `partner` from the `corrections` of the confirmed `job`."""
        text = job.extracted_text or ""
        for correction in corrections:
            name, predicted, final = correction["field_name"], correction["predicted_value"], correction["final_value"]
            if name not in VENDOR_BILL_FIELDS or not final:
                continue
            if name in MAPPED_FIELDS and predicted and len(predicted) <= MAPPING_MAX and len(final) <= MAPPING_MAX:
                self._ops_remember(job, partner, name, "mapping", predicted, final)
            label = label_before(text, final)
            # keep a label only if it finds this very value again in this very document
            if label and (value_after(text, label, name) or (None,))[0] == final:
                self._ops_remember(job, partner, name, "label", label, False)

    @api.model
    def _ops_remember(self, job, partner, name, kind, source, target):
        key = [
            ("company_id", "=", job.company_id.id),
            ("partner_id", "=", partner.id),
            ("field_name", "=", name),
            ("kind", "=", kind),
            ("source", "=", source),
        ]
        memory = self.search(key, limit=1)
        if memory:
            ai_internal(memory).write({"target": target, "learned_count": memory.learned_count + 1, "last_job_id": job.id})
            return
        values = {
            "company_id": job.company_id.id,
            "partner_id": partner.id,
            "field_name": name,
            "kind": kind,
            "source": source,
            "target": target,
            "last_job_id": job.id,
        }
        try:
            with self.env.cr.savepoint():
                ai_internal(self).create(values)
        except errors.UniqueViolation:
            # another review of this vendor learned the same thing at the same moment: one memory is enough
            _logger.info("Vendor memory %s already learned by a concurrent review.", values)

    # ------------------------------------------------------------------
    # applying, to the vendor's next job
    # ------------------------------------------------------------------

    @api.model
    def _ops_apply(self, job, partner):
        """Apply `partner`'s memories to `job`'s proposals; return the checks that say what changed."""
        memories = self.search(
            [("company_id", "=", job.company_id.id), ("partner_id", "=", partner.id)], order="learned_count desc, id desc"
        )
        text = job.extracted_text or ""
        notes, done = [], set()
        for memory in memories.filtered(lambda memory: memory.kind == "label"):
            if memory.field_name in done:
                continue
            found = value_after(text, memory.source, memory.field_name)
            if found and self._ops_replace(job, memory, found[0], {"span": list(found[1])}):
                done.add(memory.field_name)
        for memory in memories.filtered(lambda memory: memory.kind == "mapping"):
            proposal = job.proposal_ids.filtered(lambda proposal, m=memory: proposal.name == m.field_name)
            if proposal and memory.source in (proposal.value, proposal.raw_value) and memory.target != proposal.value:
                self._ops_replace(job, memory, memory.target, proposal.evidence)
        for memory in memories.filtered("last_job_id").filtered(lambda memory: memory.last_job_id == job):
            notes.append(
                {
                    "name": "vendor_memory",
                    "ok": True,
                    "detail": self.env._(
                        "%(field)s taken from what %(vendor)s's bills taught (%(kind)s).",
                        field=memory.field_name,
                        vendor=partner.display_name,
                        kind=dict(self._fields["kind"].selection)[memory.kind],
                    ),
                }
            )
        return notes

    @api.model
    def _ops_replace(self, job, memory, value, evidence):
        """Propose `value` for the memory's field on `job`, keeping the original among the candidates."""
        proposal = job.proposal_ids.filtered(lambda proposal: proposal.name == memory.field_name)
        if proposal.value == value:
            return True  # the worker found it already
        ai_internal(memory).write({"applied_count": memory.applied_count + 1, "last_job_id": job.id})
        values = {"value": value, "confidence": MEMORY_CONFIDENCE, "generator": "vendor_memory", "evidence": evidence or False}
        if not proposal:
            ai_internal(self.env["ops.ai.proposal.field"]).create(
                {
                    **values,
                    "job_id": job.id,
                    "name": memory.field_name,
                    "label": memory.field_name.replace("_", " ").capitalize(),
                    "raw_value": value,
                    "candidates": [],
                }
            )
            return True
        original = {"value": proposal.value or None, "confidence": proposal.confidence, "generator": proposal.generator or None}
        others = [candidate for candidate in proposal.candidates or [] if candidate.get("value") != value]
        ai_internal(proposal).write({**values, "candidates": [original, *others]})
        return True


def label_before(text, value):
    """Return the words printed just before `value` in `text` (on its line, else the line above), or None."""
    if not value or len(value) > VALUE_MAX or re.search(r"\s", value):
        return None
    for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = _clean_label(text[line_start : match.start()])
        if not label and line_start > 1:
            above_start = text.rfind("\n", 0, line_start - 1) + 1
            label = _clean_label(text[above_start : line_start - 1])
        if label:
            return label
    return None


def value_after(text, label, field_name):
    """Return (value, (start, end)) of the first token after `label` in `text` fitting the field's shape, or None."""
    pattern = r"\s+".join(re.escape(word) for word in label.split())
    shape = SHAPES.get(field_name)
    for match in re.finditer(rf"(?<!\w){pattern}", text, re.IGNORECASE):
        rest_start = match.end()
        line_end = text.find("\n", rest_start)
        line_end = len(text) if line_end < 0 else line_end
        candidates = [(rest_start, line_end)]
        if not text[rest_start:line_end].strip(" \t:#=|") and line_end < len(text):
            next_end = text.find("\n", line_end + 1)
            candidates.append((line_end + 1, len(text) if next_end < 0 else next_end))
        for start, end in candidates:
            segment = text[start:end]
            skipped = len(segment) - len(LEADING_SEPARATORS.sub("", segment))
            token = re.match(r"\S+", segment[skipped:])
            if not token:
                continue
            value = token.group(0).rstrip(",;")
            if value and (not shape or shape.match(value)):
                begin = start + skipped
                return value, (begin, begin + len(value))
    return None


def _clean_label(before):
    label = TRAILING_SEPARATORS.sub("", before).strip()
    if len(label) > LABEL_MAX:
        label = label[-LABEL_MAX:]
        label = label.split(" ", 1)[1] if " " in label else label
    return label if re.search(r"[^\W\d_]{2,}", label) else None
