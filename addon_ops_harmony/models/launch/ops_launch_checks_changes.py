"""Launch review checks on change management: the rules changed since the previous run, by whom and when.

Each check takes the runner's environment and returns low findings, for the reviewer to read: one per
kind of rule (automation rules, approval policies, configurator rule sets, deal stage mappings,
ownership rules) listing the records created or changed since the previous run, or all of them on
the first run. The runner puts the previous run's id in the context under PREVIOUS_RUN_KEY; it sets
it itself, so a caller's context cannot move the date.

Who and when come from the audit log where it records the change (a policy published or no longer
enforced, a rule set version published), else from the records' own write_date and write_uid: an
automation rule counts as changed when its server actions were. A change shows the last person who
saved the record, not every person in between.
"""

from odoo import fields

from .ops_launch_review_finding import finding_values

PREVIOUS_RUN_KEY = "ops_launch_previous_id"
# how many changes a finding's text lists; the records button opens all of them
LISTED = 40


def previous_run_date(env):
    """Return the date of the run before this one (set by the runner), or None on the first run."""
    previous = env["ops.launch.review"].browse(env.context.get(PREVIOUS_RUN_KEY) or []).exists()
    return previous.date if previous else None


def _saved(env, model, since, domain=()):
    """Records of `model` (archived ones too) created or written after `since` (all of them when None)."""
    domain = list(domain) + ([("write_date", ">", since)] if since else [])
    return env[model].with_context(active_test=False).search(domain)


def _saved_line(env, record, since):
    """Say who created (when after `since`) or last changed `record`, and when."""
    if not since or record.create_date > since:
        return env._(
            "created by %(user)s on %(date)s",
            user=record.create_uid.name or "-",
            date=fields.Datetime.to_string(record.create_date),
        )
    return env._(
        "changed by %(user)s on %(date)s", user=record.write_uid.name or "-", date=fields.Datetime.to_string(record.write_date)
    )


def _audited(env, since, events):
    """Audit log entries of `events` after `since`, oldest first."""
    domain = [("event", "in", events)] + ([("timestamp", ">", since)] if since else [])
    return env["ops.audit.log"].search(domain, order="id")


def _audit_line(env, entry):
    return env._(
        "%(event)s by %(user)s on %(date)s",
        event=dict(entry._fields["event"]._description_selection(env))[entry.event],
        user=entry.user_id.name or "-",
        date=fields.Datetime.to_string(entry.timestamp),
    )


def _finding(env, kind, label, model, changes, since):
    """One low finding listing `changes` ({record: [text, ...]}) of `model` (`label`, plural), or none."""
    if not changes:
        return []
    records = env[model].browse([record.id for record in changes])
    lines = [f"{record.display_name}: {'; '.join(texts)}" for record, texts in list(changes.items())[:LISTED]]
    if len(changes) > LISTED:
        lines.append(env._("… and %(count)s more.", count=len(changes) - LISTED))
    return [
        finding_values(
            "change",
            f"change.{kind}",
            "low",
            (
                env._(
                    "%(count)s %(kind)s changed since the previous run, %(when)s",
                    count=len(records),
                    kind=label,
                    when=fields.Datetime.to_string(since),
                )
                if since
                else env._("%(count)s %(kind)s, all listed: this is the first run", count=len(records), kind=label)
            ),
            "\n".join(lines),
            env._("Check that each change was intended and approved; ask the person named about any you do not know."),
            model,
            records.ids,
        )
    ]


def _changes(env, records, since):
    return {record: [_saved_line(env, record, since)] for record in records}


def check_automation_changes(env):
    """Automation rules created or changed since the previous run, their server actions included."""
    since = previous_run_date(env)
    changes = _changes(env, _saved(env, "base.automation", since), since)
    for action in _saved(env, "ir.actions.server", since, [("base_automation_id", "!=", False)]):
        changes.setdefault(action.base_automation_id, []).append(
            env._("action %(name)s %(change)s", name=action.name, change=_saved_line(env, action, since))
        )
    return _finding(env, "automations", env._("automation rules"), "base.automation", changes, since)


def check_policy_changes(env):
    """Approval policy versions created, edited, published or no longer enforced since the previous run."""
    since = previous_run_date(env)
    changes = _changes(env, _saved(env, "ops.approval.policy", since), since)
    for entry in _audited(env, since, ["publish", "unpublish"]):
        if entry.policy_id:
            changes.setdefault(entry.policy_id, []).append(_audit_line(env, entry))
    return _finding(env, "policies", env._("approval policy versions"), "ops.approval.policy", changes, since)


def check_ruleset_changes(env):
    """Configurator rule sets changed, or given a new or published version, since the previous run."""
    since = previous_run_date(env)
    changes = _changes(env, _saved(env, "ops.config.ruleset", since), since)
    for version in _saved(env, "ops.config.ruleset.version", since):
        changes.setdefault(version.ruleset_id, []).append(
            env._("version %(version)s %(change)s", version=version.version, change=_saved_line(env, version, since))
        )
    Version = env["ops.config.ruleset.version"]
    for entry in _audited(env, since, ["config_publish"]):
        version = Version.browse(entry.res_id).exists() if entry.res_model == Version._name else Version
        if version:
            changes.setdefault(version.ruleset_id, []).append(
                env._("version %(version)s: %(audit)s", version=version.version, audit=_audit_line(env, entry))
            )
    return _finding(env, "rulesets", env._("configurator rule sets"), "ops.config.ruleset", changes, since)


def check_stage_map_changes(env):
    """Deal stage mappings created or changed since the previous run."""
    since = previous_run_date(env)
    changes = _changes(env, _saved(env, "ops.sync.stage.map", since), since)
    return _finding(env, "stage_maps", env._("deal stage mappings"), "ops.sync.stage.map", changes, since)


def check_ownership_changes(env):
    """Sync ownership rules created or changed since the previous run."""
    since = previous_run_date(env)
    changes = _changes(env, _saved(env, "ops.sync.ownership", since), since)
    return _finding(env, "ownership", env._("sync ownership rules"), "ops.sync.ownership", changes, since)


CHANGE_CHECKS = [
    check_automation_changes,
    check_policy_changes,
    check_ruleset_changes,
    check_stage_map_changes,
    check_ownership_changes,
]
