# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# The configurator bench's server side: the Python engine as Odoo runs it
# (odoo.addons.addon_ops_harmony.configurator) evaluates the bench's 500-rule rule set on every
# input of $OPS_BENCH_CONFIG_DIR/cases.json, timed one by one after a warm-up, both through
# `evaluate()` (what the models call) and compiled once; then the best alternative Odoo has, its
# own pricing: a product with three attributes whose values carry price extras (the variant's
# combination price) under a pricelist of 500 items (quantity tiers, categories, variants,
# formulas), priced with `_get_product_price` for each input's configuration and quantity.
# Everything is rolled back. Writes server.json for the driver's report.
import json
import os
import time

from odoo.addons.addon_ops_harmony.configurator import compile as compile_rules
from odoo.addons.addon_ops_harmony.configurator import evaluate
from odoo.fields import Command

folder = os.environ["OPS_BENCH_CONFIG_DIR"]
with open(os.path.join(folder, "ruleset.json"), encoding="utf-8") as handle:
    content = json.load(handle)
with open(os.path.join(folder, "cases.json"), encoding="utf-8") as handle:
    cases = json.load(handle)


def progress(label, done, total):
    print(f"\r    {label}: {done}/{total} inputs", end="\n" if done == total else "", flush=True)


for case in cases[:200]:
    evaluate(content, case["values"], case["context"])
engine_ms, outputs = [], []
for index, case in enumerate(cases, 1):
    start = time.perf_counter()
    output = evaluate(content, case["values"], case["context"])
    engine_ms.append((time.perf_counter() - start) * 1000)
    outputs.append(output)
    if index % 250 == 0 or index == len(cases):
        progress("server, our engine", index, len(cases))

# the same, compiled once as the browser does (evaluate() above hashes the content to find its compilation)
evaluator = compile_rules(content)
compiled_ms = []
for index, case in enumerate(cases, 1):
    start = time.perf_counter()
    evaluator.evaluate(case["values"], case["context"])
    compiled_ms.append((time.perf_counter() - start) * 1000)
    if index % 250 == 0 or index == len(cases):
        progress("server, our engine compiled once", index, len(cases))

# Odoo's own pricing, under the same inputs: grade, region and finish pick the variant.
Attribute = env["product.attribute"]  # noqa: F821
attributes = {}
for name in ("grade", "region", "finish"):
    option = next(o for o in content["options"] if o["key"] == name)
    attributes[name] = Attribute.create(
        {
            "name": f"Bench {name}",
            "create_variant": "always",
            "value_ids": [Command.create({"name": v["value"]}) for v in option["values"]],
        }
    )
category = env["product.category"].create({"name": "Bench configurator"})  # noqa: F821
template = env["product.template"].create(  # noqa: F821
    {
        "name": "Bench configurable product",
        "list_price": 500.0,
        "standard_price": 300.0,
        "categ_id": category.id,
        "attribute_line_ids": [
            Command.create({"attribute_id": a.id, "value_ids": [Command.set(a.value_ids.ids)]}) for a in attributes.values()
        ],
    }
)
for index, ptav in enumerate(template.attribute_line_ids.product_template_value_ids):
    ptav.price_extra = 7.5 * (index + 1)
variants = {tuple(sorted(v.product_template_attribute_value_ids.mapped("name"))): v for v in template.product_variant_ids}
items = []
for index in range(500):
    kind = index % 4
    item = {"min_quantity": float(1 + index % 40), "compute_price": "percentage", "percent_price": index % 15}
    if kind == 0:
        item.update(applied_on="0_product_variant", product_id=template.product_variant_ids[index % len(variants)].id)
    elif kind == 1:
        item.update(applied_on="1_product", product_tmpl_id=template.id, compute_price="formula", price_discount=index % 9)
    elif kind == 2:
        item.update(applied_on="2_product_category", categ_id=category.id)
    items.append(Command.create(item))
pricelist = env["product.pricelist"].create({"name": "Bench 500 items", "item_ids": items})  # noqa: F821
env.flush_all()  # noqa: F821


def variant_for(case):
    values = case["values"]
    defaults = {o["key"]: o.get("default") for o in content["options"]}
    names = tuple(sorted(values.get(k, defaults[k]) for k in ("grade", "region", "finish")))
    return variants[names]


for case in cases[:200]:
    pricelist._get_product_price(variant_for(case), float(case["context"]["quantity"]))
pricing_ms = []
for index, case in enumerate(cases, 1):
    product = variant_for(case)
    quantity = float(case["context"]["quantity"])
    start = time.perf_counter()
    pricelist._get_product_price(product, quantity)
    pricing_ms.append((time.perf_counter() - start) * 1000)
    if index % 250 == 0 or index == len(cases):
        progress("server, Odoo pricing", index, len(cases))
env.cr.rollback()  # noqa: F821

with open(os.path.join(folder, "server.json"), "w", encoding="utf-8") as handle:
    json.dump(
        {
            "engineMs": engine_ms,
            "engineCompiledMs": compiled_ms,
            "outputs": outputs,
            "odooPricingMs": pricing_ms,
            "odooPricing": f"pricelist of {len(items)} items + price extras",
        },
        handle,
    )
