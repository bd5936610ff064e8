"""One way for the HttpCase suites to call Odoo's JSON-2 API with a real API key."""

import json

from odoo.tools import mute_logger


def json2_post(case, model, method, key, raw=None, **params):
    """POST /json/2/<model>/<method> from `case` (an HttpCase) with bearer `key`; return the response.

    `raw` sends that body as is (malformed-payload tests); otherwise `params` are the JSON body.
    """
    return case.url_open(
        f"/json/2/{model}/{method}",
        data=raw if raw is not None else json.dumps(params),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"bearer {key}",
            "X-Odoo-Database": case.env.cr.dbname,
        },
    )


def json2_call(case, model, method, key, **params):
    """Like `json2_post`, with the test's pending writes flushed first, the HTTP error log muted and the cache reset after."""
    case.env.flush_all()
    with mute_logger("odoo.http"):
        response = json2_post(case, model, method, key, **params)
    case.env.invalidate_all()
    return response
