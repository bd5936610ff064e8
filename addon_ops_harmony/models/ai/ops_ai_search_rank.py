"""Offline ranking for "Ask the documents": tokens, Okapi BM25, and the quoted passages. Pure, no ORM.

A document is a list of segments (its subject, its extracted text, one line per proposed field),
each `(source, text)`. Its index is the count of each token over all its segments, stored on the
job; a query ranks the candidate jobs with BM25 (k1 = 1.2, b = 0.75) and answers with the lines or
sentences of the best ones that hold the query's words, quoted verbatim.
"""

import math
import re
import unicodedata

K1 = 1.2
B = 0.75
TOKEN_RE = re.compile(r"\w+")
QUOTE_MAX = 300
TOKEN_MAX = 64  # a longer "word" is a blob (base64, a hash): never a query, and too long for a btree
SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")


def fold(text):
    """Return `text` lower-cased without accents ("Échéance" -> "echeance")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text):
    """Return the words of `text`, folded: letters and digits, split on everything else (none longer than 64)."""
    return [token for token in TOKEN_RE.findall(fold(text or "")) if len(token) <= TOKEN_MAX]


def term_counts(segments):
    """Return ({token: count}, length) over the texts of `segments`, the job's search index."""
    counts = {}
    length = 0
    for _source, text in segments:
        for token in tokens(text):
            counts[token] = counts.get(token, 0) + 1
            length += 1
    return counts, length


def idf_weights(rows, term_count, total_docs):
    """Return each term's BM25 idf; `rows` hold every document that has any term, so they give its df."""
    frequency = [sum(1 for _doc, _length, counts in rows if counts[index] > 0) for index in range(term_count)]
    return [math.log(1 + (total_docs - df + 0.5) / (df + 0.5)) for df in frequency]


def bm25(rows, terms, total_docs, average_length):
    """Score candidate documents with Okapi BM25.

    :param rows: ``[(doc_id, length, [count of each term])]``, every document holding any of `terms`
    :param total_docs: how many documents the caller may search (N)
    :return: ``[(score, doc_id)]``, best first (ties: the newest document first)
    """
    idf = idf_weights(rows, len(terms), total_docs)
    average_length = average_length or 1.0
    scored = []
    for doc_id, length, counts in rows:
        norm = K1 * (1 - B + B * length / average_length)
        score = sum(idf[i] * count * (K1 + 1) / (count + norm) for i, count in enumerate(counts) if count)
        scored.append((score, doc_id))
    scored.sort(key=lambda item: (-item[0], -item[1]))
    return scored


def pieces(text):
    """Yield (start, end) of each line of `text`, long lines cut into sentences."""
    offset = 0
    for line in text.split("\n"):
        if len(line) <= QUOTE_MAX:
            if line.strip():
                yield offset, offset + len(line)
        else:
            for match in SENTENCE_RE.finditer(line):
                if match.group(0).strip():
                    yield offset + match.start(), offset + match.end()
        offset += len(line) + 1


def passages(segments, terms, weights, limit=2):
    """Return the best `limit` passages of `segments` holding the terms: ``[(score, source, start, quote)]``.

    A passage is a line (or sentence) quoted as written, trimmed to at most QUOTE_MAX characters
    around its first matching word; `start` is its offset in its segment's text.
    """
    wanted = dict(zip(terms, weights))
    found = []
    for source, text in segments:
        for start, end in pieces(text or ""):
            piece = text[start:end]
            hits = {token for token in tokens(piece) if token in wanted}
            if not hits:
                continue
            score = sum(wanted[token] for token in hits)
            trimmed_start, quote = _trim(piece, hits)
            found.append((score, source, start + trimmed_start, quote))
    found.sort(key=lambda item: -item[0])
    return found[:limit]


def _trim(piece, hits):
    """Return (offset, text) of `piece` stripped, at most QUOTE_MAX characters around its first hit."""
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    if len(body) <= QUOTE_MAX:
        return lead, body
    folded = fold(body)
    first = min(
        (match.start() for match in TOKEN_RE.finditer(folded) if match.group(0) in hits),
        default=0,
    )
    begin = max(0, first - QUOTE_MAX // 3)
    window = body[begin : begin + QUOTE_MAX]
    return lead + begin, window.strip()
