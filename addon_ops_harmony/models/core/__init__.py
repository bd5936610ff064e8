"""What every part of the product shares: users and groups, the audit log, the alias tables of the normalizer,
and the checks of field values on every model.

Its modules are imported by `models/__init__.py`, in the order the registry needs."""
