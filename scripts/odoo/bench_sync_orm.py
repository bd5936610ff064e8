# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# The sync bench's limit: the same companies and contacts the bridge syncs, created in-process
# with two batch `create` calls (companies, then contacts linked to them), with tracking and
# chatter off as the sync gateway does. Reads OPS_BENCH_SYNC_DIR/orm-input.json, writes orm.json,
# and rolls back so that the bench database does not grow.
import json
import os
import time

bench_dir = os.environ["OPS_BENCH_SYNC_DIR"]
with open(os.path.join(bench_dir, "orm-input.json"), encoding="utf-8") as handle:
    data = json.load(handle)

context = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "mail_notrack": True}
Partner = env["res.partner"].with_context(**context)  # noqa: F821
codes = {company["country"] for company in data["companies"] if len(company["country"] or "") == 2}
countries = {country.code: country.id for country in env["res.country"].search([("code", "in", list(codes))])}  # noqa: F821

env.cr.execute("SAVEPOINT ops_bench_sync")  # noqa: F821
started = time.perf_counter()
companies = Partner.create([{
    "name": company["name"], "website": company["website"], "phone": company["phone"], "street": company["street"],
    "city": company["city"], "zip": company["zip"], "country_id": countries.get(company["country"], False), "is_company": True,
} for company in data["companies"]])
by_external_id = {company["external_id"]: partner.id for company, partner in zip(data["companies"], companies)}
Partner.create([{
    "name": contact["name"], "email": contact["email"], "phone": contact["phone"], "function": contact["function"],
    "parent_id": by_external_id.get(contact["company_external_id"], False), "is_company": False, "type": "contact",
} for contact in data["contacts"]])
env.flush_all()  # noqa: F821
seconds = time.perf_counter() - started
env.cr.execute("ROLLBACK TO SAVEPOINT ops_bench_sync")  # noqa: F821
env.cr.rollback()  # noqa: F821

records = len(data["companies"]) + len(data["contacts"])
with open(os.path.join(bench_dir, "orm.json"), "w", encoding="utf-8") as handle:
    json.dump({"records": records, "seconds": seconds}, handle)
print(f"  ORM batch create  {records} records in {seconds:.1f} s")
