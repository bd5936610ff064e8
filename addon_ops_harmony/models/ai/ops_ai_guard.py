"""The AI layer's protected writes: states, confidences, evidence and workers change only through its code.

The gateway and the review actions check who calls and what they send, then write with this marker
in the context. An RPC caller's context is JSON: it can hold True under the same key, never this
very object (as the approval policy's engine does).
"""

_INTERNAL = object()


def ai_internal(records):
    """Return `records` for a write only the AI layer's own code makes."""
    return records.with_context(ops_ai_internal=_INTERNAL)


def is_ai_internal(records):
    return records.env.context.get("ops_ai_internal") is _INTERNAL or records.env.su
