"""Per-stream sync settings an Ops Manager chooses: for now, what reconciliation does with records
deleted at the source. A stream without a row archives them (see `ops.sync.reconcile`)."""

from odoo import api, fields, models
from odoo.fields import Domain

DELETION_POLICIES = [
    ("archive", "Archive the Odoo record"),
    ("flag", "Flag only"),
]
DEFAULT_DELETION_POLICY = "archive"


class OpsSyncStreamSetting(models.Model):
    _name = "ops.sync.stream.setting"
    _description = "Sync stream setting"
    _order = "source, stream"

    source = fields.Char(required=True, help="System the stream comes from, e.g. hubspot.")
    stream = fields.Char(required=True, help="The stream, e.g. contacts.")
    deletion_policy = fields.Selection(
        DELETION_POLICIES,
        required=True,
        default=DEFAULT_DELETION_POLICY,
        help="What reconciliation does with a record deleted at the source: archive the Odoo record, "
        "or only list it in the drift report. Records without an archive (e.g. sales orders) are only flagged.",
    )

    _source_stream_uniq = models.Constraint("UNIQUE(source, stream)", "This stream already has its settings.")

    @api.depends("source", "stream")
    def _compute_display_name(self):
        for setting in self:
            setting.display_name = f"{setting.source}/{setting.stream}"

    @api.model
    def _ops_deletion_policy(self, source, stream):
        """Return the deletion policy of (source, stream)."""
        setting = self.search(Domain("source", "=", source) & Domain("stream", "=", stream), limit=1)
        return setting.deletion_policy or DEFAULT_DELETION_POLICY
