# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# The sync bench's in-process arms, on the very records the bridge synced in each round
# (OPS_BENCH_SYNC_DIR/orm-input.json, one data set per round), with the gateway's context
# (no tracking, chatter or followers):
#   load    Odoo's own import path, `res.partner.load()`: the companies, then their contacts
#           linked by database id (its `_load_records_create` syncs children with their parent
#           by batch);
#   create  two batch `create` calls, companies then contacts, each contact created with the
#           values it takes from its company folded in: the bridge's own create
#           (`ops.sync.stream.partner._ops_create_folded`) without the gateway around it.
# Each arm runs once per round, in alternating order, inside a savepoint that is rolled back.
# Writes OPS_BENCH_SYNC_DIR/orm.json: {"load": [timing, ...], "create": [timing, ...]}.
import json
import os
import time

from odoo.addons.addon_ops_harmony.models.sync.ops_sync_gateway import INGEST_CONTEXT

bench_dir = os.environ["OPS_BENCH_SYNC_DIR"]
with open(os.path.join(bench_dir, "orm-input.json"), encoding="utf-8") as handle:
    rounds = json.load(handle)["rounds"]

Partner = env["res.partner"].with_context(**INGEST_CONTEXT)  # noqa: F821
Stream = env["ops.sync.stream.contacts"].with_context(**INGEST_CONTEXT)  # noqa: F821
# Resolved before any timing, like the bridge's one lookup per batch: ISO codes and English names.
by_key = {}
for country in env["res.country"].with_context(lang="en_US").search([]):  # noqa: F821
    by_key[country.code.casefold()] = country.id
    by_key[country.name.casefold()] = country.id


def country_id(value):
    return by_key.get((value or "").strip().casefold(), False)


def company_vals(company):
    return {
        "name": company["name"],
        "website": company["website"],
        "phone": company["phone"],
        "street": company["street"],
        "city": company["city"],
        "zip": company["zip"],
        "country_id": country_id(company["country"]),
        "is_company": True,
    }


def contact_vals(contact, parent_id):
    return {
        "name": contact["name"],
        "email": contact["email"],
        "phone": contact["phone"],
        "function": contact["function"],
        "parent_id": parent_id,
        "is_company": False,
        "type": "contact",
    }


def by_load(data):
    """Odoo's import: two `load()` calls, as the import screen makes them (tracking off)."""
    company_fields = ["name", "website", "phone", "street", "city", "zip", "country_id/.id", "is_company"]
    rows = [
        [
            company["name"],
            company["website"],
            company["phone"],
            company["street"],
            company["city"],
            company["zip"],
            str(country_id(company["country"]) or ""),
            "1",
        ]
        for company in data["companies"]
    ]
    loaded = Partner.load(company_fields, rows)
    if not loaded["ids"]:
        raise SystemExit(f"load() refused the companies: {loaded['messages'][:3]}")
    parents = {company["external_id"]: str(pid) for company, pid in zip(data["companies"], loaded["ids"])}
    contact_fields = ["name", "email", "phone", "function", "parent_id/.id", "type"]
    rows = [
        [
            contact["name"],
            contact["email"],
            contact["phone"],
            contact["function"],
            parents.get(contact["company_external_id"], ""),
            "contact",
        ]
        for contact in data["contacts"]
    ]
    loaded = Partner.load(contact_fields, rows)
    if not loaded["ids"]:
        raise SystemExit(f"load() refused the contacts: {loaded['messages'][:3]}")
    return len(data["companies"]) + len(loaded["ids"])


def by_create(data):
    """Two batch creates with the contacts' parent values folded in, as the bridge's ingest creates them."""
    companies = Stream._ops_create_folded([company_vals(company) for company in data["companies"]])
    parents = {company["external_id"]: partner.id for company, partner in zip(data["companies"], companies)}
    contacts = Stream._ops_create_folded(
        [contact_vals(contact, parents.get(contact["company_external_id"], False)) for contact in data["contacts"]]
    )
    return len(companies) + len(contacts)


def measure(arm, data):
    env.flush_all()  # noqa: F821
    env.cr.execute("SAVEPOINT ops_bench_sync")  # noqa: F821
    started = time.perf_counter()
    records = arm(data)
    env.flush_all()  # noqa: F821
    seconds = time.perf_counter() - started
    env.cr.execute("ROLLBACK TO SAVEPOINT ops_bench_sync")  # noqa: F821
    env.invalidate_all()  # noqa: F821
    expected = len(data["companies"]) + len(data["contacts"])
    if records != expected:
        raise SystemExit(f"{arm.__name__} made {records} partners out of {expected}")
    return {"records": records, "seconds": seconds}


arms = {"load": by_load, "create": by_create}
results = {name: [] for name in arms}
for index, data in enumerate(rounds):
    for name in ("load", "create") if index % 2 == 0 else ("create", "load"):
        timing = measure(arms[name], data)
        results[name].append(timing)
        print(f"  round {index + 1}, in-process {name:<6} {timing['records']} records in {timing['seconds']:.1f} s", flush=True)
env.cr.rollback()  # noqa: F821

with open(os.path.join(bench_dir, "orm.json"), "w", encoding="utf-8") as handle:
    json.dump(results, handle)
