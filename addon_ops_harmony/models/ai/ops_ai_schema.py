"""What the AI worker may send: the contract's field names and the strict check of a submitted result.

Pure functions, no ORM: `check_result` returns the result as Odoo stores it or raises
`ResultRejected` naming the part that is wrong (`fields[3].confidence`, ...). The gateway turns that
into a ValidationError, which JSON-2 answers with 422: a worker's bug, never a 500.
"""

import math
import re

TEXT_MAX = 2 * 1024 * 1024
SHORT_MAX = 256
VALUE_MAX = 4096
LIST_MAX = 500
HEX64_RE = re.compile(r"^[0-9a-f]{64}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
FAILURE_CATEGORIES = [
    ("corrupt", "Corrupt document"),
    ("encrypted", "Encrypted document"),
    ("empty", "Empty document"),
    ("too_large", "Too large"),
    ("unsupported", "Unsupported format"),
    ("language", "Unsupported language"),
    ("internal", "Internal error"),
    ("no_document", "No document in the email"),
    ("no_body", "Email without a body"),
]
# the categories the worker may report; the last two are Odoo's own, at intake
WORKER_CATEGORIES = {code for code, _label in FAILURE_CATEGORIES[:7]}
VENDOR_BILL_FIELDS = (
    "partner_name",
    "partner_vat",
    "partner_iban",
    "invoice_number",
    "invoice_date",
    "due_date",
    "currency",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
)
REQUEST_COMMON_FIELDS = ("contact_name", "email", "phone", "company")
REQUEST_CLASS_FIELDS = {
    "sales_lead": ("product_interest",),
    "procurement_request": ("item", "quantity", "budget"),
    "support_case": ("order_reference", "issue"),
    "onboarding_request": ("employee_name", "start_date", "role"),
    "other": (),
}
REQUEST_CLASSES = tuple(REQUEST_CLASS_FIELDS)
RESULT_KEYS = {
    "provider",
    "model_version",
    "prompt_version",
    "field_calibration",
    "input_sha256",
    "text",
    "pages",
    "class",
    "fields",
    "lines",
    "checks",
}
# who read the document: the worker's own code, or an OpenAI-compatible endpoint (needs the type's opt-in)
LOCAL_PROVIDER = "local"
PROVIDERS = (LOCAL_PROVIDER, "openai_compatible")
PAGE_UNITS = ("pt", "px")
FIELD_KEYS = {"name", "raw", "value", "confidence", "evidence", "candidates", "generator"}
LINE_KEYS = {"description", "quantity", "unit_price", "amount", "tax_rate", "confidence", "evidence"}


class ResultRejected(ValueError):
    """A submitted result that breaks the contract; the message names the part."""


def allowed_fields(document_type, label):
    """Return the field names a result of `document_type` (and class `label`) may propose."""
    if document_type == "vendor_bill":
        return set(VENDOR_BILL_FIELDS)
    if document_type == "inbound_request":
        return set(REQUEST_COMMON_FIELDS) | set(REQUEST_CLASS_FIELDS.get(label, ()))
    return set()


def _kind(value):
    return "null" if value is None else type(value).__name__


def _text(value, where, limit=SHORT_MAX, required=True):
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ResultRejected(f"{where} must be a non-empty string, got {_kind(value)}.")
    if len(value) > limit:
        raise ResultRejected(f"{where} is longer than {limit} characters.")
    if "\x00" in value:
        raise ResultRejected(f"{where} contains a NUL character: PostgreSQL cannot store it, remove it.")
    return value


def _number(value, where, low=None, high=None, required=True):
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ResultRejected(f"{where} must be a finite number, got {_kind(value)}.")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ResultRejected(f"{where} must be between {low} and {high}, got {value}.")
    return value


def _confidence(value, where):
    return _number(value, where, 0, 1)


def _object(value, where, keys, required=()):
    if not isinstance(value, dict):
        raise ResultRejected(f"{where} must be an object, got {_kind(value)}.")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise ResultRejected(f"{where} has unknown keys: {', '.join(map(str, unknown))}.")
    missing = [key for key in required if key not in value]
    if missing:
        raise ResultRejected(f"{where} lacks {', '.join(missing)}.")
    return value


def _list(value, where, required=False):
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise ResultRejected(f"{where} must be a list, got {_kind(value)}.")
    if len(value) > LIST_MAX:
        raise ResultRejected(f"{where} has more than {LIST_MAX} items.")
    return value


def _evidence(value, where, text_length):
    """Check a page box or a character span; a span must fall inside the extracted text."""
    if value is None:
        return None
    if isinstance(value, dict) and "span" in value:
        _object(value, where, {"span"})
        span = value["span"]
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) and not isinstance(i, bool) for i in span)):
            raise ResultRejected(f"{where}.span must be [start, end] as whole numbers.")
        if not 0 <= span[0] <= span[1] <= text_length:
            raise ResultRejected(f"{where}.span {span} falls outside the extracted text.")
        return {"span": span}
    _object(value, where, {"page", "box"}, ("page", "box"))
    page = value["page"]
    if isinstance(page, bool) or not isinstance(page, int) or page < 1:
        raise ResultRejected(f"{where}.page must be a page number from 1.")
    box = value["box"]
    if not (isinstance(box, list) and len(box) == 4):
        raise ResultRejected(f"{where}.box must be [x0, y0, x1, y1].")
    for index, coordinate in enumerate(box):
        _number(coordinate, f"{where}.box[{index}]", 0)
    return {"page": page, "box": box}


