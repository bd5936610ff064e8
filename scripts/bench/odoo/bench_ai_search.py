# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment. Not a test: a measurement.
# "Ask the documents" at scale: OPS_BENCH_ASK_JOBS (3000) generated processed jobs (seeded,
# OPS_BENCH_ASK_SEED, 150-400 words each from a Zipf-like vocabulary plus vendor names and numbers),
# then OPS_BENCH_ASK_QUERIES (60) queries of 1-3 words, each answered by four arms side by side:
#   ours       `ops.ai.job.ask_documents` as an Ops User: record rules, the jsonb word counts under
#              a GIN index (`?|` as prefilter, `->>` for the counts), BM25 over the candidates,
#              quoted passages of the best 10;
#   postings   an inverted index table (word, job, count) under its btree, built here from the same
#              counts, the same BM25, ids only (no passages, no record rules);
#   pg_fts     PostgreSQL full text: a stored tsvector column ('simple' config) under a GIN index,
#              ranked by ts_rank, ids only (no passages, no record rules): the strongest alternative;
#   scan       no index: read every processed job's text and rank it with the same BM25 in Python.
# Everything happens inside a savepoint that is rolled back: the database is left as it was.
# Usage: odoo_bin shell -d <db> --no-http --log-level=warn < scripts/bench/odoo/bench_ai_search.py
import os
import random
import statistics
import time

from odoo.tests import new_test_user

from odoo.addons.addon_ops_harmony.models.ai.ops_ai_search_rank import bm25, term_counts, tokens

JOBS = int(os.environ.get("OPS_BENCH_ASK_JOBS", "3000"))
QUERIES = int(os.environ.get("OPS_BENCH_ASK_QUERIES", "60"))
SEED = int(os.environ.get("OPS_BENCH_ASK_SEED", "15"))
rng = random.Random(SEED)
VOCABULARY = [f"w{index}" for index in range(5000)]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
VENDORS = ["acme", "globex", "initech", "umbrella", "hooli", "vandelay", "stark", "wayne", "tyrell", "cyberdyne"]


def text_of(index):
    words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(150, 400))
    lines = [" ".join(words[start : start + 12]) for start in range(0, len(words), 12)]
    lines.insert(1, f"Invoice INV-{index} from {rng.choice(VENDORS)}")
    return "\n".join(lines)


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(function):
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


