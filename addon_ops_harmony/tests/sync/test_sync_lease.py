from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import SyncCase

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"


@tagged("post_install", "-at_install")
class TestSyncLease(SyncCase):
    def _acquire(self, holder, stream="contacts", **kwargs):
        return self.gateway.acquire_lease("lease_src", stream, holder, **kwargs)

    def _expire(self, stream="contacts"):
        self.env.cr.execute(
            "UPDATE ops_sync_lease SET expires_at = now() at time zone 'UTC' - interval '1 second' WHERE stream = %s",
            [stream],
        )

    def test_01_one_holder_at_a_time(self):
        """A stream's lease goes to the first bridge; a second is told who holds it until it is released."""
        first = self._acquire("bridge-a")
        self.assertEqual((first["granted"], first["holder"]), (True, "bridge-a"))
        second = self._acquire("bridge-b")
        self.assertEqual((second["granted"], second["holder"]), (False, "bridge-a"))
        other_stream = self._acquire("bridge-b", stream="companies")
        self.assertTrue(other_stream["granted"], "another stream of the same source is free")
        self.assertTrue(self._acquire("bridge-a")["granted"], "the holder may take it again")
        self.assertEqual(self.gateway.release_lease("lease_src", "contacts", "bridge-b"), {"released": False, "cursor": False})
        self.assertEqual(self.gateway.release_lease("lease_src", "contacts", "bridge-a"), {"released": True, "cursor": False})
        self.assertTrue(self._acquire("bridge-b")["granted"])
        lease = self.env["ops.sync.lease"].search([("stream", "=", "contacts")])
        self.assertEqual((lease.holder, lease.window_start, lease.state), ("bridge-b", "", "held"))

    def test_02_expired_lease_is_taken_over_and_old_holder_cannot_renew(self):
        """A lease not renewed in time goes to the next bridge, and its old holder can no longer renew it."""
        self.assertTrue(self._acquire("bridge-a", ttl=5)["granted"])
        self.assertEqual(self.gateway.renew_lease("lease_src", "contacts", "bridge-a", 60), {"renewed": True})
        self._expire()
        self.assertEqual(self.gateway.renew_lease("lease_src", "contacts", "bridge-a", 60), {"renewed": False})
        taken = self._acquire("bridge-b")
        self.assertEqual((taken["granted"], taken["holder"]), (True, "bridge-b"))
        self.assertFalse(self._acquire("bridge-a")["granted"])
        self.assertEqual(self.gateway.release_lease("lease_src", "contacts", "bridge-a"), {"released": False, "cursor": False})

    def test_03_junk_is_refused(self):
        """Malformed holders, time-to-live values and windows are refused with a clear error."""
        for holder in ("", "   ", 42, None, "x" * 129, "bad\x00holder"):
            with self.subTest(holder=holder), self.assertRaises(ValidationError):
                self._acquire(holder)
        for ttl in (0, 4, 3601, True, "60", 1.5):
            with self.subTest(ttl=ttl), self.assertRaises(ValidationError):
                self._acquire("bridge-a", ttl=ttl)
        for window in (42, ["x"], "y" * 1025):
            with self.subTest(window=window), self.assertRaises(ValidationError):
                self._acquire("bridge-a", window=window)
        for windows in ("x", [42], [{"end": "z"}], [{"start": 5}], [{"start": "a"}] * 1001):
            with self.subTest(windows=str(windows)[:40]), self.assertRaises(ValidationError):
                self.gateway.plan_windows("lease_src", "contacts", windows)
        with self.assertRaises(ValidationError):
            self.gateway.release_lease("lease_src", "contacts", "bridge-a", done="yes")
        with self.assertRaises(ValidationError):
            self.gateway.acquire_lease("Not A Source", "contacts", "bridge-a")
        self.assertFalse(self.env["ops.sync.lease"].search([]))

    def test_04_only_the_bridge_and_managers_take_leases_nobody_forges_them(self):
        """Plain and Ops users cannot take leases; nobody writes a lease directly; a manager may free one."""
        ops_user = new_test_user(self.env, "t_lease_user", groups=USER_GROUP)
        plain = new_test_user(self.env, "t_lease_plain", groups="base.group_user")
        for user in (ops_user, plain):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["ops.sync.gateway"].with_user(user).acquire_lease("lease_src", "contacts", "intruder")
        self.assertTrue(self._acquire("bridge-a")["granted"])
        lease = self.env["ops.sync.lease"].search([])
        for env in (self.env(su=True), self.env(user=self.manager), self.env(user=self.bridge)):
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                lease.with_env(env).write({"holder": "intruder"})
            with self.subTest(user=env.user.login), self.assertRaises(AccessError):
                env["ops.sync.lease"].create(
                    {"source": "lease_src", "stream": "deals", "holder": "x", "expires_at": "2999-01-01"}
                )
        with self.assertRaises(AccessError):
            lease.with_user(ops_user).action_release()
        lease.with_user(self.manager).action_release()
        self.assertFalse(lease.exists())
        self.assertTrue(self._acquire("bridge-b")["granted"])

    def _cursor(self, stream="contacts"):
        return self.env["ops.sync.cursor"]._ops_get("lease_src", stream)

    def test_05_windows_are_shared_and_the_cursor_waits_for_the_gaps(self):
        """Two bridges read different windows; the cursor moves only past windows read without a gap."""
        windows = [{"start": "2025-01-01", "end": "2025-01-02"}, {"start": "2025-01-02", "end": "2025-01-03"}]
        windows.append({"start": "2025-01-03", "end": False})
        self.assertEqual(self.gateway.plan_windows("lease_src", "contacts", windows), {"planned": 3})
        self.assertEqual(self.gateway.plan_windows("lease_src", "contacts", windows), {"planned": 0}, "planned once")
        self.assertTrue(self._acquire("bridge-a", window="2025-01-02")["granted"])
        self.assertTrue(self._acquire("bridge-b", window="2025-01-01")["granted"])
        taken = self._acquire("bridge-b", window="2025-01-02")
        self.assertEqual((taken["granted"], taken["holder"], taken["done"]), (False, "bridge-a", False))
        moved = self.gateway.release_lease("lease_src", "contacts", "bridge-a", window="2025-01-02", cursor="c2")
        self.assertEqual(moved, {"released": True, "cursor": False}, "the first window is still being read")
        self.assertFalse(self._cursor())
        moved = self.gateway.release_lease("lease_src", "contacts", "bridge-b", window="2025-01-01", cursor="c1")
        self.assertEqual(moved, {"released": True, "cursor": "c2"})
        self.assertEqual(self._cursor(), "c2")
        again = self._acquire("bridge-b", window="2025-01-01")
        self.assertEqual((again["granted"], again["done"]), (False, True), "a window read is not read again")
        self.assertTrue(self._acquire("bridge-b", window="2025-01-03")["granted"])
        self.gateway.release_lease("lease_src", "contacts", "bridge-b", window="2025-01-03", cursor="c3")
        self.assertEqual(self._cursor(), "c3")
        self.assertFalse(self.env["ops.sync.lease"].search([]), "windows behind the cursor are forgotten")

    def test_06_a_window_given_back_unread_or_expired_is_read_by_the_next_bridge(self):
        """A window released unread, or whose holder stalled, goes to the next bridge; the stalled one cannot close it."""
        self.gateway.plan_windows("lease_src", "contacts", [{"start": "w1", "end": "w2"}, {"start": "w2", "end": False}])
        self.assertTrue(self._acquire("bridge-a", window="w1")["granted"])
        self.gateway.release_lease("lease_src", "contacts", "bridge-a", window="w1", done=False)
        self.assertTrue(self._acquire("bridge-b", window="w1")["granted"])
        self._expire()
        self.assertTrue(self._acquire("bridge-c", window="w1")["granted"])
        late = self.gateway.release_lease("lease_src", "contacts", "bridge-b", window="w1", cursor="stale")
        self.assertEqual(late, {"released": False, "cursor": False})
        self.assertFalse(self._cursor())
        self.assertFalse(self._acquire("bridge-c", window="never-planned")["granted"])

    def test_07_a_lease_is_taken_over_from_a_named_holder_only(self):
        """A bridge that saw the holder's process die takes its lease at once; naming anyone else takes nothing."""
        self.assertTrue(self._acquire("host:1:dead")["granted"])
        self.assertFalse(self._acquire("host:2:next", takeover="host:9:other")["granted"])
        taken = self._acquire("host:2:next", takeover="host:1:dead")
        self.assertEqual((taken["granted"], taken["holder"]), (True, "host:2:next"))
        self.gateway.plan_windows("lease_src", "deals", [{"start": "w1", "end": False}])
        self.assertTrue(self._acquire("host:1:dead", stream="deals", window="w1")["granted"])
        self.assertTrue(self._acquire("host:2:next", stream="deals", window="w1", takeover="host:1:dead")["granted"])
        with self.assertRaises(ValidationError):
            self._acquire("host:3:x", takeover=42)
