"""Ask the documents: search the processed jobs as the calling user, answer with quoted passages.

Each job read by the worker keeps a search index: the count of each word over its subject,
extracted text and proposed fields (`search_terms`, jsonb under a GIN index) and their total
(`search_length`). `ask_documents` runs as the caller: the ORM's `_search` with their access
rights and record rules (their companies) picks the jobs holding any query word through the GIN
index, BM25 ranks them, and each answer quotes the lines that hold the words, citing the job, its
document and page. Nothing is generated: every passage is a verbatim piece of a job the caller may
read. No sudo on this path.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .ops_ai_search_rank import bm25, idf_weights, passages, term_counts, tokens

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
SEARCHABLE_STATES = ("to_review", "done")
QUERY_MAX = 500
TERMS_MAX = 20
LIMIT_MAX = 50


class OpsAiSearch(models.Model):
    _inherit = "ops.ai.job"

    # the word counts are an index, not something to read: only the server's own SQL uses them
    search_terms = fields.Json(compute="_compute_search_index", store=True, readonly=True, copy=False, groups="base.group_system")
    search_length = fields.Integer(compute="_compute_search_index", store=True, readonly=True, copy=False)

    def init(self):
        super().init()
        # `?|` (holds any of these words) on the word counts, for `_ops_candidates`
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS ops_ai_job_search_terms_gin ON ops_ai_job USING gin (search_terms)")

    @api.depends("state", "name", "extracted_text", "body_text", "proposal_ids.value", "proposal_ids.final_value")
    def _compute_search_index(self):
        for job in self:
            if job.state not in SEARCHABLE_STATES:
                job.search_terms, job.search_length = False, 0
                continue
            counts, length = term_counts(job._ops_search_segments())
            job.search_terms, job.search_length = counts or False, length

    @api.model
    def ask_documents(self, query, limit=10):
        """Search the processed jobs the caller may read; return the best with quoted, cited passages.

        :return: ``{"query", "terms", "matched", "results": [{"job_id", "job", "document", "state",
            "score", "passages": [{"quote", "source", "page"}]}]}``; `matched` counts the jobs holding
            any term, `source` is "subject", "text" or "field:<name>", `page` is null for emails
        """
        if not self.env.user.has_group(USER_GROUP):  # Ops Managers are Ops Users too
            raise AccessError(self.env._("Only Ops Users may search the AI documents."))
        self.browse().check_access("read")
        terms = self._ops_query_terms(query)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= LIMIT_MAX:
            raise ValidationError(self.env._("limit must be a whole number from 1 to %s.", LIMIT_MAX))
        answer = {"query": query, "terms": terms, "matched": 0, "results": []}
        searchable = Domain("state", "in", SEARCHABLE_STATES) & Domain("search_length", ">", 0)
        [(total_docs, total_length)] = self._read_group(searchable, aggregates=["__count", "search_length:sum"])
        if not total_docs:
            return answer
        rows = self._ops_candidates(searchable, terms)
        ranked = bm25(rows, terms, total_docs, total_length / total_docs)
        weights = idf_weights(rows, len(terms), total_docs)
        answer["matched"] = len(ranked)
        jobs = self.browse([doc_id for _score, doc_id in ranked[:limit]])
        for (score, _doc_id), job in zip(ranked[:limit], jobs):
            answer["results"].append(
                {
                    "job_id": job.id,
                    "job": job.display_name,
                    "document": job.attachment_id.name or job.name,
                    "state": job.state,
                    "score": round(score, 4),
                    "passages": job._ops_passages(terms, weights),
                }
            )
        return answer

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------

    @api.model
    def _ops_query_terms(self, query):
        if not isinstance(query, str):
            raise ValidationError(self.env._("query must be text, got %s.", type(query).__name__))
        if len(query) > QUERY_MAX:
            raise ValidationError(self.env._("query is longer than %s characters: ask something shorter.", QUERY_MAX))
        terms = list(dict.fromkeys(tokens(query)))
        if not terms:
            raise ValidationError(self.env._("query has no word to search for: type a few words."))
        return terms[:TERMS_MAX]

    @api.model
    def _ops_candidates(self, searchable, terms):
        """Return [(job id, length, [count of each term])] of the jobs the caller may read holding any term.

        `_search` adds the caller's access rights and record rules; `?|` uses the GIN index.
        """
        self.flush_model(["state", "search_terms", "search_length"])
        holds_any = Domain.custom(
            to_sql=lambda model, alias, query: SQL("%s ?| %s", SQL.identifier(alias, "search_terms"), terms)
        )
        query = self._search(searchable & holds_any)
        column = SQL.identifier(query.table, "search_terms")
        counts = [SQL("COALESCE((%s ->> %s)::int, 0)", column, term) for term in terms]
        self.env.cr.execute(
            query.select(SQL.identifier(query.table, "id"), SQL.identifier(query.table, "search_length"), *counts)
        )
        return [(row[0], row[1], list(row[2:])) for row in self.env.cr.fetchall()]

    def _ops_search_segments(self):
        """The texts a job is searched by: its subject, its text, and one line per proposed field."""
        self.ensure_one()
        segments = [("subject", self.name or ""), ("text", self.extracted_text or self.body_text or "")]
        for proposal in self.proposal_ids.sorted("id"):
            value = proposal.final_value or proposal.value
            if value and proposal.name != "partner_id":
                segments.append((f"field:{proposal.name}", f"{proposal.label or proposal.name}: {value}"))
        return segments

    def _ops_passages(self, terms, weights):
        """Return up to two quoted passages of this job holding `terms`, each with its page."""
        self.ensure_one()
        evidence = {proposal.name: proposal.evidence for proposal in self.proposal_ids}
        result = []
        for _score, source, start, quote in passages(self._ops_search_segments(), terms, weights):
            if source == "text":
                page = self._ops_page_of(start)
            elif source.startswith("field:"):
                page = self._ops_page_of_evidence(evidence.get(source[6:]))
            else:
                page = None
            result.append({"quote": quote, "source": source, "page": page})
        return result

    def _ops_page_of(self, offset):
        """The page of the character at `offset` in the extracted text; None for an email.

        The worker joins pages with a form feed or, for text PDFs, a blank line (lines within a page
        are joined by single newlines).
        """
        page_count = len(self.pages or [])
        if not self.extracted_text or not page_count:
            return None
        before = self.extracted_text[:offset]
        breaks = before.count("\f") if "\f" in self.extracted_text else before.count("\n\n")
        return min(breaks + 1, page_count)

    def _ops_page_of_evidence(self, evidence):
        if not evidence:
            return None
        if evidence.get("page"):
            return evidence["page"]
        span = evidence.get("span")
        return self._ops_page_of(span[0]) if span else None
