"""One way for the HttpCase suites to call Odoo's JSON-2 API with a real API key."""

import json


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
