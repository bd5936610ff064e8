"""Handoff rules: who in operations takes a confirmed sale, by product category and region.

The first active rule (by sequence) whose product categories include one of the order's products
(empty: any) and whose countries include the customer's (empty: any) decides: its project holds
the kickoff task, its owners share the work (the owner with the fewest open kickoff tasks gets the
next one), its checklist becomes the owner's activities, and its first-contact deadline counts in
the company's working hours. A sale no rule matches still gets its task, in the default project,
without an owner: the work view shows it as nobody's, so it is not lost between departments.
"""

from odoo import fields, models


class OpsHandoffRule(models.Model):
    _name = "ops.handoff.rule"
    _description = "Sales to operations handoff rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_categ_ids = fields.Many2many("product.category", string="Product categories", help="Empty: any product.")
    country_ids = fields.Many2many("res.country", string="Countries", help="Empty: any country.")
    project_id = fields.Many2one("project.project", "Project", required=True, help="Where the kickoff task goes.")
    user_ids = fields.Many2many("res.users", string="Owners", domain=[("share", "=", False)])
    first_contact_hours = fields.Float("First contact within (working hours)", default=8.0)
    kickoff_checklist = fields.Text(
        "Kickoff checklist", help="One item per line; each becomes an activity of the owner, due at the first-contact deadline."
    )

    def _ops_matches(self, order):
        self.ensure_one()
        country = order.partner_shipping_id.country_id or order.partner_id.country_id
        if self.country_ids and country not in self.country_ids:
            return False
        if not self.product_categ_ids:
            return True
        categories = order.order_line.product_id.categ_id
        return bool(categories.filtered_domain([("id", "child_of", self.product_categ_ids.ids)]))

    def _ops_pick_owner(self):
        """The owner with the fewest open kickoff tasks, or nobody."""
        self.ensure_one()
        owners = self.user_ids.filtered("active")
        if not owners:
            return owners
        Task = self.env["project.task"].sudo()
        load = {
            owner: Task.search_count(
                [("ops_handoff_order_id", "!=", False), ("user_ids", "in", owner.ids), ("is_closed", "=", False)]
            )
            for owner in owners
        }
        return min(owners, key=lambda owner: (load[owner], owner.id))

    def _ops_checklist(self):
        self.ensure_one()
        return [line.strip() for line in (self.kickoff_checklist or "").splitlines() if line.strip()]
