"""Launch review checks on integrations: dead letters, failing streams and the drift of reconciliations.

Each check takes the runner's environment (superuser: it reads every sync record) and returns finding
dicts; the review runs them in the order of INTEGRATION_CHECKS. The checks only read what the sync
models already record: the events, the health lines of `ops.sync.health` and the reconciliation runs.

No stream setting holds a schedule, so "stale" and "lagging" use the thresholds below.

Webhook signing secrets are not checked: they live in the bridge's environment only
(HUBSPOT_CLIENT_SECRET, SHOPIFY_WEBHOOK_SECRET, WOOCOMMERCE_WEBHOOK_SECRET), Odoo never sees them,
and `ops-bridge serve` serves only the vendors whose secret is set (docs/webhooks.md).
"""

from datetime import timedelta

from ..sync.ops_sync_health import ATTENTION_RATE, format_lag
from .ops_launch_review_finding import finding_values

FINISHED_RECONCILE_STATES = ("done", "failed")
# Odoo records no schedule: a nightly sync is the slowest rhythm worth running, so a stream without a
# run to its end for a day has missed a scheduled run. Raise it for a stream that runs less often.
STALE_AFTER_HOURS = 24
# a live CRM or shop changes every day: a date cursor three days behind a stream that runs well means
# a quiet source, or runs that never catch up with it
CURSOR_LAG_HOURS = 72


def _finding(*args, **kwargs):
    """A finding of this category."""
    return finding_values("integrations", *args, **kwargs)


def check_dead_events(env):
    """Dead letters: events retrying cannot help, waiting for a person, one finding per stream."""
    groups = env["ops.sync.event"]._read_group(
        [("state", "=", "dead")], ["source", "stream"], ["id:array_agg"], order="source, stream"
    )
    return [
        _finding(
            "integrations.dead_events",
            "high",
            env._("%(count)s dead sync events on %(vendor)s/%(stream)s", count=len(ids), vendor=source, stream=stream),
            env._(
                "These records of %(vendor)s/%(stream)s failed validation, mapping or authentication: the sync "
                "will not retry them, so they are missing in Odoo until someone acts.",
                vendor=source,
                stream=stream,
            ),
            env._(
                "Open Sync > Needs attention, fix the cause each message names (data, mapping or credentials), "
                "then replay the events."
            ),
            "ops.sync.event",
            ids,
        )
        for source, stream, ids in groups
    ]


def check_stream_health(env):
    """Streams whose last run stopped (failing), or whose last runs lost too many records."""
    Health = env["ops.sync.health"]
    # a line's id stays the same for its stream: values read earlier in this transaction may be old
    Health.invalidate_model()
    findings = []
    for line in Health.search([("state", "in", ("failing", "attention"))]):
        if line.state == "failing":
            findings.append(
                _finding(
                    "integrations.stream_failing",
                    "high",
                    env._("The sync of %(vendor)s/%(stream)s is failing", vendor=line.source, stream=line.stream),
                    env._("Its last run stopped before the end: %(error)s", error=line.last_error or "-"),
                    env._("Fix what the last run's error names (often credentials or the vendor's API), then run it again."),
                    "ops.sync.health",
                    line.ids,
                )
            )
        # a stream that needs attention for its dead letters only is the dead events' finding
        elif line.error_rate >= ATTENTION_RATE:
            findings.append(
                _finding(
                    "integrations.stream_error_rate",
                    "medium",
                    env._("%(vendor)s/%(stream)s loses records", vendor=line.source, stream=line.stream),
                    env._(
                        "%(failed)s of %(read)s records read over its last runs failed (%(rate)s %%).",
                        failed=line.recent_failed,
                        read=line.recent_read,
                        rate=line.error_rate,
                    ),
                    env._("Read the stream's events under Sync > Needs attention and fix their common causes."),
                    "ops.sync.health",
                    line.ids,
                )
            )
    return findings


