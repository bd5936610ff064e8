"""The held-out metrics a model version carries, checked strictly, and the rule that promotes one.

A candidate replaces the active version only when both were measured on the same frozen held-out set
(the same SHA-256), it scores at least as well (macro-F1 for a classifier, exact match for an
extractor) and its calibration is no worse (ECE not higher).
"""

import math
import re

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
SCORE_KEYS = {"classifier": "macro_f1", "extractor": "exact_match"}
OPTIONAL_SCORES = {"accuracy", "macro_f1", "exact_match"}
OPTIONAL_COUNTS = {"training_examples", "corrections"}
OPTIONAL_DICTS = {"per_class", "baselines"}


class MetricsRejected(ValueError):
    """Metrics that break the contract; the message names the part."""


def _unit(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 1:
        raise MetricsRejected(f"metrics.{name} must be a number from 0 to 1, got {value!r}.")
    return float(value)


def _scores_dict(value, name):
    """A dict of names to dicts of numbers (per-class scores, baselines' figures)."""
    if not isinstance(value, dict) or len(value) > 50:
        raise MetricsRejected(f"metrics.{name} must be an object of at most 50 entries.")
    for key, scores in value.items():
        if not isinstance(key, str) or not isinstance(scores, dict) or len(scores) > 20:
            raise MetricsRejected(f"metrics.{name}.{key} must be an object of figures.")
        for figure, number in scores.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
                raise MetricsRejected(f"metrics.{name}.{key}.{figure} must be a finite number.")
    return value


def check_metrics(metrics, kind):
    """Return `metrics` checked for a model of `kind`, or raise `MetricsRejected` naming what is wrong."""
    if not isinstance(metrics, dict):
        raise MetricsRejected("metrics must be an object.")
    score_key = SCORE_KEYS[kind]
    known = {"heldout_sha256", "ece", "count"} | OPTIONAL_SCORES | OPTIONAL_COUNTS | OPTIONAL_DICTS
    unknown = sorted(set(metrics) - known)
    if unknown:
        raise MetricsRejected(f"metrics has unknown keys: {', '.join(map(str, unknown))}.")
    for required in ("heldout_sha256", "ece", "count", score_key):
        if required not in metrics:
            raise MetricsRejected(f"metrics.{required} is required for a {kind}.")
    if not isinstance(metrics["heldout_sha256"], str) or not SHA256_RE.match(metrics["heldout_sha256"]):
        raise MetricsRejected("metrics.heldout_sha256 must be a SHA-256 (64 lower-case hex digits).")
    for name in ({"ece"} | OPTIONAL_SCORES) & set(metrics):
        _unit(metrics[name], name)
    for name in ({"count"} | OPTIONAL_COUNTS) & set(metrics):
        value = metrics[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if name == "count" else 0):
            raise MetricsRejected(f"metrics.{name} must be a whole number (count ≥ 1).")
    for name in OPTIONAL_DICTS & set(metrics):
        _scores_dict(metrics[name], name)
    return metrics


def promotion_verdict(candidate, active, kind):
    """Return ``(promote, reason)``: whether `candidate`'s metrics beat `active`'s (None: nothing active)."""
    score_key = SCORE_KEYS[kind]
    if active is None:
        return True, "no active version to beat"
    if candidate["heldout_sha256"] != active.get("heldout_sha256"):
        return False, (
            f"measured on another held-out set ({candidate['heldout_sha256'][:12]}…) than the active version "
            f"({str(active.get('heldout_sha256'))[:12]}…): the figures are not comparable"
        )
    ours, theirs = candidate[score_key], active.get(score_key, 0.0)
    if ours < theirs:
        return False, f"{score_key} {ours:.3f} is below the active version's {theirs:.3f}"
    if kind == "classifier" and "exact_match" in candidate and candidate["exact_match"] < active.get("exact_match", 0.0):
        return False, f"exact_match {candidate['exact_match']:.3f} is below the active version's {active['exact_match']:.3f}"
    if candidate["ece"] > active.get("ece", 1.0):
        return False, f"ECE {candidate['ece']:.3f} is worse than the active version's {active['ece']:.3f}"
    return True, f"{score_key} {ours:.3f} ≥ {theirs:.3f} and ECE {candidate['ece']:.3f} ≤ {active.get('ece', 1.0):.3f}"
