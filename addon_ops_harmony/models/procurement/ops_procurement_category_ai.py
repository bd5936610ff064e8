"""The spend category proposal: a naive Bayes classifier that learns from requesters' confirmations.

The AI step of the procurement scenario. Each category starts from its keywords (a pseudo-document
counted KEYWORD_WEIGHT times); every request whose requester confirmed a category adds its words to
that category, so the proposal follows how this company actually names what it buys. The vendor's
confirmed history is a prior: a vendor that sold only software leans the proposal to software.

The proposal is a suggestion with its probability and the words that decided it. The requester
confirms it or picks another category, and nothing orders before that human step.
"""

import math
import re
import unicodedata
from collections import Counter, defaultdict

KEYWORD_WEIGHT = 3
HISTORY_LIMIT = 2000  # confirmed requests read to learn, newest first
VENDOR_PRIOR_WEIGHT = 2.0
WORD_RE = re.compile(r"[a-z0-9]+")
STOP_WORDS = {
    "a", "an", "and", "for", "the", "of", "to", "in", "on", "with", "we", "our", "new", "need", "needs", "x",
    "pcs", "per", "please", "from", "by", "is", "are", "be", "as", "at", "or",
}  # fmt: skip


def words(text):
    """Return the words of `text`: accents folded, lower-case, stop words and 1-letter words dropped."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return [word for word in WORD_RE.findall(folded) if len(word) > 1 and word not in STOP_WORDS]


def _stem(word):
    """A light plural fold so 'laptops' counts as 'laptop'."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def tokens(text):
    return [_stem(word) for word in words(text)]


class SpendModel:
    """Word counts per category, from keywords and confirmed requests."""

    def __init__(self, categories, confirmed):
        self.categories = categories
        self.counts = {category.id: Counter() for category in categories}
        self.documents = Counter()
        for category in categories:
            for keyword in category._ops_keywords():
                for _repeat in range(KEYWORD_WEIGHT):
                    self.counts[category.id].update(tokens(keyword))
            self.documents[category.id] += 1
        self.vendor_counts = defaultdict(Counter)
        for request in confirmed:
            if request.category_id.id in self.counts:
                self.counts[request.category_id.id].update(tokens(request._ops_category_text()))
                self.documents[request.category_id.id] += 1
                if request.vendor_id:
                    self.vendor_counts[request.vendor_id.commercial_partner_id.id][request.category_id.id] += 1
        self.vocabulary = set().union(*self.counts.values()) if self.counts else set()

    def propose(self, text, vendor):
        """Return the proposal for `text` bought from `vendor` (category, probability, why), or None."""
        seen = [word for word in tokens(text) if word in self.vocabulary]
        if not self.categories or not seen:
            return None
        total_documents = sum(self.documents.values())
        vendor_history = self.vendor_counts.get(vendor.commercial_partner_id.id) if vendor else None
        scores, reasons = {}, {}
        size = len(self.vocabulary)
        for category in self.categories:
            counts = self.counts[category.id]
            total = sum(counts.values())
            score = math.log(self.documents[category.id] / total_documents)
            if vendor_history:
                share = (vendor_history[category.id] + 1) / (sum(vendor_history.values()) + len(self.categories))
                score += VENDOR_PRIOR_WEIGHT * math.log(share * len(self.categories))
            for word in seen:
                score += math.log((counts[word] + 1) / (total + size))
            scores[category.id] = score
            reasons[category.id] = [word for word in dict.fromkeys(seen) if counts[word]]
        best = max(scores, key=scores.get)
        top = scores[best]
        return {
            "category": self.categories.browse(best),
            "probability": 1.0 / sum(math.exp(score - top) for score in scores.values()),
            "words": reasons[best][:6],
            "vendor_hits": vendor_history[best] if vendor_history else 0,
            "vendor_total": sum(vendor_history.values()) if vendor_history else 0,
        }
