"""The approval engine: policies, requests and their steps, decisions, delegations, the guard on
guarded buttons, snapshots, the activity clock and e-mail links.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
