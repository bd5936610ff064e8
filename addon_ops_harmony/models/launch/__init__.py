"""The launch review: runs of checks on access and deployment, their findings, and what changed between runs.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
