"""Launch review checks on the environment: backups noted, and a staging copy that acts as production.

Odoo cannot see backups, which live outside the database, so the review asks that they be noted:
the `addon_ops_harmony.backup_note` system parameter says where backups go and when a restore was
last tested, and its absence is a finding. A staging or test copy is recognised by Odoo's own
neutralisation flag (`database.is_neutralized`, set by `odoo-bin neutralize`) or by
`addon_ops_harmony.environment` set to staging or test; such a copy must neither send mail (an
active outgoing mail server) nor receive the production sources' webhooks (sync events received in
the last WEBHOOK_HOURS hours).
"""

from datetime import timedelta

from odoo import fields

from .ops_launch_review_finding import finding_values

BACKUP_PARAM = "addon_ops_harmony.backup_note"
ENVIRONMENT_PARAM = "addon_ops_harmony.environment"
NON_PRODUCTION = ("staging", "test")
WEBHOOK_HOURS = 24


def _finding(*args, **kwargs):
    return finding_values("deployment", *args, **kwargs)


def _is_copy(env):
    params = env["ir.config_parameter"]
    environment = (params.get_param(ENVIRONMENT_PARAM) or "").strip().lower()
    return bool(params.get_param("database.is_neutralized")) or environment in NON_PRODUCTION


def check_backup_noted(env):
    """Nobody wrote down where the backups go and when a restore was last tested."""
    if (env["ir.config_parameter"].get_param(BACKUP_PARAM) or "").strip():
        return []
    return [
        _finding(
            "deployment.backup_not_noted",
            "medium",
            env._("Backups are not noted"),
            env._("Odoo cannot see the backups: nothing says where they go, how often, or when a restore was last tested."),
            env._(
                "Set the system parameter %(param)s (Settings > Technical > System Parameters), e.g. "
                "'nightly pg_dump and filestore to the offsite bucket; restore tested on 2026-11-30'.",
                param=BACKUP_PARAM,
            ),
        )
    ]


def check_copy_side_effects(env):
    """A staging or test copy that still sends mail or still receives the production webhooks."""
    if not _is_copy(env):
        return []
    findings = []
    servers = env["ir.mail_server"].search([("active", "=", True)])
    if servers:
        findings.append(
            _finding(
                "deployment.copy_sends_mail",
                "critical",
                env._("This staging or test copy still sends mail"),
                env._("%(count)s active outgoing mail servers: customers would get this copy's messages.", count=len(servers)),
                env._("Archive the outgoing mail servers of this copy, or run odoo-bin neutralize on it."),
                "ir.mail_server",
                servers.ids,
            )
        )
    since = fields.Datetime.now() - timedelta(hours=WEBHOOK_HOURS)
    events = env["ops.sync.event"].search([("create_date", ">=", since)])
    if events:
        findings.append(
            _finding(
                "deployment.copy_receives_webhooks",
                "critical",
                env._("This staging or test copy receives the sources' webhooks"),
                env._(
                    "%(count)s sync events arrived in the last %(hours)s hours: a production source still posts here, "
                    "and what it sends is applied to this copy.",
                    count=len(events),
                    hours=WEBHOOK_HOURS,
                ),
                env._("Point the sources' webhooks (and the bridge) at production only, and give this copy its own secrets."),
                "ops.sync.event",
                events.ids,
            )
        )
    return findings


ENVIRONMENT_CHECKS = [check_backup_noted, check_copy_side_effects]
