"""What an approval covers: a fingerprint of the document as the policy saw it.

A request stores the SHA-256 of the values its policy reads on the document: every field path in
the policy's domain and in its tier rules, plus what the document itself says an approval covers
(`_ops_approval_scope`: for a sale order its lines' product, quantity, unit price and discount, and
its total). The approval is used only while the document still has that fingerprint: 25 % off one
unit approved is not 100 % off five hundred units.
"""

import hashlib
import json
from datetime import date, datetime

from odoo import models
from odoo.fields import Domain

# conditions whose value is a domain on the related model
SUBDOMAIN_OPERATORS = {"any", "not any", "any!", "not any!"}


def _paths(domain, prefix=""):
    """Yield the field paths `domain` reads, sub-domains included."""
    for condition in domain.iter_conditions():
        path = f"{prefix}{condition.field_expr}"
        yield path
        if condition.operator in SUBDOMAIN_OPERATORS and isinstance(condition.value, (list, tuple, Domain)):
            yield from _paths(Domain(condition.value), f"{path}.")


def canonical(value):
    """Return `value` as plain JSON data that does not depend on order or float noise."""
    if isinstance(value, models.BaseModel):
        return sorted(value.ids)
    if isinstance(value, (list, tuple)):
        items = [canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    def _ops_read_paths(self):
        """Return the field paths this policy reads: its domain's and its tier rules'."""
        self.ensure_one()
        paths = set(_paths(self._ops_domain()))
        for rule in self.tier_rule_ids:
            paths.update(_paths(rule._ops_domain()))
        return sorted(paths)

    def _ops_fingerprint(self, record):
        """Return the SHA-256 of what this policy reads on `record`, as canonical JSON."""
        self.ensure_one()
        record = record.sudo()
        content = {
            "fields": {path: canonical(record.mapped(path)) for path in self._ops_read_paths()},
            "document": canonical(record._ops_approval_scope()),
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


class Base(models.AbstractModel):
    _inherit = "base"

    def _ops_approval_scope(self):
        """Override to return what an approval of this document covers beyond its policy's fields."""
        self.ensure_one()
        return {}