def _field(item, where, allowed, text_length):
    _object(item, where, FIELD_KEYS, ("name", "value", "confidence"))
    name = _text(item["name"], f"{where}.name", 64)
    if name not in allowed:
        raise ResultRejected(
            f"{where}.name: {name!r} is not a field of this document type (expected one of {', '.join(sorted(allowed))})."
        )
    candidates = []
    for index, candidate in enumerate(_list(item.get("candidates"), f"{where}.candidates")):
        at = f"{where}.candidates[{index}]"
        _object(candidate, at, {"value", "confidence", "generator"}, ("value", "confidence"))
        candidates.append(
            {
                "value": _text(candidate["value"], f"{at}.value", VALUE_MAX, required=False),
                "confidence": _confidence(candidate["confidence"], f"{at}.confidence"),
                "generator": _text(candidate.get("generator"), f"{at}.generator", 64, required=False),
            }
        )
    return {
        "name": name,
        "raw": _text(item.get("raw"), f"{where}.raw", VALUE_MAX, required=False),
        "value": _text(item["value"], f"{where}.value", VALUE_MAX, required=False),
        "confidence": _confidence(item["confidence"], f"{where}.confidence"),
        "evidence": _evidence(item.get("evidence"), f"{where}.evidence", text_length),
        "candidates": candidates,
        "generator": _text(item.get("generator"), f"{where}.generator", 64, required=False),
    }


def _line(item, where, text_length):
    _object(item, where, LINE_KEYS, ("description", "amount"))
    return {
        "description": _text(item["description"], f"{where}.description", VALUE_MAX),
        "quantity": _number(item.get("quantity"), f"{where}.quantity", required=False),
        "unit_price": _number(item.get("unit_price"), f"{where}.unit_price", required=False),
        "amount": _number(item["amount"], f"{where}.amount"),
        "tax_rate": _number(item.get("tax_rate"), f"{where}.tax_rate", 0, 100, required=False),
        "confidence": _confidence(item.get("confidence", 0), f"{where}.confidence"),
        "evidence": _evidence(item.get("evidence"), f"{where}.evidence", text_length),
    }


