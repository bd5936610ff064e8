"""The spend category proposal: a word-vote classifier that learns from requesters' confirmations.

The AI step of the procurement scenario. Each category starts from its keywords (counted
KEYWORD_WEIGHT times); every request whose requester confirmed a category adds its words to that
category, so the proposal follows how this company actually names what it buys. Each known word
votes for the categories by how often it was seen in each (P(category | word), smoothed), which
keeps a category with many keywords from losing on the words it does not know, as a plain naive
Bayes over category totals does. The vendor's confirmed history is a prior, trusted more as it
grows: one past request leans the proposal a little, twenty lean it much more.

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
VENDOR_PRIOR_HALF = 3  # past requests from a vendor at which its prior counts half
SMOOTHING = 0.5
WORD_RE = re.compile(r"[a-z0-9]+")
STOP_WORDS = {
    "a", "an", "and", "for", "the", "of", "to", "in", "on", "with", "we", "our", "new", "need", "needs", "x",
    "pcs", "per", "please", "from", "by", "is", "are", "be", "as", "at", "or", "out", "up", "off", "into", "this",
    "that", "it", "its", "their", "they", "them", "two", "three", "one", "all", "some",
}  # fmt: skip


def fold(text):
    """Return `text` lower-case with its accents removed."""
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()


def words(text):
    """Return the words of `text`: accents folded, lower-case, stop words and 1-letter words dropped."""
    return [word for word in WORD_RE.findall(fold(text)) if len(word) > 1 and word not in STOP_WORDS]


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
        for category in categories:
            for keyword in category._ops_keywords():
                for _repeat in range(KEYWORD_WEIGHT):
                    self.counts[category.id].update(tokens(keyword))
        self.vendor_counts = defaultdict(Counter)
        for request in confirmed:
            if request.category_id.id in self.counts:
                self.counts[request.category_id.id].update(tokens(request._ops_category_text()))
                if request.vendor_id:
                    self.vendor_counts[request.vendor_id.commercial_partner_id.id][request.category_id.id] += 1
        self.vocabulary = set().union(*self.counts.values()) if self.counts else set()

    def propose(self, text, vendor):
        """Return the proposal for `text` bought from `vendor` (category, probability, why), or None."""
        seen = [word for word in tokens(text) if word in self.vocabulary]
        if not self.categories or not seen:
            return None
        vendor_history = self.vendor_counts.get(vendor.commercial_partner_id.id) if vendor else None
        size = len(self.categories)
        trust = 0.0
        if vendor_history:
            seen_requests = sum(vendor_history.values())
            trust = VENDOR_PRIOR_WEIGHT * seen_requests / (seen_requests + VENDOR_PRIOR_HALF)
        scores, reasons = {}, {}
        for category in self.categories:
            counts = self.counts[category.id]
            score = 0.0
            if vendor_history:
                share = (vendor_history[category.id] + 1) / (sum(vendor_history.values()) + size)
                score += trust * math.log(share * size)
            for word in seen:
                everywhere = sum(other[word] for other in self.counts.values())
                score += math.log((counts[word] + SMOOTHING) / (everywhere + SMOOTHING * size))
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
