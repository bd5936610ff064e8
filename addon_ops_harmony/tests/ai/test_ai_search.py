from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.addon_ops_harmony.models.ai.ops_ai_search_rank import bm25, tokens

from ..common import OPS_USER_GROUP, SALESMAN, OpsAiCase

PAGE = {"width": 595, "height": 842}


@tagged("post_install", "-at_install")
class TestAiSearch(OpsAiCase):
    """Ask the documents ranks the processed jobs the caller may read with BM25 and quotes them, citing page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Ops Search B"})
        cls.user_b = new_test_user(cls.env, "t_ai_search_b", groups=OPS_USER_GROUP, company_id=cls.company_b.id)
        filler = " ".join(f"word{i}" for i in range(200))
        cls.both = cls._job("Acme bill", "Invoice INV-7 from Acme Supplies.\nTwo pumps and one hose.")
        cls.spam = cls._job("Acme news", "Acme acme acme acme newsletter.")
        cls.short = cls._job("Delivery", "Delivery note: pumps.")
        cls.long = cls._job("Catalogue", f"{filler}\npumps in stock\n{filler}")
        cls.two_pages = cls._job("Two pages", "Page one about invoices.\nNothing else.\n\nPage two lists a gearbox.", pages=2)
        cls.queued = cls._job("Queued", "pumps pumps pumps", state="queued")
        cls.secret_b = cls._job("B secret", "Confidential gearbox pricing of company B.", company=cls.company_b)

    @classmethod
    def _job(cls, name, text, pages=1, state="done", company=None):
        return (
            cls.env["ops.ai.job"]
            .sudo()
            .create(
                {
                    "name": name,
                    "document_type_id": cls.bill_type.id,
                    "company_id": (company or cls.env.company).id,
                    "state": state,
                    "extracted_text": text,
                    "pages": [{"number": n, **PAGE} for n in range(1, pages + 1)],
                }
            )
        )

    def _ask(self, query, user=None, limit=10):
        return self.Job.with_user(user or self.reviewer).ask_documents(query, limit=limit)

    def _ids(self, answer):
        return [result["job_id"] for result in answer["results"]]

    def test_01_bm25_matches_a_hand_computed_score(self):
        """One document of average length holding the term once scores its idf, ln(1 + 0.5 / 1.5)."""
        [(score, doc_id)] = bm25([(7, 10, [1])], ["pump"], total_docs=1, average_length=10)
        self.assertEqual(doc_id, 7)
        self.assertAlmostEqual(score, 0.287682, places=5)
        self.assertEqual(tokens("Échéance: INV-7"), ["echeance", "inv", "7"])

    def test_02_both_words_beat_one_word_and_short_beats_long(self):
        """The job holding both words ranks first; of the others, a short job outranks a long one with the word once."""
        answer = self._ask("acme pumps")
        ids = self._ids(answer)
        self.assertEqual(ids[0], self.both.id)
        self.assertLess(ids.index(self.short.id), ids.index(self.long.id))
        self.assertNotIn(self.queued.id, ids, "only processed jobs are searched")
        self.assertEqual(answer["terms"], ["acme", "pumps"])
        self.assertEqual(answer["matched"], 4)

    def test_03_a_rare_word_outweighs_a_repeated_common_one(self):
        """'hose' is in one job only: that job outranks the one repeating 'acme' four times."""
        ids = self._ids(self._ask("acme hose"))
        self.assertLess(ids.index(self.both.id), ids.index(self.spam.id))

    def test_04_passages_are_quoted_verbatim_and_cite_the_page(self):
        """Every passage is a piece of the job's own text; a word on the second page is cited on page 2."""
        answer = self._ask("gearbox")
        [result] = answer["results"]
        self.assertEqual((result["job_id"], result["document"]), (self.two_pages.id, "Two pages"))
        [passage] = result["passages"]
        self.assertEqual((passage["quote"], passage["page"], passage["source"]), ("Page two lists a gearbox.", 2, "text"))
        for result in self._ask("acme pumps invoice")["results"]:
            job = self.Job.browse(result["job_id"])
            for passage in result["passages"]:
                haystack = job.extracted_text if passage["source"] == "text" else job.name
                self.assertIn(passage["quote"], haystack)

    def test_05_company_b_never_sees_company_a(self):
        """A company B user finds B's job and none of company A's, whose words they share."""
        answer = self._ask("gearbox pumps acme", user=self.user_b)
        self.assertEqual(self._ids(answer), [self.secret_b.id])
        self.assertEqual(answer["matched"], 1)
        self.assertNotIn(self.secret_b.id, self._ids(self._ask("confidential gearbox")))

    def test_06_proposed_fields_are_searchable_and_cited(self):
        """A value only in a proposed field is found, quoted as 'label: value'."""
        job = self._claimed()
        self.gateway.submit_result(
            job.id, "w1", {**_result(), "fields": [{"name": "invoice_number", "value": "ZQ-991", "confidence": 0.9}]}
        )
        [result] = self._ask("zq 991")["results"]
        self.assertEqual(result["job_id"], job.id)
        self.assertEqual(
            result["passages"][0], {"quote": "Invoice number: ZQ-991", "source": "field:invoice_number", "page": None}
        )

    def test_09_the_index_follows_corrections_and_purges(self):
        """A reviewer's corrected value becomes searchable at once; a purged job leaves no trace in the index."""
        job = self._claimed()
        self.gateway.submit_result(
            job.id, "w1", {**_result(), "fields": [{"name": "invoice_number", "value": "ZQ-991", "confidence": 0.9}]}
        )
        job.proposal_ids.with_user(self.reviewer).final_value = "KX-555"
        [result] = self._ask("kx")["results"]
        self.assertEqual((result["job_id"], result["passages"][0]["quote"]), (job.id, "Invoice number: KX-555"))
        self.assertFalse(self._ask("zq")["results"], "the corrected value replaced the proposed one")
        job._ops_purge()
        self.assertFalse(self._ask("kx")["results"])

    def test_07_no_rights_no_search_and_junk_is_refused(self):
        """A salesperson is refused; empty, huge, wordless or non-text queries and bad limits are ValidationErrors."""
        seller = new_test_user(self.env, "t_ai_search_seller", groups=SALESMAN)
        with self.assertRaises(AccessError):
            self._ask("acme", user=seller)
        for junk in ("", "   ", "x" * 10240, "?!…", None, 42, ["acme"], {"q": "acme"}):
            with self.assertRaises(ValidationError, msg=repr(junk)):
                self._ask(junk)
        for limit in (0, 51, "10", True, None):
            with self.assertRaises(ValidationError, msg=repr(limit)):
                self._ask("acme", limit=limit)

    def test_08_the_form_lists_passages_that_open_their_job(self):
        """The Ask form fills one line per passage; a line opens its job."""
        form = Form(self.env["ops.ai.ask"].with_user(self.reviewer))
        form.query = "gearbox"
        ask = form.save()
        ask.action_ask()
        [line] = ask.line_ids
        self.assertEqual((line.job_id, line.page, line.quote), (self.two_pages, 2, "Page two lists a gearbox."))
        self.assertEqual(line.action_open_job()["res_id"], self.two_pages.id)
        self.assertIn("1 documents", ask.summary)


def _result():
    return {
        "provider": "local",
        "model_version": "extractor-test-1",
        "input_sha256": "a" * 64,
        "text": "scanned, no words here",
        "pages": [],
        "fields": [],
        "lines": [],
        "checks": [],
    }
