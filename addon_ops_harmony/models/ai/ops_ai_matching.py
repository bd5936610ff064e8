"""Master data behind a proposed vendor bill: its VAT and IBAN to a known vendor, then that vendor's memory.

The gateway calls `_ops_match_master_data` once, after it stored a worker's proposals. It reads only
the partners the job's company may use (its own and shared ones) and proposes `partner_id` like any
other field (value: the partner's id as a string, raw: its name), with a confidence from the
evidence: VAT and IBAN agreeing is high, one of them medium, a conflict low with a check. The
reviewer confirms or corrects it as themself; confirming reads it back through
`_ops_proposed_partner`, with the reviewer's own rights.
"""

import re

from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.base.models.res_bank import sanitize_account_number

from .ops_ai_guard import ai_internal

PARTNER_FIELD = "partner_id"
CHECK_NAME = "vendor_match"
# the evidence behind a match, not a model's score: both keys agree, one of them, or they disagree
CONFIDENCE = {"both": 0.97, "one": 0.75, "ambiguous": 0.35, "conflict": 0.25}
MAX_MATCHES = 5


def normalize_vat(vat):
    """Return `vat` upper-cased without spaces, dots or dashes ("be 0477.472.701" -> "BE0477472701")."""
    return re.sub(r"[^A-Z0-9]", "", (vat or "").upper())


class OpsAiMatching(models.Model):
    _inherit = "ops.ai.job"

    def _ops_match_master_data(self):
        """Propose the vendor of each bill job from its VAT and IBAN, then apply that vendor's memory."""
        for job in self.filtered(lambda job: job.document_type_id.code == "vendor_bill"):
            job._ops_match_one()

    def _ops_match_one(self):
        self.ensure_one()
        proposals = {proposal.name: proposal for proposal in self.proposal_ids}
        vat = (proposals.get("partner_vat") and proposals["partner_vat"].value) or ""
        iban = (proposals.get("partner_iban") and proposals["partner_iban"].value) or ""
        by_vat = self._ops_vendors_by_vat(vat)
        by_iban = self._ops_vendors_by_iban(iban)
        partners, level, generator, notes = _decide(self, vat, iban, by_vat, by_iban)
        self._ops_propose_partner(proposals, partners, level, generator)
        if len(partners) == 1:
            notes += self.env["ops.ai.vendor.memory"].sudo()._ops_apply(self, partners)
        internal = ai_internal(self)
        internal.invalidate_recordset(["proposal_ids"])
        confidences = self.proposal_ids.mapped("confidence") + ([self.class_confidence] if self.class_label else [])
        internal.write(
            {
                "checks": (self.checks or []) + notes,
                "min_confidence": min(confidences, default=0.0),
            }
        )

    def _ops_company_partners(self):
        """The domain of the partners this job's company may use: its own and the shared ones."""
        return Domain("company_id", "in", [self.company_id.id, False])

    def _ops_vendors_by_vat(self, vat):
        """Return the commercial partners of the job's company (or shared) whose VAT is `vat`, spacing aside.

        A VAT written without its country prefix matches one written with it, as Odoo's own
        duplicate check does; two different prefixes never match.
        """
        Partner = self.env["res.partner"].sudo()
        key = normalize_vat(vat)
        if len(key) < 4:
            return Partner
        keys = [key, key[2:]] if key[:2].isalpha() else [key]
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE active AND vat IS NOT NULL AND (company_id IS NULL OR company_id = %(company)s)
                   AND (regexp_replace(upper(vat), '[^A-Z0-9]', '', 'g') = ANY(%(keys)s)
                        OR (upper(left(vat, 2)) ~ '^[A-Z]{2}$'
                            AND regexp_replace(upper(substr(vat, 3)), '[^A-Z0-9]', '', 'g') = %(key)s))
                 ORDER BY id
                 LIMIT 50
                """,
                company=self.company_id.id,
                keys=keys,
                key=key,
            )
        )
        found = Partner.browse([row[0] for row in self.env.cr.fetchall()])
        return found.commercial_partner_id.filtered_domain(self._ops_company_partners())

    def _ops_vendors_by_iban(self, iban):
        """Return the commercial partners of the job's company (or shared) holding bank account `iban`."""
        Partner = self.env["res.partner"].sudo()
        key = sanitize_account_number(iban)
        if not key or len(key) < 8:
            return Partner
        banks = (
            self.env["res.partner.bank"]
            .sudo()
            .search(
                [
                    ("sanitized_acc_number", "=", key),
                    ("partner_id.active", "=", True),
                    ("partner_id.company_id", "in", [self.company_id.id, False]),
                ],
                limit=50,
            )
        )
        return banks.partner_id.commercial_partner_id.filtered_domain(self._ops_company_partners())

    def _ops_propose_partner(self, proposals, partners, level, generator):
        """Create or update the `partner_id` proposal; remove a stale one when nothing matches."""
        existing = proposals.get(PARTNER_FIELD)
        if not partners:
            if existing:
                ai_internal(existing).unlink()
            return
        confidence = CONFIDENCE[level]
        source = proposals.get("partner_vat" if generator == "master_data:vat" else "partner_iban")
        chosen = partners[0]
        values = {
            "label": self.env._("Vendor"),
            "raw_value": chosen.display_name,
            "value": str(chosen.id),
            "confidence": confidence,
            "evidence": source.evidence if source else False,
            "candidates": [
                {"value": str(partner.id), "raw": partner.display_name, "confidence": confidence, "generator": generator}
                for partner in partners[:MAX_MATCHES]
            ],
            "generator": generator,
        }
        if existing:
            ai_internal(existing).write(values)
        else:
            ai_internal(self.env["ops.ai.proposal.field"]).create({**values, "job_id": self.id, "name": PARTNER_FIELD})

    def _ops_proposed_partner(self, values):
        """Return the partner the confirmed `partner_id` value names, read as the reviewer; empty if none.

        :raise UserError: the value is no partner id, or not a partner of the job's company the reviewer may use
        """
        value = values.get(PARTNER_FIELD)
        Partner = self.env["res.partner"]
        if not value:
            return Partner
        if not isinstance(value, str) or not value.isdigit():
            raise UserError(self.env._("The vendor must be a partner id (a whole number), got %s: pick the vendor.", value))
        partner = Partner.search(Domain("id", "=", int(value)) & self._ops_company_partners(), limit=1)
        if not partner:
            raise UserError(self.env._("Partner %s is not a vendor you may use for this company: pick another vendor.", value))
        return partner

    def _ops_learn_vendor_memory(self, corrections):
        """Remember where this vendor prints the corrected fields and how its values map, for its next bill."""
        self.ensure_one()
        record = self._ops_result_record()
        if not corrections or not record or record._name != "account.move" or not record.partner_id:
            return
        partner = record.partner_id.commercial_partner_id
        self.env["ops.ai.vendor.memory"].sudo()._ops_learn(self, partner, corrections)


