"""The AI steps of support cases: an extractive case summary, and root causes grouped across cases.

Both work on the case's own words, with no external service, and both are followed by a person:
the agent confirms (or rewrites) the summary before it goes to finance, and a support lead names
and merges the root-cause groups.

The summary keeps what finance needs: who, the first sentence of the problem, the invoices,
orders and amounts the case mentions, and the customer's latest message. Root causes are grouped
by TF-IDF cosine similarity: a case joins the group whose centroid is closest if the similarity
reaches GROUP_SIMILARITY, otherwise it starts a group; a group of MIN_GROUP cases or more is a
root cause, named by its most distinctive words.
"""

import math
import re
from collections import Counter

from odoo.tools import html2plaintext

from ..procurement.ops_procurement_category_ai import tokens

SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
INVOICE_RE = re.compile(r"\b(?:INV|FAC|RINV|BILL)/\d{4}/\d{2,6}\b|\b(?:INV|FAC)[-/]?\d{3,}\b", re.IGNORECASE)
ORDER_RE = re.compile(r"\bS\d{5}\b")
AMOUNT_RE = re.compile(r"(?:[€$£]\s?\d[\d.,]*\d|\b\d[\d.,]*\d\s?(?:EUR|USD|GBP|€|\$|£))")
FIRST_SENTENCE_CHARS = 240
GROUP_SIMILARITY = 0.3
MIN_GROUP = 2
NAME_WORDS = 3


def plain(html):
    return " ".join(html2plaintext(html or "").split())


def first_sentence(text):
    sentence = SENTENCE_RE.split(text.strip(), maxsplit=1)[0] if text.strip() else ""
    return sentence if len(sentence) <= FIRST_SENTENCE_CHARS else sentence[: FIRST_SENTENCE_CHARS - 1] + "…"


def references(text):
    """Return the invoice numbers, order numbers and amounts `text` mentions, each in order, once."""
    return {
        "invoices": list(dict.fromkeys(match.upper() for match in INVOICE_RE.findall(text))),
        "orders": list(dict.fromkeys(ORDER_RE.findall(text))),
        "amounts": list(dict.fromkeys(AMOUNT_RE.findall(text))),
    }


def vectors(texts):
    """Return one L2-normalised TF-IDF vector (a dict) per text."""
    counts = [Counter(tokens(text)) for text in texts]
    documents = Counter(word for count in counts for word in count)
    total = len(texts)
    result = []
    for count in counts:
        # smoothed IDF (as scikit-learn): a word every case uses still counts, just less
        vector = {word: freq * (math.log((1 + total) / (1 + documents[word])) + 1) for word, freq in count.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        result.append({word: value / norm for word, value in vector.items() if value})
    return result


def _cosine(left, right):
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(word, 0.0) for word, value in left.items())


def group(texts):
    """Group `texts` by similarity; return [(indexes, name words)] for groups of MIN_GROUP or more."""
    groups = []  # [indexes, centroid]
    for index, vector in enumerate(vectors(texts)):
        best, best_score = None, GROUP_SIMILARITY
        for candidate in groups:
            score = _cosine(vector, candidate[1])
            if score >= best_score:
                best, best_score = candidate, score
        if best is None:
            groups.append([[index], dict(vector)])
            continue
        best[0].append(index)
        size = len(best[0])
        centroid = {word: value * (size - 1) / size for word, value in best[1].items()}
        for word, value in vector.items():
            centroid[word] = centroid.get(word, 0.0) + value / size
        best[1] = centroid
    return [
        (indexes, [word for word, _value in sorted(centroid.items(), key=lambda item: (-item[1], item[0]))[:NAME_WORDS]])
        for indexes, centroid in groups
        if len(indexes) >= MIN_GROUP
    ]