def _class(value, document_type):
    if value is None:
        if document_type == "inbound_request":
            raise ResultRejected("class is required for an inbound request.")
        return None
    _object(value, "class", {"label", "confidence", "candidates"}, ("label", "confidence"))
    label = _text(value["label"], "class.label", 64)
    if document_type == "inbound_request" and label not in REQUEST_CLASSES:
        raise ResultRejected(f"class.label {label!r} is not one of {', '.join(REQUEST_CLASSES)}.")
    candidates = []
    for index, candidate in enumerate(_list(value.get("candidates"), "class.candidates")):
        at = f"class.candidates[{index}]"
        _object(candidate, at, {"label", "confidence"}, ("label", "confidence"))
        candidates.append(
            {
                "label": _text(candidate["label"], f"{at}.label", 64),
                "confidence": _confidence(candidate["confidence"], f"{at}.confidence"),
            }
        )
    return {"label": label, "confidence": _confidence(value["confidence"], "class.confidence"), "candidates": candidates}


def check_result(result, document_type):
    """Return `result` checked and normalized for `document_type`; raise ResultRejected naming what is wrong."""
    _object(result, "result", RESULT_KEYS, ("provider", "model_version", "input_sha256", "text"))
    text = result["text"]
    if not isinstance(text, str):
        raise ResultRejected(f"text must be a string, got {_kind(text)}.")
    if "\x00" in text:
        raise ResultRejected(
            "text contains NUL characters: PostgreSQL cannot store them, remove them before the spans are counted."
        )
    if len(text.encode()) > TEXT_MAX:
        raise ResultRejected("text is larger than 2 MB: fail the job as too_large instead.")
    input_sha256 = _text(result["input_sha256"], "input_sha256", 64)
    if not HEX64_RE.match(input_sha256):
        raise ResultRejected("input_sha256 must be 64 lower-case hexadecimal digits.")
    klass = _class(result.get("class"), document_type)
    allowed = allowed_fields(document_type, klass and klass["label"])
    fields_ = [_field(item, f"fields[{i}]", allowed, len(text)) for i, item in enumerate(_list(result.get("fields"), "fields"))]
    names = [item["name"] for item in fields_]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ResultRejected(f"fields: {', '.join(duplicated)} proposed more than once.")
    lines = [_line(item, f"lines[{i}]", len(text)) for i, item in enumerate(_list(result.get("lines"), "lines"))]
    if lines and document_type != "vendor_bill":
        raise ResultRejected("lines are only for vendor bills.")
    pages = []
    for index, page in enumerate(_list(result.get("pages"), "pages")):
        at = f"pages[{index}]"
        _object(page, at, {"number", "width", "height", "unit"}, ("number", "width", "height"))
        checked_page = {key: _number(page[key], f"{at}.{key}", 0) for key in ("number", "width", "height")}
        if page.get("unit") is not None:
            if page["unit"] not in PAGE_UNITS:
                raise ResultRejected(f"{at}.unit must be one of {', '.join(PAGE_UNITS)}.")
            checked_page["unit"] = page["unit"]
        pages.append(checked_page)
    checks = []
    for index, check in enumerate(_list(result.get("checks"), "checks")):
        at = f"checks[{index}]"
        _object(check, at, {"name", "ok", "detail"}, ("name", "ok"))
        if not isinstance(check["ok"], bool):
            raise ResultRejected(f"{at}.ok must be true or false, got {_kind(check['ok'])}.")
        checks.append(
            {
                "name": _text(check["name"], f"{at}.name", 64),
                "ok": check["ok"],
                "detail": _text(check.get("detail"), f"{at}.detail", VALUE_MAX, required=False),
            }
        )
    provider = _text(result["provider"], "provider", 64)
    if provider not in PROVIDERS:
        raise ResultRejected(f"provider must be one of {', '.join(PROVIDERS)}, got {provider!r}.")
    prompt_version = _text(result.get("prompt_version"), "prompt_version", 128, required=False)
    if provider != LOCAL_PROVIDER and prompt_version is None:
        raise ResultRejected("prompt_version is required when an external provider read the document.")
    return {
        "provider": provider,
        "model_version": _text(result["model_version"], "model_version", 128),
        "prompt_version": prompt_version,
        # the calibration map the worker's field confidences went through (its content-hash name), if any
        "field_calibration": _text(result.get("field_calibration"), "field_calibration", 128, required=False),
        "input_sha256": input_sha256,
        "text": text,
        "pages": pages,
        "class": klass,
        "fields": fields_,
        "lines": lines,
        "checks": checks,
    }