def check_reconcile_drift(env):
    """The latest finished reconciliation of each stream found records that drifted from the source."""
    Reconcile = env["ops.sync.reconcile"]
    latest = Reconcile._read_group(
        [("state", "in", FINISHED_RECONCILE_STATES)], ["source", "stream"], ["id:max"], order="source, stream"
    )
    findings = []
    for run in Reconcile.browse([run_id for _source, _stream, run_id in latest]):
        drift = run.missing_count + run.deleted_count + run.changed_count
        if not drift:
            continue
        findings.append(
            _finding(
                "integrations.reconcile_drift",
                "medium",
                env._("%(count)s records of %(vendor)s/%(stream)s drifted", count=drift, vendor=run.source, stream=run.stream),
                env._(
                    "The latest reconciliation found %(missing)s missing in Odoo, %(deleted)s deleted at the source and "
                    "%(changed)s changed without a sync; %(failed)s could not be repaired.",
                    missing=run.missing_count,
                    deleted=run.deleted_count,
                    changed=run.changed_count,
                    failed=run.failed_count,
                ),
                env._(
                    "Read the run's drift report: records drift when incremental runs miss them. Fix the cause, "
                    "then request a new reconciliation."
                ),
                "ops.sync.reconcile",
                run.ids,
            )
        )
    return findings


def _scheduled_lines(env):
    """The health lines of the streams that run (webhook-only streams have events but no run), read afresh."""
    Health = env["ops.sync.health"]
    Health.invalidate_model()
    return Health.search([("last_run_at", "!=", False)])


def _age(env, line):
    return format_lag((env.cr.now() - line.last_good_run_at).total_seconds() / 3600)


def check_stale_streams(env):
    """Streams that run, whose last run to the end is older than STALE_AFTER_HOURS (failing ones have their own finding)."""
    limit = env.cr.now() - timedelta(hours=STALE_AFTER_HOURS)
    lines = _scheduled_lines(env).filtered(
        lambda line: line.state != "failing" and line.last_good_run_at and line.last_good_run_at < limit
    )
    return [
        _finding(
            "integrations.stream_stale",
            "high",
            env._(
                "%(vendor)s/%(stream)s has not synced for %(age)s", vendor=line.source, stream=line.stream, age=_age(env, line)
            ),
            env._(
                "Its last run to the end was at %(date)s UTC, more than %(hours)s hours ago: Odoo misses what changed "
                "at the source since.",
                date=line.last_good_run_at,
                hours=STALE_AFTER_HOURS,
            ),
            env._("Check that the bridge's scheduled sync runs (ops-bridge sync, or the bridge-sync container), then run it."),
            "ops.sync.health",
            line.ids,
        )
        for line in lines
    ]


def check_cursor_lag(env):
    """Streams that ran well lately (not stale) whose cursor stands more than CURSOR_LAG_HOURS behind now."""
    limit = env.cr.now() - timedelta(hours=STALE_AFTER_HOURS)
    lines = _scheduled_lines(env).filtered(
        lambda line: line.last_good_run_at
        and line.last_good_run_at >= limit
        and line.cursor_value
        and line.cursor_lag_hours > CURSOR_LAG_HOURS
    )
    return [
        _finding(
            "integrations.cursor_lag",
            "low",
            env._(
                "The cursor of %(vendor)s/%(stream)s is %(lag)s behind",
                vendor=line.source,
                stream=line.stream,
                lag=line.cursor_lag,
            ),
            env._(
                "Its runs complete, but its cursor (%(cursor)s) stands more than %(hours)s hours behind now: either "
                "nothing changed at the source since, or each run reads less than the source changes.",
                cursor=line.cursor_value,
                hours=CURSOR_LAG_HOURS,
            ),
            env._(
                "Compare with the source: if records changed after the cursor, read the runs' counts under Sync > Sync runs "
                "and give the stream more time or more bridges (windowHours); if nothing changed, ignore it."
            ),
            "ops.sync.health",
            line.ids,
        )
        for line in lines
    ]


INTEGRATION_CHECKS = [
    check_dead_events,
    check_stream_health,
    check_reconcile_drift,
    check_stale_streams,
    check_cursor_lag,
]
