"""The handoff from sales to operations: a confirmed sale opens its kickoff task at once.

Confirming an order picks the handoff rule (`ops_handoff_rule.py`), then takes the task
sale_project made for the order's services or creates a kickoff task, gives it its owner, the
first-contact deadline in working hours and the checklist as the owner's activities. The
salesperson follows it on the quote (owner, stage, first contact, checklist progress) without any
project right: the summary is read as superuser, never more than those facts. Shop orders the sync
confirms are handed off only when a rule matches them: a web shop's orders need no kickoff each.
"""

from datetime import timedelta

import pytz

from odoo import api, fields, models

DEFAULT_PROJECT = "addon_ops_harmony.ops_handoff_project"


class ProjectTaskHandoff(models.Model):
    _inherit = "project.task"

    ops_handoff_order_id = fields.Many2one("sale.order", "Handed off from", readonly=True, index="btree_not_null", copy=False)
    ops_first_contact_deadline = fields.Datetime("First contact by", readonly=True, copy=False)
    ops_first_contact_at = fields.Datetime("First contact", readonly=True, copy=False)

    def action_ops_first_contact(self):
        """The owner made the first contact with the customer."""
        for task in self.filtered(lambda task: not task.ops_first_contact_at):
            task.sudo().ops_first_contact_at = fields.Datetime.now()
            task.message_post(body=self.env._("First contact made by %s.", self.env.user.name))
        return True


class SaleOrderHandoff(models.Model):
    _inherit = "sale.order"

    ops_handoff_task_id = fields.Many2one(
        "project.task", "Kickoff task", readonly=True, copy=False, groups="project.group_project_user"
    )
    ops_handoff_owner = fields.Char("Operations owner", compute="_compute_ops_handoff")
    ops_handoff_stage = fields.Char("Operations stage", compute="_compute_ops_handoff")
    ops_handoff_first_contact = fields.Char("First contact", compute="_compute_ops_handoff")
    ops_handoff_progress = fields.Char("Kickoff checklist", compute="_compute_ops_handoff")

    @api.depends_context("uid")
    def _compute_ops_handoff(self):
        for order in self:
            task = order.sudo().ops_handoff_task_id
            order.ops_handoff_owner = ", ".join(task.user_ids.mapped("name")) or (task and self.env._("nobody yet")) or False
            order.ops_handoff_stage = task.stage_id.name or False
            if not task:
                order.ops_handoff_first_contact = False
            elif task.ops_first_contact_at:
                order.ops_handoff_first_contact = self.env._("made on %s", fields.Datetime.to_string(task.ops_first_contact_at))
            else:
                order.ops_handoff_first_contact = self.env._(
                    "due by %s", fields.Datetime.to_string(task.ops_first_contact_deadline)
                )
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(active_test=False)
                .search([("res_model", "=", "project.task"), ("res_id", "=", task.id)])
                if task
                else []
            )
            done = len(activities.filtered(lambda activity: not activity.active)) if task else 0
            order.ops_handoff_progress = (
                self.env._("%(done)s of %(total)s done", done=done, total=len(activities)) if task and activities else False
            )

    def _action_confirm(self):
        result = super()._action_confirm()
        synced = bool(self.env.context.get("ops_sync_keep_date_order"))
        for order in self.sudo():
            if not order.ops_handoff_task_id:
                # sudo: confirming the sale is what hands it off; the salesperson needs no project right
                order._ops_hand_off(synced=synced)
        return result

    def _ops_hand_off(self, synced=False):
        """Open the kickoff task; a shop order the sync confirmed gets one only when a rule asks for it."""
        self.ensure_one()
        rule = self.env["ops.handoff.rule"].search([]).filtered(lambda rule: rule._ops_matches(self))[:1]
        if synced and not rule:
            return self.env["project.task"]
        project = rule.project_id or self.env.ref(DEFAULT_PROJECT)
        owner = rule._ops_pick_owner() if rule else self.env["res.users"]
        task = self.tasks_ids[:1] if "tasks_ids" in self._fields else self.env["project.task"]
        if not task:
            task = self.env["project.task"].create(
                {
                    "name": self.env._(
                        "Kickoff: %(order)s, %(customer)s", order=self.name, customer=self.partner_id.display_name
                    ),
                    "project_id": project.id,
                    "partner_id": self.partner_id.id,
                    # the rule's owner or nobody: never the salesperson who confirmed, by default
                    "user_ids": [fields.Command.set(owner.ids)],
                }
            )
        deadline = self._ops_first_contact_deadline(rule.first_contact_hours if rule else 8.0)
        task.write(
            {
                "ops_handoff_order_id": self.id,
                "ops_first_contact_deadline": deadline,
                **({"user_ids": [fields.Command.link(owner.id)]} if owner else {}),
            }
        )
        for item in rule._ops_checklist() if rule else []:
            task.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline.date(),
                summary=item,
                user_id=owner.id or self.user_id.id or self.env.uid,
            )
        self.ops_handoff_task_id = task
        self.message_post(
            body=self.env._(
                "Handed off to operations: %(task)s, owner %(owner)s, first contact by %(deadline)s.",
                task=task.name,
                owner=owner.name or self.env._("nobody yet (no handoff rule matched)"),
                deadline=fields.Datetime.to_string(deadline),
            )
        )
        return task

    def _ops_first_contact_deadline(self, hours):
        """Now plus `hours` of the company's working time."""
        now = fields.Datetime.now()
        calendar = self.company_id.resource_calendar_id
        if calendar and hours:
            planned = calendar.plan_hours(hours, pytz.utc.localize(now), compute_leaves=True)
            if planned:
                return planned.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)
        return now + timedelta(hours=hours)
