"""The configurator's Odoo side: rule sets, their versions and test vectors, configured quote lines.

Its modules are imported by `models/__init__.py`."""