def _decide(job, vat, iban, by_vat, by_iban):
    """Return (partners, confidence level, generator, checks) from the vendors matched by VAT and by IBAN."""
    env = job.env
    notes = []
    if vat and not by_vat:
        notes.append(_check(env._("No known vendor with VAT %s: create the partner on confirm or pick one.", vat)))
    if iban and not by_iban:
        if by_vat:
            notes.append(
                _check(
                    env._(
                        "IBAN %(iban)s is not on file for %(vendor)s: check the bank details before paying.",
                        iban=iban,
                        vendor=by_vat[0].display_name,
                    )
                )
            )
        else:
            notes.append(_check(env._("No known vendor with IBAN %s: create the partner on confirm or pick one.", iban)))
    both = by_vat & by_iban
    if len(both) == 1:
        return both, "both", "master_data:vat", notes
    if by_vat and by_iban and not both:
        notes.append(
            _check(
                env._(
                    "VAT %(vat)s is the vendor %(by_vat)s but IBAN %(iban)s belongs to %(by_iban)s: check which vendor this is.",
                    vat=vat,
                    by_vat=", ".join(by_vat.mapped("display_name")),
                    iban=iban,
                    by_iban=", ".join(by_iban.mapped("display_name")),
                )
            )
        )
        return by_vat | by_iban, "conflict", "master_data:vat", notes
    partners, generator, key = (
        (both, "master_data:vat", vat)
        if both
        else ((by_vat, "master_data:vat", vat) if by_vat else (by_iban, "master_data:iban", iban))
    )
    if len(partners) > 1:
        notes.append(
            _check(
                env._(
                    "%(count)s vendors share %(key)s (%(names)s): pick one.",
                    count=len(partners),
                    key=key,
                    names=", ".join(partners[:MAX_MATCHES].mapped("display_name")),
                )
            )
        )
        return partners, "ambiguous", generator, notes
    return partners, "one", generator, notes


def _check(detail):
    return {"name": CHECK_NAME, "ok": False, "detail": detail}
