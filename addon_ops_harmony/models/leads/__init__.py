"""The lead pipeline: normalization, flags, routing, SLA, queues, scoring, lifecycle, and the teams behind them.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
