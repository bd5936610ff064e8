"""The words of the dead-letter queue: which record, what happened to it, and what to do next.

Plain Python, no model. An event's message reads as a sentence a person can act on
("HubSpot contact 123 was not synced: the field "email" is a number, not text. What to do: …"),
and its cause is the same problem without the record's own values ("the field "email" is a
number, not text"), so that 2,000 events group into the few causes behind them.
"""

import re

# how people name the sources; an unknown source is named from its code
SOURCE_LABELS = {
    "hubspot": "HubSpot",
    "google_ads": "Google Ads",
    "woocommerce": "WooCommerce",
    "csv": "CSV",
    "salesforce": "Salesforce",
    "linkedin_ads": "LinkedIn Ads",
    "shopify": "Shopify",
}
# what one record of a stream is called
RECORD_NOUNS = {
    "companies": "company",
    "contacts": "contact",
    "customers": "customer",
    "deals": "deal",
    "orders": "order",
    "campaigns": "campaign",
    "campaign_spend": "spend row",
    "products": "product",
    "leads": "lead",
    "accounts": "account",
    "opportunities": "opportunity",
}
# what to do, by category (the bridge writes its own for what it reports)
ADVICE = {
    "validation": "correct the record in {source} (or the bridge's mapping, if the value is valid there), then Replay it",
    "mapping": "add what is missing in Odoo (the mapping, or the record it refers to), then Replay it",
    "odoo": "fix in Odoo what the message names, then Replay it",
    "conflict": "decide under Sync > Conflicts: accept the incoming value or keep Odoo's",
    "auth": "renew the bridge's {source} credentials, then run the sync again",
    "rate_limit": "nothing: the next run retries it; if it keeps happening, sync less often",
    "remote_5xx": "nothing: the next run retries it; if it keeps happening, check {source}'s status page",
}
OUTCOMES = {
    "validation": "was not synced",
    "mapping": "was not synced",
    "odoo": "was not saved: Odoo refused it",
    "conflict": "was synced except for fields edited in Odoo",
}
CAUSE_MAX = 200
QUOTED_RE = re.compile(r"'[^']*'")
INDEX_RE = re.compile(r"\[\d+\]")


def source_label(source):
    """Return how people name `source` ("HubSpot" for hubspot)."""
    return SOURCE_LABELS.get(source) or (source or "").replace("_", " ").title()


def record_noun(stream):
    """Return what one record of `stream` is called ("contact" for contacts)."""
    if stream in RECORD_NOUNS:
        return RECORD_NOUNS[stream]
    noun = (stream or "record").replace("_", " ")
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def record_label(source, stream, external_id):
    """Return the record as a person names it: "HubSpot contact 123"."""
    label = f"{source_label(source)} {record_noun(stream)}"
    return f"{label} {external_id}" if external_id else f"A {label}"


def advice(category, source):
    """Return what a person should do about a failure of `category`."""
    return ADVICE.get(category, ADVICE["validation"]).format(source=source_label(source))


def event_message(source, stream, external_id, category, problem):
    """Return the message of a record Odoo refused: the record, what happened, what to do."""
    outcome = OUTCOMES.get(category, "was not synced")
    problem = (problem or "no reason was given").rstrip(". ")
    return f"{record_label(source, stream, external_id)} {outcome}: {problem}. What to do: {advice(category, source)}."


def generic_cause(problem):
    """Return `problem` without the record's own values (quoted, or list positions), to group its events.

    Several problems joined by "; " keep one copy of each: three unknown SKUs are one cause.
    """
    parts = [INDEX_RE.sub("[…]", QUOTED_RE.sub("'…'", part.strip().rstrip("."))) for part in (problem or "").split("; ")]
    cause = "; ".join(dict.fromkeys(part for part in parts if part))
    return cause[:CAUSE_MAX] or "no reason was given"
