"""Touchpoints, campaign spend, attribution and campaign performance.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