print(f"seed {SEED}: {JOBS} jobs, {QUERIES} queries", flush=True)
with env.cr.savepoint(flush=False) as savepoint:  # noqa: F821
    bill_type = env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill")  # noqa: F821
    user = new_test_user(env, "bench_ask_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")  # noqa: F821
    Job = env["ops.ai.job"].sudo()  # noqa: F821
    build_ms = 0.0
    for start in range(0, JOBS, 500):
        batch = [
            {
                "name": f"Bench bill {index}",
                "document_type_id": bill_type.id,
                "state": "done",
                "extracted_text": text_of(index),
                "pages": [{"number": 1, "width": 595, "height": 842}],
            }
            for index in range(start, min(JOBS, start + 500))
        ]
        elapsed, _jobs = timed(lambda batch=batch: Job.create(batch) and env.flush_all())  # noqa: F821
        build_ms += elapsed
        print(f"  created {min(JOBS, start + 500)}/{JOBS} jobs", flush=True)
    posting_ms, _ = timed(
        lambda: env.cr.execute(  # noqa: F821
            """
            CREATE TABLE bench_ask_posting (job_id integer, term varchar, count integer, PRIMARY KEY (term, job_id));
            INSERT INTO bench_ask_posting SELECT job.id, term.key, term.value::int
              FROM ops_ai_job job, jsonb_each_text(job.search_terms) term WHERE jsonb_typeof(job.search_terms) = 'object';
            """
        )
    )
    # inside this uncommitted transaction autovacuum sees nothing: gather the statistics it would
    env.cr.execute("ANALYZE ops_ai_job; ANALYZE bench_ask_posting")  # noqa: F821
    env.cr.execute(  # noqa: F821
        "SELECT pg_total_relation_size('bench_ask_posting'), pg_relation_size('ops_ai_job_search_terms_gin')"
    )
    postings_size, gin_size = env.cr.fetchone()  # noqa: F821
    elapsed, _ = timed(
        lambda: env.cr.execute(  # noqa: F821
            """
            ALTER TABLE ops_ai_job ADD COLUMN bench_tsv tsvector;
            UPDATE ops_ai_job SET bench_tsv = to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(extracted_text, ''));
            CREATE INDEX bench_ask_fts ON ops_ai_job USING gin (bench_tsv);
            """
        )
    )
    env.cr.execute("ANALYZE ops_ai_job")  # noqa: F821
    env.cr.execute("SELECT pg_relation_size('bench_ask_fts')")  # noqa: F821
    fts_size = env.cr.fetchone()[0]
    print(f"index: ours {build_ms / JOBS:.2f} ms/job at create (tokens, jsonb, GIN), GIN {gin_size / 1e6:.1f} MB")
    print(f"index: postings table built in {posting_ms / JOBS:.2f} ms/job, {postings_size / 1e6:.1f} MB with its btree")
    print(f"index: pg_fts tsvector column + GIN built in {elapsed / JOBS:.2f} ms/job, GIN {fts_size / 1e6:.1f} MB")

    queries = []
    for index in range(QUERIES):
        kind = ("vendor+number", "common words", "rare words")[index % 3]
        if kind == "vendor+number":
            words = [rng.choice(VENDORS), f"inv-{rng.randrange(JOBS)}"]
        elif kind == "common words":
            words = rng.choices(VOCABULARY[:50], k=rng.randint(1, 3))  # nearly every job is a candidate
        else:
            words = rng.choices(VOCABULARY[500:], k=rng.randint(1, 3))
        queries.append((kind, " ".join(words)))

    ask = env["ops.ai.job"].with_user(user)  # noqa: F821

    def ours(query):
        return [result["job_id"] for result in ask.ask_documents(query, limit=10)["results"]]

    def postings(query):
        terms = list(dict.fromkeys(tokens(query)))
        env.cr.execute(  # noqa: F821
            "SELECT count(*), sum(search_length) FROM ops_ai_job WHERE state IN ('to_review', 'done') AND search_length > 0"
        )
        total, length = env.cr.fetchone()  # noqa: F821
        env.cr.execute(  # noqa: F821
            "SELECT posting.job_id, job.search_length, posting.term, posting.count FROM bench_ask_posting posting"
            " JOIN ops_ai_job job ON job.id = posting.job_id"
            " WHERE posting.term = ANY(%s) AND job.state IN ('to_review', 'done')",
            [terms],
        )
        rows = {}
        for job_id, job_length, term, count in env.cr.fetchall():  # noqa: F821
            rows.setdefault(job_id, (job_id, job_length, [0] * len(terms)))[2][terms.index(term)] = count
        return [doc for _score, doc in bm25(list(rows.values()), terms, total, length / total)[:10]]

    def pg_fts(query):
        expression = " | ".join(tokens(query))
        env.cr.execute(  # noqa: F821
            """
            SELECT id FROM ops_ai_job
             WHERE state IN ('to_review', 'done')
               AND bench_tsv @@ to_tsquery('simple', %(q)s)
             ORDER BY ts_rank(bench_tsv, to_tsquery('simple', %(q)s)) DESC, id DESC
             LIMIT 10
            """,
            {"q": expression},
        )
        return [row[0] for row in env.cr.fetchall()]  # noqa: F821

    def scan(query):
        terms = list(dict.fromkeys(tokens(query)))
        env.cr.execute("SELECT id, name, extracted_text FROM ops_ai_job WHERE state IN ('to_review', 'done')")  # noqa: F821
        rows, lengths = [], []
        for job_id, name, text in env.cr.fetchall():  # noqa: F821
            counts, length = term_counts([("subject", name), ("text", text or "")])
            lengths.append(length)
            if any(term in counts for term in terms):
                rows.append((job_id, length, [counts.get(term, 0) for term in terms]))
        return [doc for _score, doc in bm25(rows, terms, len(lengths), sum(lengths) / len(lengths))[:10]]

    arms = {"ours": ours, "postings": postings, "pg_fts": pg_fts, "scan": scan}
    samples = {name: [] for name in arms}
    by_kind = {}
    overlap = []
    for number, (kind, query) in enumerate(queries, 1):
        tops = {}
        for name in sorted(arms, key=lambda _name: rng.random()):  # alternate the order
            elapsed, tops[name] = timed(lambda name=name: arms[name](query))
            samples[name].append(elapsed)
            by_kind.setdefault((kind, name), []).append(elapsed)
        if not tops["ours"] == tops["postings"] == tops["scan"]:
            raise SystemExit(f"query {query!r}: the three BM25 arms disagree: {tops}")
        if tops["pg_fts"]:
            overlap.append(len(set(tops["ours"]) & set(tops["pg_fts"])) / len(tops["pg_fts"]))
        if number % 20 == 0:
            print(f"  {number}/{len(queries)} queries", flush=True)

    best = percentiles(samples["ours"])
    print(f"\n{'arm':<8} {'p50 ms':>8} {'p95 ms':>8} {'p50 ratio to ours':>18}")
    for name in arms:
        p50, p95 = percentiles(samples[name])
        print(f"{name:<8} {p50:>8.1f} {p95:>8.1f} {p50 / best[0]:>18.2f}")
    print(f"\n{'query kind':<15} " + " ".join(f"{name + ' p50':>12}" for name in arms))
    for kind in ("vendor+number", "common words", "rare words"):
        print(f"{kind:<15} " + " ".join(f"{percentiles(by_kind[(kind, name)])[0]:>12.1f}" for name in arms))
    print(f"top-10 overlap of ours with pg_fts (ts_rank): {statistics.mean(overlap or [0]):.2f}")
    print("ours includes the record rules and the quoted passages; the others return ids only.")
    savepoint.close()  # rolls back: the database is left as it was
