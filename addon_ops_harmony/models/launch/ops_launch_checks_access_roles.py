"""Launch review checks on roles: who may both request and approve, and what the bridge's user may do.

Each check takes the runner's environment (superuser: it reads every policy, step and user) and
returns finding dicts; the review runs them in the order of ACCESS_ROLE_CHECKS.

Segregation of duties: anyone who may call a policy's guarded action may request its approval, so a
requester is a user with the write right on the policy's model (`has_access("write")` as that user).
An approver is a user of a step that names its approvers: its users, or the members of its group.
Steps whose approvers come from the record (a field path) or from the requester (their manager)
cannot be resolved without a request: they are skipped, and the finding names them.
"""

from .ops_launch_review_finding import finding_values

INTEGRATION_GROUP = "addon_ops_harmony.addon_ops_harmony_group_integration"
# groups the bridge's service user never needs: it writes through the gateway, as superuser, only
# what its streams map (docs/sync_gateway.md); any of these turns a leaked bridge key into a person's rights
POWERFUL_GROUPS = (
    "base.group_system",
    "base.group_erp_manager",
    "addon_ops_harmony.addon_ops_harmony_group_manager",
    "addon_ops_harmony.addon_ops_harmony_group_approver",
    "addon_ops_harmony.addon_ops_harmony_group_user",
    "sales_team.group_sale_manager",
    "account.group_account_manager",
    "account.group_account_user",
    "account.group_account_invoice",
)
UNRESOLVED_STEP_TYPES = ("field", "manager")


def _finding(*args, **kwargs):
    """A finding of this category."""
    return finding_values("access", *args, **kwargs)


def _internal(users):
    return users.filtered(lambda user: user.active and not user.share)


def _requesters(env, model_name, users):
    """Return the users of `users` who may call a guarded action of `model_name`: they may write on it."""
    if model_name not in env:
        return users.browse()
    return users.filtered(lambda user: env[model_name].with_user(user).has_access("write"))


def check_requester_approvers(env):
    """Users who may both request an approval of a published policy and approve one of its steps."""
    policies = env["ops.approval.policy"].search([("state", "=", "published")])
    conflicts, skipped = {}, []
    for policy in policies:
        approvers = env["res.users"]
        for step in policy.step_ids:
            if step.approver_type == "user":
                approvers |= step.user_ids
            elif step.approver_type == "group":
                approvers |= step.group_id.all_user_ids
            else:
                skipped.append(f"{policy.name} / {step.name}")
        both = _requesters(env, policy.model_name, _internal(approvers))
        if both:
            conflicts[policy] = both
    if not conflicts:
        return []
    users = env["res.users"].union(*conflicts.values())
    detail = env._(
        "They may call the guarded action and approve a step of the same policy: %(policies)s. The engine drops "
        "a requester from their own request, but the same person still approves what their colleagues request "
        "and may be the only approver left.",
        policies="; ".join(
            f"{policy.name} ({policy.model_name}.{policy.method_name}): {', '.join(users.mapped('name'))}"
            for policy, users in conflicts.items()
        ),
    )
    if skipped:
        detail += " " + env._(
            "Not checked, their approvers depend on the record or the requester: %(steps)s.", steps=", ".join(skipped)
        )
    return [
        _finding(
            "access.requester_approvers",
            "medium",
            env._("%(count)s users may both request and approve under one policy", count=len(users)),
            detail,
            env._(
                "Split the roles: approvers get Ops Approver without the rights of the documents they approve "
                "(e.g. no Sales rights for a quote approver), or move the requesters out of the step's users or group."
            ),
            "res.users",
            users.ids,
        )
    ]


def check_integration_user_rights(env):
    """Users of the Ops Integration group who also hold groups the bridge never needs."""
    integration = env.ref(INTEGRATION_GROUP)
    powerful = env["res.groups"].union(
        *(env.ref(xmlid, raise_if_not_found=False) or env["res.groups"] for xmlid in POWERFUL_GROUPS)
    )
    extra = {}
    for user in _internal(integration.all_user_ids):
        groups = user.all_group_ids & powerful
        if groups:
            extra[user] = groups
    if not extra:
        return []
    users = env["res.users"].union(*extra)
    return [
        _finding(
            "access.integration_rights",
            "high",
            env._("%(count)s integration users hold more than the bridge needs", count=len(users)),
            env._(
                "%(users)s. The bridge's key carries these rights: leaked, it acts as an administrator, manager "
                "or accountant, not only as the sync.",
                users="; ".join(f"{user.name}: {', '.join(groups.mapped('name'))}" for user, groups in extra.items()),
            ),
            env._(
                "Give the bridge a service user of its own with Ops Integration only (npm run bridge:key creates "
                "one), and remove the other groups from these users."
            ),
            "res.users",
            users.ids,
        )
    ]


ACCESS_ROLE_CHECKS = [check_requester_approvers, check_integration_user_rights]
