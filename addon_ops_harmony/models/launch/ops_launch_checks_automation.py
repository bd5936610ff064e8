"""Launch review checks on automation rules: the ones that failed recently, and the ones nobody owns.

Part of the rules category (see `ops_launch_checks_rules.py`, whose RULES_CHECKS runs these first).

- A failing automation rule. Odoo 19 keeps no failure on the rule itself. A rule run by a create or
  a write raises in that transaction, which rolls back: nothing is left to read. What is recorded:
  a webhook rule with "Log Calls" writes an ERROR `ir.logging` line (path `base_automation(<id>)`),
  and base_automation's cron counts its consecutive failures (`failure_count`, `first_failure_date`)
  while a time-based rule that ran well moves its `last_run`. So a webhook rule with an error logged
  after its last edit, in the last days, and a time-based rule that has not completed since its cron
  started failing, are found; nothing else can be.
- An automation rule without an owner. A rule has no responsible field: its owner can only be the
  person who created it or last saved it. A rule shipped by a module (it has an XML id of that
  module) is the module's; any other active rule whose creator and last editor are both archived, or
  not internal users, has nobody left to answer for it.
"""

from datetime import timedelta

from odoo.addons.base_automation.models.base_automation import TIME_TRIGGERS

from .ops_launch_review_finding import finding_values

# how long an automation error logged by a webhook counts as recent
RECENT_FAILURE_DAYS = 7
AUTOMATION_CRON = "base_automation.ir_cron_data_base_automation_check"


def _finding(*args, **kwargs):
    """A finding of this category."""
    return finding_values("rules", *args, **kwargs)


def names_of(records, limit=10):
    """The names of the first `limit` records, for a finding's text."""
    names = records[:limit].mapped("display_name")
    return ", ".join(names) + (", …" if len(records) > limit else "")


def able(users):
    """The users who can act: active internal users."""
    return users.filtered(lambda user: user.active and not user.share)


def check_failing_automations(env):
    """Webhook rules with an error logged since their last edit, and time-based rules their failing cron did not run."""
    Automation = env["base.automation"]
    since = env.cr.now() - timedelta(days=RECENT_FAILURE_DAYS)
    webhooks = Automation.search([("trigger", "=", "on_webhook")])
    paths = {f"base_automation({rule.id})": rule for rule in webhooks}
    errors = env["ir.logging"].search_fetch(
        [("path", "in", list(paths)), ("level", "=", "ERROR"), ("create_date", ">=", since)], ["path", "create_date"]
    )
    failing = Automation.browse()
    for error in errors:
        rule = paths[error.path]
        if not rule.write_date or error.create_date > rule.write_date:
            failing |= rule
    cron = env.ref(AUTOMATION_CRON, raise_if_not_found=False)
    if cron and cron.failure_count and cron.first_failure_date:
        timed = Automation.search([("trigger", "in", TIME_TRIGGERS)])
        failing |= timed.filtered(lambda rule: not rule.last_run or rule.last_run < cron.first_failure_date)
    if not failing:
        return []
    return [
        _finding(
            "rules.automation_failing",
            "high",
            env._("%(count)s automation rules failed recently", count=len(failing)),
            env._(
                "These rules did not do their work: %(names)s. A webhook rule logged an error after its last edit; "
                "a time-based rule has not completed since the automation cron started failing.",
                names=names_of(failing),
            ),
            env._(
                "Read the errors (webhook rules: Logs on the rule; time-based rules: the server log around the cron's "
                "runs), fix the rule or its action, and save it."
            ),
            "base.automation",
            failing.ids,
        )
    ]


def check_ownerless_automations(env):
    """Active rules no module ships whose creator and last editor are both gone (archived or not internal)."""
    rules = env["base.automation"].search([])
    shipped = env["ir.model.data"].search_fetch(
        [("model", "=", "base.automation"), ("res_id", "in", rules.ids)], ["module", "res_id"]
    )
    from_modules = {data.res_id for data in shipped if not data.module.startswith("__")}
    ownerless = rules.filtered(lambda rule: rule.id not in from_modules and not able(rule.create_uid | rule.write_uid))
    if not ownerless:
        return []
    return [
        _finding(
            "rules.automation_no_owner",
            "medium",
            env._("%(count)s automation rules have no owner", count=len(ownerless)),
            env._(
                "Nobody who made or last changed these rules still works here: %(names)s. Nobody will notice "
                "when they misfire.",
                names=names_of(ownerless),
            ),
            env._("Have someone who knows what each rule is for review it and save it, or archive the rules nobody needs."),
            "base.automation",
            ownerless.ids,
        )
    ]


AUTOMATION_CHECKS = [
    check_failing_automations,
    check_ownerless_automations,
]
