"""The demo rule sets' loader: a published version read from the addon's own files.

The demo door and SaaS plan live once, as JSON files (`data/configurator/rulesets/`), and their test
vectors once, as conformance vector files (`tests/configurator/vectors/demo_*.json`) that jest and the
Odoo tests run too. The demo data calls this loader instead of copying either into XML.
"""

import json
import posixpath

from odoo import api, models
from odoo.fields import Command
from odoo.tools import file_open

VECTOR_DIR = "addon_ops_harmony/tests/configurator/vectors"


class OpsConfigRuleset(models.Model):
    _inherit = "ops.config.ruleset"

    @api.model
    def _ops_demo_publish(self, ruleset_id, vectors_file, changelog):
        """Give rule set `ruleset_id` a published version: the rule set named by `vectors_file`, and its vectors."""
        ruleset = self.browse(ruleset_id)
        if ruleset.version_ids:
            return ruleset.active_version_id
        with file_open(posixpath.join(VECTOR_DIR, vectors_file)) as handle:
            document = json.load(handle)
        with file_open(posixpath.normpath(posixpath.join(VECTOR_DIR, document["rules_file"]))) as handle:
            content = handle.read()
        vectors = []
        for sequence, vector in enumerate(document["vectors"], 1):
            context = vector.get("context", {})
            vectors.append(
                Command.create(
                    {
                        "sequence": sequence,
                        "name": vector["name"],
                        "values": json.dumps(vector["values"], ensure_ascii=False),
                        "quantity": str(context.get("quantity", "1")),
                        "role": context.get("role", "salesperson"),
                        "expect": json.dumps(vector["expect"], ensure_ascii=False),
                    }
                )
            )
        version = self.env["ops.config.ruleset.version"].create(
            {"ruleset_id": ruleset.id, "content": content, "changelog": changelog, "vector_ids": vectors}
        )
        version.action_publish()
        return version
