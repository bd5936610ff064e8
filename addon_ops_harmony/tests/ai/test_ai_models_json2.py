from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..common import INTEGRATION_GROUP, OPS_USER_GROUP
from ..json2 import json2_post
from .test_ai_models import TRAINING, artifact, metrics, retire_classifiers


@tagged("post_install", "-at_install")
class TestAiModelsJson2(HttpCase):
    """Over JSON-2 only the bridge hands in candidates, nobody else promotes, and junk metrics are a 422."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(cls.env, "t_aim_user", groups=OPS_USER_GROUP)
        cls.bridge = new_test_user(cls.env, "t_aim_bridge", groups=INTEGRATION_GROUP)
        retire_classifiers(cls.env)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai models json2", None)
            for user in (cls.ops_user, cls.bridge)
        }

    def _call(self, user, method, model="ops.ai.gateway", **params):
        self.env.flush_all()
        with mute_logger("odoo.http"):
            response = json2_post(self, model, method, self.keys[user], **params)
        self.env.invalidate_all()
        return response

    def _candidate(self, user, name, figures):
        return self._call(
            user,
            "submit_candidate",
            kind="classifier",
            name=name,
            artifact=artifact(name),
            training_set_sha256=TRAINING,
            metrics=figures,
        )

    def test_01_an_ops_user_submits_no_candidate_and_promotes_none(self):
        """An Ops User's submit_candidate, active_model, action_promote and action_activate are 403s."""
        self.assertEqual(self._candidate(self.ops_user, "cls-j-user", metrics(1.0, 0.0)).status_code, 403)
        self.assertEqual(self._call(self.ops_user, "active_model", kind="classifier").status_code, 403)
        self.assertEqual(self._candidate(self.bridge, "cls-j-live", metrics(0.9, 0.01)).status_code, 200)
        kept = self._candidate(self.bridge, "cls-j-kept", metrics(0.5, 0.2)).json()
        self.assertEqual(kept["state"], "candidate")
        for method in ("action_promote", "action_activate"):
            answer = self._call(self.ops_user, method, model="ops.ai.model.version", ids=[kept["id"]])
            self.assertEqual(answer.status_code, 403, method)
        self.assertEqual(self.env["ops.ai.model.version"].browse(kept["id"]).state, "candidate")

    def test_02_junk_metrics_are_422_and_a_forged_held_out_set_is_not_promoted(self):
        """Metrics out of range are a 422; metrics of another held-out set leave the candidate a candidate."""
        self.assertEqual(self._candidate(self.bridge, "cls-j-base", metrics(0.8, 0.05)).status_code, 200)
        junk = self._candidate(self.bridge, "cls-j-junk", {"heldout_sha256": "x", "macro_f1": "high", "ece": -1})
        self.assertEqual(junk.status_code, 422)
        self.assertIn("metrics", junk.json()["message"])
        forged = self._candidate(self.bridge, "cls-j-forged", metrics(1.0, 0.0, heldout="f" * 64)).json()
        self.assertEqual((forged["state"], forged["promoted"]), ("candidate", False))
        active = self._call(self.bridge, "active_model", kind="classifier").json()
        self.assertEqual(active["name"], "cls-j-base")
