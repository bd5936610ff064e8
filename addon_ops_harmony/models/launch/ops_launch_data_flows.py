"""The data flows map of a launch review: which system owns which field of each synced model.

Built once per run and kept on the review as HTML, so a run shows the map as it was. The map reads
what the sync itself decides with:

- the streams (`ops.sync.stream.<stream>` models): the Odoo model each one writes and the fields
  it may write (`_ops_synced_fields`);
- the sources that sync each stream: those with sync runs or stream settings on it;
- the ownership rules (`ops.sync.ownership`): per source, model and field (or all fields), who wins
  when both sides changed a value. Without a rule the source wins. A rule's source or field that no
  stream syncs is shown too, so a rule waiting for its stream is not hidden;
- the deal stage mappings (`ops.sync.stage.map`): which source stage sets which CRM stage and team.
"""

from markupsafe import Markup

STREAM_PREFIX = "ops.sync.stream."
TABLE = Markup('<table class="table table-sm o_ops_data_flows"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>')


def _streams(env):
    """Return {stream name: (target model, synced fields)} of every stream the registry knows."""
    return {
        model._ops_stream: (model._ops_target_model, set(model._ops_synced_fields))
        for name, model in env.registry.items()
        if name.startswith(STREAM_PREFIX) and getattr(model, "_ops_stream", None) and model._ops_target_model
    }


def _active_streams(env):
    """Return the set of (source, stream) pairs that synced or were set up."""
    pairs = set()
    for model in ("ops.sync.run", "ops.sync.stream.setting"):
        pairs |= set(env[model]._read_group([], ["source", "stream"]))
    return pairs


def _owner(env, source, policy):
    """Return (owner, how) for a field of `source` under `policy` (None: no rule)."""
    if policy == "odoo_wins":
        return env._("Odoo"), env._("Odoo's edits are kept; a different incoming value becomes a conflict")
    if policy == "newest_wins":
        return env._("Newest change"), env._("the side that changed the value last wins")
    if policy == "source_wins":
        return source, env._("the source overwrites Odoo's edits")
    return source, env._("no rule: the source overwrites Odoo's edits")


def flow_rows(env):
    """Return the map's rows: (source, model, streams, field, owner, rule, how), sorted."""
    streams = _streams(env)
    active = _active_streams(env)
    rules = env["ops.sync.ownership"].search([])
    # (source, model) -> {stream: synced fields}
    pairs = {}
    for source, stream in active:
        if stream in streams:
            model, synced = streams[stream]
            pairs.setdefault((source, model), {})[stream] = synced
    for rule in rules:
        pairs.setdefault((rule.source, rule.res_model), {})
    policies = {(rule.source, rule.res_model, rule.field_id.name or "*"): rule for rule in rules}
    rows = []
    for (source, model), synced_by in pairs.items():
        field_names = set().union(*synced_by.values()) if synced_by else set()
        field_names |= {fname for (src, mod, fname) in policies if (src, mod) == (source, model) and fname != "*"}
        if not field_names and (source, model, "*") in policies:
            field_names = {"*"}
        for fname in sorted(field_names):
            rule = policies.get((source, model, fname)) or policies.get((source, model, "*"))
            owner, how = _owner(env, source, rule.policy if rule else None)
            writers = sorted(stream for stream, synced in synced_by.items() if fname in synced)
            if not writers:
                how = env._("%(how)s (no stream of this source writes it yet)", how=how)
            rows.append((source, model, ", ".join(writers) or "-", fname, owner, rule.display_name if rule else "-", how))
    return sorted(rows)


def _field_label(env, model, fname):
    field = env[model]._fields.get(fname) if model in env else None
    return f"{field.string} ({fname})" if field else (env._("all fields") if fname == "*" else fname)


def _table(headers, rows):
    head = Markup("").join(Markup("<th>{}</th>").format(header) for header in headers)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in row)) for row in rows
    )
    return TABLE.format(head, body)


def data_flow_html(env):
    """Return the data flows map as HTML: who owns each synced field, then the deal stage mappings."""
    rows = [
        (source, model, streams, _field_label(env, model, fname), owner, rule, how)
        for source, model, streams, fname, owner, rule, how in flow_rows(env)
    ]
    headers = [env._("Source"), env._("Model"), env._("Streams"), env._("Field"), env._("Owner"), env._("Rule"), env._("How")]
    parts = [Markup("<h3>{}</h3>").format(env._("Who owns each synced field"))]
    parts.append(_table(headers, rows) if rows else Markup("<p>{}</p>").format(env._("Nothing is synced yet.")))
    maps = env["ops.sync.stage.map"].search([])
    parts.append(Markup("<h3>{}</h3>").format(env._("Deal stages")))
    if maps:
        stage_headers = [env._("Source"), env._("Source stage"), env._("CRM stage"), env._("Sales team"), env._("Marks lost")]
        stage_rows = [
            (
                m.source,
                m.stage_key,
                m.stage_id.display_name or "-",
                m.team_id.display_name or "-",
                env._("yes") if m.mark_lost else "-",
            )
            for m in maps
        ]
        parts.append(_table(stage_headers, stage_rows))
    else:
        parts.append(
            Markup("<p>{}</p>").format(env._("No deal stage is mapped: synced deals are rejected until their stage is."))
        )
    return Markup("").join(parts)
