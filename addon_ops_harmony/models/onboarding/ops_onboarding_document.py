"""Onboarding documents: each upload is classified (identity document, signed contract, tax form), then
confirmed by HR, and the checklist counts confirmed documents only.

The classifier reads the file's name and its text (PDF text layer, or plain text), and scores each
type by the phrases such documents print (a passport's machine-readable zone, "employment
contract" and signatures, W-4 / P45 / Lohnsteuer and withholding). The proposal carries its
probability and the phrases that decided it; HR confirms it or picks another type. A scan without
a text layer is classified by its name alone, with a low probability, and says so.
"""

import base64
import io
import logging
import math
import re
import unicodedata

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfReader

from .ops_onboarding_role import DOCUMENT_TYPES

_logger = logging.getLogger(__name__)
MAX_TEXT = 20000
# (pattern, weight) per type; patterns match the folded (lower-case, unaccented) text
SIGNALS = {
    "id": [
        (r"\bpassport\b|\bpasseport\b|\breisepass\b|\bpasaporte\b", 3),
        (r"identity card|carte d.identite|personalausweis|\bdni\b|national id", 3),
        (r"p<[a-z]{3}|[a-z0-9<]{30,}", 3),
        (r"date of birth|date de naissance|geburtsdatum|fecha de nacimiento", 2),
        (r"nationality|nationalite|staatsangehorigkeit|nacionalidad", 2),
        (r"date of expiry|expiry date|valid until|gultig bis", 1),
        (r"\bid\b|identity|\bpassport\b", 1),
    ],
    "contract": [
        (r"employment contract|contract of employment|contrat de travail|arbeitsvertrag|contrato de trabajo", 4),
        (r"\bemployer\b|\bemployee\b|employeur|arbeitgeber|empleador", 2),
        (r"salary|remuneration|gross annual|salaire|gehalt|salario", 2),
        (r"probation|notice period|period d.essai|probezeit", 2),
        (r"signed|signature|signe|unterschrift|firma", 1),
        (r"\bcontract\b|\bcontrat\b|\bvertrag\b", 1),
    ],
    "tax_form": [
        (r"\bw-?4\b|\bp45\b|\bp46\b|starter checklist|lohnsteuer|modelo 145|formulaire fiscal", 4),
        (r"withholding|tax code|national insurance|tax identification|steuer-?id|numero fiscal|\bnif\b", 3),
        (r"allowances|dependents|tax year|tax form|income tax", 2),
        (r"\btax\b|\bimpot\b|\bsteuer\b|\bimpuesto\b", 1),
    ],
}


def fold(text):
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


def document_text(data, filename):
    """Return the text of a PDF or plain-text file, or "" when it has no text to read."""
    name = (filename or "").lower()
    try:
        if data[:5] == b"%PDF-" or name.endswith(".pdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            return "\n".join(page.extract_text() or "" for page in reader.pages[:5])[:MAX_TEXT]
        if name.endswith((".txt", ".md", ".csv")):
            return data.decode("utf-8", "replace")[:MAX_TEXT]
    except Exception:  # noqa: BLE001 - a broken file is classified by its name, and the reason logged
        _logger.info("Onboarding document %s: no text read", filename, exc_info=True)
    return ""


def classify(text, filename):
    """Return (type, probability, phrases) for a document, or (False, 0.0, []) when nothing matches."""
    # "passport_scan.jpg" reads as "passport scan jpg": file names join their words with _ - .
    haystack = fold(f"{re.sub(r'[_.-]+', ' ', filename or '')}\n{text}")
    scores, reasons = {}, {}
    for kind, signals in SIGNALS.items():
        score, found = 0.0, []
        for pattern, weight in signals:
            match = re.search(pattern, haystack)
            if match:
                score += weight
                found.append(match.group(0)[:30])
        scores[kind], reasons[kind] = score, found
    best = max(scores, key=scores.get)
    if not scores[best]:
        return False, 0.0, []
    # a softmax over the scores; with the name alone (no text) the evidence is thin: halve it
    total = sum(math.exp(score) for score in scores.values())
    probability = math.exp(scores[best]) / total
    if not text.strip():
        probability /= 2
    return best, probability, reasons[best]


class OpsOnboardingDocument(models.Model):
    _name = "ops.onboarding.document"
    _description = "Onboarding document"
    _order = "id desc"

    onboarding_id = fields.Many2one("ops.onboarding", required=True, ondelete="cascade", index=True)
    file = fields.Binary(required=True, attachment=True)
    filename = fields.Char(required=True)
    proposed_type = fields.Selection(DOCUMENT_TYPES, readonly=True)
    probability = fields.Float(readonly=True)
    reason = fields.Char("Why", readonly=True)
    confirmed_type = fields.Selection(DOCUMENT_TYPES, readonly=True)
    confirmed_by_id = fields.Many2one("res.users", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            for server_field in ("proposed_type", "probability", "reason", "confirmed_type", "confirmed_by_id"):
                vals.pop(server_field, None)
        documents = super().create(vals_list)
        for document in documents:
            data = base64.b64decode(document.with_context(bin_size=False).file or b"")
            text = document_text(data, document.filename)
            kind, probability, phrases = classify(text, document.filename)
            reason = ", ".join(phrases) if text.strip() else self.env._("no text layer: read from the file name only")
            super(OpsOnboardingDocument, document).write(
                {"proposed_type": kind, "probability": probability, "reason": reason or False}
            )
        return documents

    def action_confirm_type(self, document_type=None):
        """HR confirms the proposed type, or gives another one."""
        for document in self:
            kind = document_type or document.proposed_type
            if kind not in dict(DOCUMENT_TYPES):
                raise UserError(
                    self.env._("Say what %(name)s is: an identity document, a contract or a tax form.", name=document.filename)
                )
            super(OpsOnboardingDocument, document).write({"confirmed_type": kind, "confirmed_by_id": self.env.uid})
            document.onboarding_id.message_post(
                body=self.env._(
                    "%(file)s confirmed as %(type)s by %(user)s (proposed: %(proposed)s).",
                    file=document.filename,
                    type=dict(DOCUMENT_TYPES)[kind],
                    user=self.env.user.name,
                    proposed=dict(DOCUMENT_TYPES).get(document.proposed_type, "-"),
                )
            )
        return True

    def write(self, vals):
        forbidden = {"proposed_type", "probability", "reason", "confirmed_type", "confirmed_by_id"} & set(vals)
        if forbidden:
            raise UserError(self.env._("Confirm a document's type with its button."))
        if "file" in vals and self.filtered("confirmed_type"):
            raise UserError(self.env._("This document is confirmed: upload the new file as a new document."))
        return super().write(vals)
