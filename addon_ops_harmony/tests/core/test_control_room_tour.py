from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestControlRoomTour(HttpCase):
    """The generated TypeScript bundle loads in the web client and renders live counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.lead"].create({"name": "Ops Harmony tour lead", "type": "lead"})
        cls.ops_user = new_test_user(
            cls.env,
            "t_tour_ops",
            groups="addon_ops_harmony.addon_ops_harmony_group_user,sales_team.group_sale_salesman_all_leads",
        )

    def test_01_control_room_as_admin(self):
        """An admin opens Operations, sees a count on every card, and reaches the leads list."""
        self.start_tour("/odoo", "addon_ops_harmony_control_room", login="admin")

    def test_02_control_room_as_ops_user(self):
        """A plain ops user gets the same page, with counts limited to what they may read."""
        self.start_tour("/odoo", "addon_ops_harmony_control_room", login="t_tour_ops")
