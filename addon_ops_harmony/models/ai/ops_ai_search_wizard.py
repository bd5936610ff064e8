"""The "Ask the documents" form: a query, and the quoted passages of the best jobs, each opening its job.

It calls `ops.ai.job.ask_documents` as the user who asks, so the answer holds only what they may read.
"""

from odoo import fields, models


class OpsAiAsk(models.TransientModel):
    _name = "ops.ai.ask"
    _description = "Ask the AI documents"

    query = fields.Char(required=True, size=500)
    summary = fields.Char(readonly=True)
    line_ids = fields.One2many("ops.ai.ask.line", "ask_id", "Passages", readonly=True)

    def action_ask(self):
        """Run the query and list one line per quoted passage, best document first."""
        self.ensure_one()
        answer = self.env["ops.ai.job"].ask_documents(self.query, limit=20)
        lines = [
            {
                "ask_id": self.id,
                "sequence": rank,
                "job_id": result["job_id"],
                "document": result["document"],
                "score": result["score"],
                "page": passage["page"] or 0,
                "source": passage["source"],
                "quote": passage["quote"],
            }
            for rank, result in enumerate(answer["results"])
            for passage in result["passages"]
        ]
        self.line_ids.unlink()
        self.env["ops.ai.ask.line"].create(lines)
        terms = ", ".join(answer["terms"])
        self.summary = (
            self.env._(
                "%(matched)s documents hold %(terms)s; the best %(shown)s are quoted below.",
                matched=answer["matched"],
                terms=terms,
                shown=len(answer["results"]),
            )
            if answer["results"]
            else self.env._("No document you may read holds %s.", terms)
        )
        return self.env["ops.ai.job"]._ops_open(self)  # this form again, with its lines


class OpsAiAskLine(models.TransientModel):
    _name = "ops.ai.ask.line"
    _description = "Quoted passage of an AI document"
    _order = "sequence, id"

    ask_id = fields.Many2one("ops.ai.ask", required=True, ondelete="cascade")
    sequence = fields.Integer()
    job_id = fields.Many2one("ops.ai.job", "Job", required=True, ondelete="cascade")
    document = fields.Char()
    score = fields.Float(digits=(8, 4))
    page = fields.Integer(help="0 for an email, which has no pages.")
    source = fields.Char(help="Where the passage is: the subject, the text, or a proposed field.")
    quote = fields.Text("Passage")

    def action_open_job(self):
        self.ensure_one()
        return self.job_id._ops_open(self.job_id)
