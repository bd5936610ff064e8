"""The mandatory review of a job: confirm (with corrections), enter by hand, or requeue.

Nothing touches business records until a person confirms. Confirming creates a draft as the
reviewing user, through the normal `create` and its access rights (no sudo): a draft vendor bill
(never posted) or a lead (which the lead pipeline routes). AI never posts, confirms or approves.
The corrections are stored as the training signal, and the decision goes to the audit log.
"""

import json
import re

from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from ..sync.ops_sync_gateway import MANAGER_GROUP
from .ops_ai_guard import ai_internal
from .ops_ai_matching import PARTNER_FIELD
from .ops_ai_schema import NAME_RE, REQUEST_CLASSES, allowed_fields

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AMOUNT_RE = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")
# a record id as JSON-2 may send it: ASCII digits within PostgreSQL's integer ("²".isdigit() is true too)
RECORD_ID_RE = re.compile(r"^[1-9][0-9]{0,9}$")
RECORD_ID_MAX = 2**31 - 1


class OpsAiJobReview(models.Model):
    _inherit = "ops.ai.job"

    def action_confirm_review(self, decisions=None, label=None):
        """Confirm the proposals and create the draft.

        `decisions` = {field name: final value} for the corrected fields (a field the final class needs
        may be given though not proposed); `label` corrects an inbound request's class.
        """
        self.ensure_one()
        self._ops_check_reviewer()
        decisions = self._ops_check_decisions({} if decisions is None else decisions)
        self._ops_lock_state("to_review")
        label = self._ops_check_label(label)
        proposed = set(self.proposal_ids.mapped("name"))
        allowed = allowed_fields(self.document_type_id.code, label)
        if self.document_type_id.code == "vendor_bill":
            allowed.add(PARTNER_FIELD)  # the reviewer may pick the vendor though master data proposed none
        unknown = sorted(set(decisions) - proposed - allowed)
        if unknown:
            raise ValidationError(self.env._("No proposed field named %s on this job.", ", ".join(unknown)))
        values, decided, corrections = {}, [], []
        for proposal in self.proposal_ids:
            final = decisions.get(proposal.name, proposal.final_value or proposal.value) or False
            values[proposal.name] = final
            changed = final != (proposal.value or False)
            decided.append((proposal, {"final_value": final, "decision": "corrected" if changed else "accepted"}))
            if changed:
                corrections.append(self._ops_correction(proposal.name, proposal.value, final))
        for name in sorted(set(decisions) - proposed):
            if decisions[name]:
                values[name] = decisions[name]
                corrections.append(self._ops_correction(name, False, decisions[name]))
        if label and label != self.class_label:
            corrections.append(self._ops_correction("class", self.class_label, label))
        with self.env.cr.savepoint():
            if label:
                ai_internal(self).write({"class_label": label})
            record = self._ops_create_result(values)
            for proposal, vals in decided:
                ai_internal(proposal).write(vals)
            # corrections are the server's own record of this review: nobody writes them over RPC
            self.env["ops.ai.correction"].sudo().create(corrections)
            self._ops_finish(record, corrected=[c["field_name"] for c in corrections])
            self._ops_learn_vendor_memory(corrections)  # per-vendor memory (ops_ai_matching.py)
        return self._ops_open(record)

    def _ops_check_decisions(self, decisions):
        """Return `decisions` if it maps field names to text (or false); raise a ValidationError naming the problem."""
        if not isinstance(decisions, dict):
            raise ValidationError(self.env._("decisions must map field names to final values (text, or false for empty)."))
        for name, value in decisions.items():
            if not (isinstance(name, str) and NAME_RE.match(name)):
                raise ValidationError(self.env._("decisions: %s is not a field name.", repr(name)[:80]))
            if value in (False, None):
                continue
            if not isinstance(value, str) or len(value) > 4096 or "\x00" in value:
                raise ValidationError(
                    self.env._("decisions: the value of %s must be text of at most 4096 characters, or false.", name)
                )
            if name == PARTNER_FIELD and not (RECORD_ID_RE.match(value) and int(value) <= RECORD_ID_MAX):
                raise ValidationError(
                    self.env._(
                        "decisions: the vendor must be a partner id (a whole number), got %s: pick the vendor.", value[:80]
                    )
                )
        return decisions

    def _ops_check_label(self, label):
        """Return the request's final class: `label` if given and valid, else the proposed one."""
        if label in (None, False):
            return self.class_label or None
        if self.document_type_id.code != "inbound_request":
            raise ValidationError(self.env._("Only an inbound request has a class to correct."))
        if not isinstance(label, str) or label not in REQUEST_CLASSES:
            raise ValidationError(
                self.env._(
                    "label must be one of %(classes)s, got %(label)s.", classes=", ".join(REQUEST_CLASSES), label=repr(label)[:80]
                )
            )
        return label

    def _ops_correction(self, field_name, predicted, final):
        return {
            "job_id": self.id,
            "document_type_id": self.document_type_id.id,
            "company_id": self.company_id.id,
            "field_name": field_name,
            "predicted_value": predicted or False,
            "final_value": final or False,
            "user_id": self.env.uid,
        }

    def action_enter_manually(self):
        """Open a new draft bill or lead for this job, to enter by hand (the worker failed or is down)."""
        self.ensure_one()
        self._ops_check_reviewer()
        self._ops_lock_state("queued", "failed", "to_review")
        if self.document_type_id.target_model == "account.move":
            record = self.env["account.move"].create({"move_type": "in_invoice", "ref": False})
        else:
            record = self.env["crm.lead"].create(
                {"name": self.name, "email_from": self.sender or False, "description": self.body_text or False}
            )
        if self.attachment_id:
            self.attachment_id.sudo().copy({"res_model": record._name, "res_id": record.id})
        self._ops_finish(record, manual=True)
        return self._ops_open(record)

    def action_requeue(self):
        """Send failed jobs back to the worker."""
        self._ops_check_reviewer()
        for job in self:
            job._ops_lock_state("failed")
            if job.failure_category in ("no_document", "no_body"):
                raise UserError(
                    self.env._("Job %s has nothing for the worker to read: enter it by hand instead.", job.display_name)
                )
            ai_internal(job).write(
                {
                    "state": "queued",
                    "failure_category": False,
                    "failure_reason": False,
                    "worker": False,
                    "lease_expires_at": False,
                }
            )
            job.message_post(body=self.env._("Requeued by %s.", self.env.user.name))
        return True

    def action_open_result(self):
        self.ensure_one()
        record = self._ops_result_record()
        return self._ops_open(record) if record else False

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------

    def _ops_check_reviewer(self):
        if not (self.env.user.has_group(USER_GROUP) or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only Ops Users review AI jobs."))
        self.check_access("write")

    def _ops_lock_state(self, *states):
        """Lock this job's row and check its state: two confirmations of one job never both pass."""
        self.env.flush_all()
        self.env.cr.execute("SELECT state FROM ops_ai_job WHERE id = %s FOR UPDATE", [self.id])
        row = self.env.cr.fetchone()
        self.invalidate_recordset(["state"])
        if not row or row[0] not in states:
            labels = dict(self._fields["state"].selection)
            raise UserError(
                self.env._(
                    "Job %(job)s is %(state)s: this needs it %(expected)s.",
                    job=self.display_name,
                    state=labels.get(row and row[0], "?"),
                    expected=" or ".join(labels[s] for s in states),
                )
            )

    def _ops_create_result(self, values):
        """Create the draft the confirmed values describe, as the reviewer. Override to add a class's workflow."""
        if self.document_type_id.code == "vendor_bill":
            return self._ops_create_bill(values)
        if self.document_type_id.code == "inbound_request" and self.class_label == "sales_lead":
            return self._ops_create_lead(values)
        return None

    def _ops_create_bill(self, values):
        """Create a draft vendor bill (never posted) from the reviewed values."""
        partner = self._ops_vendor(values)
        currency = self.env.company.currency_id
        if values.get("currency"):
            currency = self.env["res.currency"].search([("name", "=", values["currency"].upper())], limit=1)
            if not currency:
                raise UserError(
                    self.env._("Currency %s is not active in Odoo: activate it or correct the field.", values["currency"])
                )
        untaxed = _amount(self, values, "amount_untaxed")
        lines = [
            Command.create(
                {
                    "name": line["description"],
                    "quantity": line.get("quantity") or 1.0,
                    "price_unit": line["unit_price"]
                    if line.get("unit_price") is not None
                    else line["amount"] / (line.get("quantity") or 1.0),
                }
            )
            for line in self.lines or []
        ]
        if not lines and untaxed is not None:
            lines = [Command.create({"name": values.get("invoice_number") or self.name, "quantity": 1.0, "price_unit": untaxed})]
        return self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": partner.id,
                "ref": values.get("invoice_number") or False,
                "invoice_date": _date(self, values, "invoice_date"),
                "invoice_date_due": _date(self, values, "due_date"),
                "currency_id": currency.id,
                "invoice_line_ids": lines,
            }
        )

    def _ops_vendor(self, values):
        """Return the vendor: the reviewer's choice, else the one partner of that VAT, else of that name.

        The reviewer's choice is the partner_id they corrected on confirming, else the job's Vendor
        field, else the accepted partner_id proposal; each is read with the reviewer's rights and must
        be a partner of the job's company (`_ops_proposed_partner`, ops_ai_matching.py).
        """
        chosen = values.get(PARTNER_FIELD) or False
        proposal = self.proposal_ids.filtered(lambda field: field.name == PARTNER_FIELD)[:1]
        if self.review_partner_id and chosen == (proposal.value or False):
            chosen = str(self.review_partner_id.id)
        if proposed := self._ops_proposed_partner({PARTNER_FIELD: chosen}):
            return proposed
        Partner = self.env["res.partner"]
        vat = (values.get("partner_vat") or "").replace(" ", "").upper()
        if vat:
            found = Partner.search([("vat", "=ilike", vat), ("parent_id", "=", False)], limit=2)
            if len(found) == 1:
                return found
        name = (values.get("partner_name") or "").strip()
        if name:
            found = Partner.search(Domain("name", "=ilike", name) & Domain("parent_id", "=", False), limit=2)
            if len(found) == 1:
                return found
        raise UserError(
            self.env._(
                "No single vendor matches VAT %(vat)s or name %(name)s: "
                "pick the vendor on the job (or create it), then confirm again.",
                vat=vat or "-",
                name=name or "-",
            )
        )

    def _ops_create_lead(self, values):
        """Create a lead through the normal create, so the lead pipeline scores and routes it."""
        description = "\n\n".join(filter(None, [values.get("product_interest"), self.body_text]))
        return self.env["crm.lead"].create(
            {
                "name": self.name,
                "contact_name": values.get("contact_name") or False,
                "email_from": values.get("email") or self.sender or False,
                "phone": values.get("phone") or False,
                "partner_name": values.get("company") or False,
                "description": description or False,
            }
        )

    def _ops_finish(self, record, corrected=(), manual=False):
        """Close the job on `record`, note it on both sides, and audit the human decision."""
        ai_internal(self).write(
            {
                "state": "done",
                "result_res_model": record._name if record else False,
                "result_res_id": record.id if record else False,
                "reviewer_id": self.env.uid,
                "reviewed_at": fields.Datetime.now(),
                "worker": False,
                "lease_expires_at": False,
            }
        )
        if record:
            record.message_post(
                body=self.env._(
                    "Created from AI intake job %(job)s (%(id)s), reviewed by %(user)s.",
                    job=self.name,
                    id=self.id,
                    user=self.env.user.name,
                )
            )
        self.message_post(
            body=self.env._("Entered by hand by %s.", self.env.user.name)
            if manual
            else self.env._(
                "Review confirmed by %(user)s; corrected: %(fields)s.",
                user=self.env.user.name,
                fields=", ".join(corrected) or "-",
            )
        )
        facts = {
            "job": self.id,
            "decision": "manual" if manual else "confirmed",
            "corrected": list(corrected),
            "class": self.class_label or False,
        }
        facts.update(
            model_version=self.model_version or False,
            input_sha256=self.input_sha256 or False,
            output_sha256=self.output_sha256 or False,
        )
        if record:
            facts["result"] = f"{record._name},{record.id}"
        self.env["ops.audit.log"].with_company(self.company_id)._ops_record(
            "ai_review", record=self, rationale=json.dumps(facts, sort_keys=True)
        )

    def _ops_open(self, record):
        if not record:
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


def _date(job, values, name):
    value = values.get(name)
    if not value:
        return False
    if not DATE_RE.match(value):
        raise UserError(job.env._("%(field)s must be a date as YYYY-MM-DD, got %(value)s: correct it.", field=name, value=value))
    try:
        return fields.Date.to_date(value)
    except ValueError:
        raise UserError(job.env._("%(field)s is not a real date: %(value)s.", field=name, value=value)) from None


def _amount(job, values, name):
    value = values.get(name)
    if not value:
        return None
    if not AMOUNT_RE.match(value):
        raise UserError(
            job.env._("%(field)s must be a decimal amount such as 1234.50, got %(value)s: correct it.", field=name, value=value)
        )
    return float(value)
