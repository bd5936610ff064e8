"""Webhook deliveries: which vendor delivery a bridge has taken on, so that none is processed twice.

Vendors deliver a webhook at least once: a retry after a lost answer carries the same delivery id
(HubSpot's eventId, `X-Shopify-Webhook-Id`, `X-WC-Webhook-Delivery-ID`). Several bridges may sit
behind one proxy, each with its own journal, so the claim must live here: one row per
(source, delivery id), written once. The bridge claims with the trace id it gave the event; the
claim is its own when the row holds that trace id, so a bridge that crashed after claiming and
replays its journal still owns the event, while another copy of the delivery (another trace id)
is acknowledged and dropped.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .ops_sync_guard import sync_writer
from .ops_sync_schema import is_safe_text, safe_text, type_name

DELIVERY_ID_MAX = 200
TRACE_ID_MAX = 64
TOPIC_MAX = 120
MAX_CLAIMS = 1000


class OpsSyncDelivery(models.Model):
    _name = "ops.sync.delivery"
    _inherit = ["ops.sync.guarded"]
    _description = "Webhook delivery"
    _order = "id desc"

    source = fields.Char(required=True, readonly=True)
    delivery_id = fields.Char(required=True, readonly=True, help="The vendor's id of the delivery.")
    trace_id = fields.Char(required=True, readonly=True, index=True, help="The trace id of the bridge that took it on.")
    topic = fields.Char(readonly=True, help="What the vendor says happened, e.g. orders/create.")

    _source_delivery_uniq = models.Constraint(
        "UNIQUE(source, delivery_id)",
        "This webhook delivery was already taken on.",
    )

    @api.depends("source", "delivery_id")
    def _compute_display_name(self):
        for delivery in self:
            delivery.display_name = f"{delivery.source}/{delivery.delivery_id}"


class OpsSyncGatewayDelivery(models.AbstractModel):
    _inherit = "ops.sync.gateway"

    @api.model
    @sync_writer
    def claim_deliveries(self, source, deliveries):
        """Take on webhook deliveries; return whether each one is this caller's to process, in order.

        :param deliveries: ``[{"delivery_id", "trace_id", "topic"}]``
        :return: ``{"claimed": [bool, ...]}``: true when the delivery is new or was claimed with the
            same trace id before (a replay of the same journal entry), false for another copy.
        """
        gateway = self._ops_authorized()
        source = gateway._ops_check_source(source)
        deliveries = gateway._ops_check_list(deliveries, "deliveries")
        if len(deliveries) > MAX_CLAIMS:
            raise ValidationError(self.env._("At most %s deliveries may be claimed in one call.", MAX_CLAIMS))
        rows = [gateway._ops_delivery_row(index, item) for index, item in enumerate(deliveries)]
        if not rows:
            return {"claimed": []}
        cr, uid = gateway.env.cr, self.env.uid
        # ON CONFLICT keeps the first claim, whoever commits first: two bridges cannot both win.
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')"] * len(rows))
        params = [value for delivery_id, trace_id, topic in rows for value in (source, delivery_id, trace_id, topic, uid, uid)]
        cr.execute(
            "INSERT INTO ops_sync_delivery"
            " (source, delivery_id, trace_id, topic, create_uid, write_uid, create_date, write_date) "
            f"VALUES {values} ON CONFLICT (source, delivery_id) DO NOTHING",
            params,
        )
        owners = {
            delivery.delivery_id: delivery.trace_id
            for delivery in gateway.env["ops.sync.delivery"].search(
                Domain("source", "=", source) & Domain("delivery_id", "in", [row[0] for row in rows])
            )
        }
        return {"claimed": [owners.get(delivery_id) == trace_id for delivery_id, trace_id, _topic in rows]}

    @api.model
    def _ops_delivery_row(self, index, item):
        """Validate one claim: ``(delivery_id, trace_id, topic)``."""
        if not isinstance(item, dict):
            raise ValidationError(
                self.env._("delivery #%(index)s must be an object, got %(type)s.", index=index, type=type_name(item))
            )
        delivery_id, trace_id, topic = item.get("delivery_id"), item.get("trace_id"), item.get("topic") or False
        for name, value, limit in (("delivery_id", delivery_id, DELIVERY_ID_MAX), ("trace_id", trace_id, TRACE_ID_MAX)):
            if not isinstance(value, str) or not value or len(value) > limit or not is_safe_text(value):
                raise ValidationError(
                    self.env._(
                        "delivery #%(index)s: %(name)s must be printable text of 1 to %(limit)s characters, got %(value)s.",
                        index=index,
                        name=name,
                        limit=limit,
                        value=safe_text(value, 80),
                    )
                )
        if topic is not False and (not isinstance(topic, str) or len(topic) > TOPIC_MAX or not is_safe_text(topic)):
            raise ValidationError(
                self.env._(
                    "delivery #%(index)s: topic must be printable text of at most %(limit)s characters, got %(value)s.",
                    index=index,
                    limit=TOPIC_MAX,
                    value=safe_text(topic, 80),
                )
            )
        return delivery_id, trace_id, topic
