"""Launch review checks on rules: automation rules, approval policies, lead routing and configurator rule sets.

Each check takes the runner's environment (superuser) and returns finding dicts; the review runs them
in the order of RULES_CHECKS. The automation rules' checks live in `ops_launch_checks_automation.py`,
which says what Odoo records of a failing rule and what an owner can mean. The others read:

- An approver who cannot act. A step's users and group are resolved as the engine does (active
  internal users). A step taking its users from a field of the record cannot be resolved without a
  record, so it is taken as able. A policy asking approvers escalates to nobody when its escalation
  user and group hold no active internal user (the engine then falls back to every Ops Manager).
- A routing rule routes to nobody when its team is archived or no member is an active internal user
  whose assignment is not paused (who is at work right now changes by the hour: not a rule's fault).
- A published rule set version was tested when Publish ran its vectors and dated it. One without
  vectors or without a publication date never was; one whose vectors fail today gives other results
  than when it was published (the rule engine changed).
"""

from ..approvals.ops_approval_policy import TIERS
from .ops_launch_checks_automation import AUTOMATION_CHECKS, able, names_of
from .ops_launch_review_finding import finding_values


def _finding(*args, **kwargs):
    """A finding of this category."""
    return finding_values("rules", *args, **kwargs)


def _step_has_approver(env, step):
    if step.approver_type == "user":
        return bool(able(step.user_ids))
    if step.approver_type == "group":
        return bool(able(step.group_id.all_user_ids))
    if step.approver_type == "manager":
        return "hr.employee" in env
    return True  # a field of the record: known per record only


def _policy_gaps(env, policy):
    """Return what stops the intended approvers of `policy` from acting, one text each."""
    gaps = [
        env._("step %(step)s has no active approver", step=step.name)
        for step in policy.step_ids
        if not _step_has_approver(env, step)
    ]
    tiers = ({policy.default_tier} | set(policy.tier_rule_ids.mapped("risk_tier"))) - {"low"}
    labels = dict(TIERS)
    gaps += [
        env._("the %(tier)s tier has no step", tier=labels[tier]) for tier in sorted(tiers) if not policy._ops_steps_for(tier)
    ]
    return gaps


def check_policy_approvers(env):
    """Enforced policies with a step nobody active can approve, or a tier above low without a step."""
    policies = env["ops.approval.policy"].search([("state", "=", "published")])
    gaps = {policy: _policy_gaps(env, policy) for policy in policies}
    broken = policies.filtered(lambda policy: gaps[policy])
    if not broken:
        return []
    return [
        _finding(
            "rules.policy_no_approver",
            "high",
            env._("%(count)s approval policies have no approver who can act", count=len(broken)),
            "\n".join(f"{policy.display_name}: {'; '.join(gaps[policy])}" for policy in broken),
            env._(
                "Requests of these policies go to the escalation or to the Ops Managers instead of the approvers "
                "meant to decide. Give each step active approvers and each tier a step, then publish a new version."
            ),
            "ops.approval.policy",
            broken.ids,
        )
    ]


def check_policy_escalation(env):
    """Enforced policies that ask approvers but escalate to nobody active."""
    policies = env["ops.approval.policy"].search([("state", "=", "published")])
    missing = policies.filtered(
        lambda policy: policy._ops_may_need_approvers()
        and not able(policy.escalation_user_id | policy.escalation_group_id.all_user_ids)
    )
    if not missing:
        return []
    return [
        _finding(
            "rules.policy_no_escalation",
            "medium",
            env._("%(count)s approval policies escalate to nobody", count=len(missing)),
            env._(
                "Late or unstaffed steps of %(names)s fall back to every Ops Manager: nobody in particular is "
                "named to decide.",
                names=names_of(missing),
            ),
            env._("Set an active escalation user or a group with active users on each policy, then publish it."),
            "ops.approval.policy",
            missing.ids,
        )
    ]


def check_routing_targets(env):
    """Active routing rules whose team is archived or has no member who can take a lead."""
    rules = env["ops.routing.rule"].search([])
    nobody = rules.filtered(
        lambda rule: not rule.team_id.active
        or not rule.team_id.crm_team_member_ids.filtered(lambda member: not member.assignment_optout and able(member.user_id))
    )
    if not nobody:
        return []
    return [
        _finding(
            "rules.routing_to_nobody",
            "high",
            env._("%(count)s routing rules route to nobody", count=len(nobody)),
            env._(
                "The leads these rules match wait in the queue: their team is archived, or none of its members "
                "is an active user taking leads: %(names)s.",
                names=names_of(nobody),
            ),
            env._("Add active members to the team (or end their assignment pause), or point the rule to another team."),
            "ops.routing.rule",
            nobody.ids,
        )
    ]


def _fails_now(version):
    """Return whether a vector of `version` fails on its content today."""
    try:
        return any(vector._ops_failures(version.content) for vector in version.vector_ids)
    except ValueError:  # the engine cannot read the content any more: it fails too
        return True


def check_untested_rulesets(env):
    """Published rule set versions without test vectors, or whose vectors fail now."""
    findings = []
    versions = env["ops.config.ruleset.version"].search([("state", "=", "published"), ("ruleset_id.active", "=", True)])
    # Publish runs the vectors and dates the version: one without either was never tested
    untested = versions.filtered(lambda version: not version.vector_ids or not version.published_at)
    if untested:
        findings.append(
            _finding(
                "rules.ruleset_untested",
                "medium",
                env._("%(count)s published rule set versions were never tested", count=len(untested)),
                env._(
                    "These versions have no test vector, or were not published by Publish (which runs the vectors): "
                    "nothing proves what they price and allow: %(names)s.",
                    names=names_of(untested),
                ),
                env._("Click Edit on the version, add test vectors of what it must give, and publish the new draft."),
                "ops.config.ruleset.version",
                untested.ids,
            )
        )
    failing = (versions - untested).filtered(_fails_now)
    if failing:
        findings.append(
            _finding(
                "rules.ruleset_vectors_fail",
                "high",
                env._("%(count)s published rule set versions fail their test vectors", count=len(failing)),
                env._(
                    "These versions passed their vectors when published but fail them now (the rule engine changed "
                    "since): %(names)s. Quotes configured with them may be priced wrong.",
                    names=names_of(failing),
                ),
                env._("Open each version's vectors, read their last result, fix the content in a new draft and publish it."),
                "ops.config.ruleset.version",
                failing.ids,
            )
        )
    return findings


RULES_CHECKS = [
    *AUTOMATION_CHECKS,
    check_policy_approvers,
    check_policy_escalation,
    check_routing_targets,
    check_untested_rulesets,
]
