"""The sync gateway the bridge calls, its bindings, events, cursors, ownership rules and stream mappers.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
