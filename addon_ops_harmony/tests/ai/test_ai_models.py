import base64
import hashlib
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import MANAGER_GROUP, OPS_USER_GROUP, OpsAiCase, ai_result

HELDOUT = "a" * 64
TRAINING = "b" * 64


def metrics(macro_f1, ece, heldout=HELDOUT, **extra):
    """Held-out metrics of a classifier as the retrain command submits them."""
    return {"heldout_sha256": heldout, "macro_f1": macro_f1, "ece": ece, "count": 60, **extra}


def artifact(tag):
    """A classifier artifact: Odoo stores it and never runs it (the worker validates it)."""
    return {"format": "ops-request-classifier/1", "name": tag, "training_set_sha256": TRAINING, "weights": [[0.5]]}


def retire_classifiers(env):
    """Start from no active classifier, whatever the database held (the class's transaction is rolled back)."""
    env["ops.ai.model.version"].search([("kind", "=", "classifier"), ("state", "=", "active")]).action_retire()


@tagged("post_install", "-at_install")
class TestAiModels(OpsAiCase):
    """Retrained candidates are promoted only when they beat the active version on the same held-out set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        retire_classifiers(cls.env)

    def _submit(self, name, macro_f1, ece, **extra):
        return self.gateway.submit_candidate("classifier", name, artifact(name), TRAINING, metrics(macro_f1, ece, **extra))

    def test_01_the_first_candidate_is_promoted_and_served_to_the_worker(self):
        """With nothing active the candidate is promoted; active_model hands its artifact and SHA-256 to the worker."""
        self.assertIsNone(self.gateway.active_model("classifier"))
        answer = self._submit("cls-first", 0.8, 0.06)
        self.assertEqual((answer["state"], answer["promoted"]), ("active", True))
        active = self.gateway.active_model("classifier")
        self.assertEqual((active["name"], active["artifact"]), ("cls-first", artifact("cls-first")))
        version = self.env["ops.ai.model.version"].browse(answer["id"])
        self.assertEqual(active["sha256"], hashlib.sha256(base64.b64decode(version.artifact_id.datas)).hexdigest())
        events = (
            self.env["ops.audit.log"].sudo().search([("res_model", "=", "ops.ai.model.version"), ("res_id", "=", version.id)])
        )
        self.assertEqual(set(events.mapped("event")), {"ai_model_candidate", "ai_model_activate"})

    def test_02_a_better_candidate_replaces_the_active_one_and_rollback_restores_it(self):
        """Higher macro-F1 with ECE no worse promotes; reactivating the previous version rolls back."""
        first = self._submit("cls-a", 0.8, 0.06)
        second = self._submit("cls-b", 0.85, 0.05)
        Version = self.env["ops.ai.model.version"]
        self.assertEqual((Version.browse(first["id"]).state, second["state"]), ("retired", "active"))
        self.assertIn("macro_f1 0.850 ≥ 0.800", second["reason"])
        Version.browse(first["id"]).action_activate()
        self.assertEqual(self.gateway.active_model("classifier")["name"], "cls-a")

    def test_03_a_worse_candidate_stays_a_candidate_with_its_reason(self):
        """Lower macro-F1, or a worse ECE at equal macro-F1, keeps the candidate and audits the refusal."""
        self._submit("cls-base", 0.85, 0.05)
        lower = self._submit("cls-lower", 0.84, 0.01)
        worse_ece = self._submit("cls-ece", 0.85, 0.07)
        self.assertEqual((lower["state"], lower["promoted"]), ("candidate", False))
        self.assertIn("below the active version's 0.850", lower["reason"])
        self.assertEqual(worse_ece["state"], "candidate")
        self.assertIn("ECE 0.070 is worse", worse_ece["reason"])
        self.assertEqual(self.gateway.active_model("classifier")["name"], "cls-base")
        refused = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "ai_model_refused"), ("res_id", "in", [lower["id"], worse_ece["id"]])])
        )
        self.assertEqual(sorted(refused.mapped("res_id")), sorted([lower["id"], worse_ece["id"]]))
        version = self.env["ops.ai.model.version"].browse(lower["id"])
        self.assertEqual(version.promotion_note, lower["reason"])

    def test_04_another_held_out_set_is_not_comparable(self):
        """A candidate measured on a held-out set of another SHA-256 is never promoted, however good its figures."""
        self._submit("cls-frozen", 0.7, 0.1)
        forged = self._submit("cls-forged", 1.0, 0.0, heldout="c" * 64)
        self.assertEqual(forged["state"], "candidate")
        self.assertIn("another held-out set", forged["reason"])
        version = self.env["ops.ai.model.version"].browse(forged["id"])
        self.assertFalse(version.action_promote())
        self.assertEqual(self.gateway.active_model("classifier")["name"], "cls-frozen")
        with self.assertRaises(UserError):
            self.env["ops.ai.model.version"].search([("name", "=", "cls-frozen")]).action_promote()

    def test_05_junk_metrics_names_and_artifacts_are_refused(self):
        """Metrics out of range, missing or unknown, a reused name, a bad hash or a non-object artifact: ValidationError."""
        self._submit("cls-taken", 0.8, 0.05)
        junk = [
            ("cls-x1", artifact("x"), TRAINING, {"heldout_sha256": HELDOUT, "macro_f1": 1.5, "ece": 0.1, "count": 60}),
            ("cls-x2", artifact("x"), TRAINING, {"heldout_sha256": HELDOUT, "ece": 0.1, "count": 60}),
            ("cls-x3", artifact("x"), TRAINING, {**metrics(0.9, 0.01), "rigged": True}),
            ("cls-x4", artifact("x"), TRAINING, metrics(0.9, float("nan"))),
            ("cls-x5", artifact("x"), TRAINING, metrics(0.9, 0.01, heldout="not-a-hash")),
            ("cls-x6", "weights", TRAINING, metrics(0.9, 0.01)),
            ("cls-x7", artifact("x"), "short", metrics(0.9, 0.01)),
            ("cls-x8", {**artifact("x"), "training_set_sha256": "d" * 64}, TRAINING, metrics(0.9, 0.01)),
            ("cls-taken", artifact("x"), TRAINING, metrics(0.9, 0.01)),
            ("bad name!", artifact("x"), TRAINING, metrics(0.9, 0.01)),
        ]
        for name, art, training, figures in junk:
            with self.subTest(name=name), self.assertRaises(ValidationError):
                self.gateway.submit_candidate("classifier", name, art, training, figures)
        with self.assertRaises(ValidationError):
            self.gateway.active_model("regressor")
        self.assertEqual(self.env["ops.ai.model.version"].search_count([("name", "like", "cls-x")]), 0)

    def test_06_an_ops_user_submits_no_candidate_and_promotes_nothing(self):
        """The gateway's model calls refuse an Ops User; so does promoting or activating a version."""
        gateway = self.env["ops.ai.gateway"].with_user(self.reviewer)
        with self.assertRaises(AccessError):
            gateway.submit_candidate("classifier", "cls-user", artifact("u"), TRAINING, metrics(1.0, 0.0))
        with self.assertRaises(AccessError):
            gateway.active_model("classifier")
        with self.assertRaises(AccessError):
            gateway.training_corrections("classifier")
        self._submit("cls-top", 0.9, 0.01)
        candidate = self._submit("cls-kept", 0.5, 0.2)
        version = self.env["ops.ai.model.version"].browse(candidate["id"]).with_user(self.reviewer)
        for action in (version.action_promote, version.action_activate):
            with self.assertRaises(AccessError):
                action()

    def test_07_training_corrections_return_reviewed_requests_with_their_final_class(self):
        """A confirmed request comes back with its text and final class (corrected or not); an unreviewed one does not."""
        corrected = self._claimed("inbound_request")
        self.gateway.submit_result(corrected.id, "w1", ai_result({"contact_name": ("Ann Lee", 0.9)}, label="sales_lead"))
        corrected.with_user(self.reviewer).action_confirm_review(label="support_case")
        kept = self._claimed("inbound_request", worker="w2")
        self.gateway.submit_result(kept.id, "w2", ai_result({"issue": ("broken pump", 0.7)}, label="support_case"))
        kept.with_user(self.reviewer).action_confirm_review()
        waiting = self._claimed("inbound_request", worker="w3")
        self.gateway.submit_result(waiting.id, "w3", ai_result({}, label="other"))
        answer = self.gateway.training_corrections("classifier", since_id=0, limit=50)
        rows = {row["job_id"]: row for row in answer["corrections"]}
        self.assertNotIn(waiting.id, rows)
        self.assertEqual(
            (rows[corrected.id]["predicted"], rows[corrected.id]["final"], rows[corrected.id]["corrected"]),
            ("sales_lead", "support_case", True),
        )
        self.assertEqual((rows[kept.id]["final"], rows[kept.id]["corrected"]), ("support_case", False))
        self.assertEqual(rows[kept.id]["subject"], "Pricing for 40 seats")
        self.assertIn("we want 40 seats", rows[kept.id]["text"])
        later = self.gateway.training_corrections("classifier", since_id=answer["last_id"])
        self.assertEqual(later["corrections"], [])
        with self.assertRaises(ValidationError):
            self.gateway.training_corrections("classifier", since_id=-1)

    def test_08_a_manager_promotes_from_the_form_and_the_artifact_is_the_stored_json(self):
        """An Ops Manager's Promote keeps a worse candidate; the attachment holds the artifact as JSON."""
        manager = new_test_user(self.env, "t_ai_models_manager", groups=f"{MANAGER_GROUP},{OPS_USER_GROUP}")
        self._submit("cls-live", 0.9, 0.02)
        weaker = self._submit("cls-weaker", 0.6, 0.02)
        version = self.env["ops.ai.model.version"].with_user(manager).browse(weaker["id"])
        self.assertFalse(version.action_promote())
        self.assertEqual(version.state, "candidate")
        stored = json.loads(base64.b64decode(version.sudo().artifact_id.datas))
        self.assertEqual(stored, artifact("cls-weaker"))

    def test_09_a_manager_asks_for_a_retrain_and_one_worker_takes_it(self):
        """The Retrain button sets a request the bridge takes once; an Ops User can neither ask nor take."""
        manager = new_test_user(self.env, "t_ai_retrain_manager", groups=f"{MANAGER_GROUP},{OPS_USER_GROUP}")
        self.assertFalse(self.gateway.take_retrain_request("classifier"))
        with self.assertRaises(AccessError):
            self.env["ops.ai.model.version"].with_user(self.reviewer).action_request_retrain()
        self.env["ops.ai.model.version"].with_user(manager).action_request_retrain()
        with self.assertRaises(AccessError):
            self.env["ops.ai.gateway"].with_user(self.reviewer).take_retrain_request("classifier")
        self.assertTrue(self.gateway.take_retrain_request("classifier"))
        self.assertFalse(self.gateway.take_retrain_request("classifier"))
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param("addon_ops_harmony.ai_retrain_requested"))
