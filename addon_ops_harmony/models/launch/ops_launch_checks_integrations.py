"""Launch review checks on integrations: dead letters, failing streams and the drift of reconciliations.

Each check takes the runner's environment (superuser: it reads every sync record) and returns finding
dicts; the review runs them in the order of INTEGRATION_CHECKS. The checks only read what the sync
models already record: the events, the health lines of `ops.sync.health` and the reconciliation runs.

A stale stream is not checked: the health lines give a cursor lag but no lag a stream may reach, and
picking one here would be a policy the sync itself does not have.
"""

from ..sync.ops_sync_health import ATTENTION_RATE
from .ops_launch_review_finding import finding_values

FINISHED_RECONCILE_STATES = ("done", "failed")


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


INTEGRATION_CHECKS = [
    check_dead_events,
    check_stream_health,
    check_reconcile_drift,
]
