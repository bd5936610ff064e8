# Renders the generated vendor bills with Odoo's own invoice report, each in one of the document
# layouts Odoo ships (report.layout), for the AI corpus. Runs inside `odoo-bin shell` (stdin) on a
# scratch database while an Odoo server of the same database listens: wkhtmltopdf fetches the
# report's styles from it, so each invoice is committed before it is rendered (an open transaction
# would lock the company row the server reads). The invoices stay in that database; the company's
# identity and layout are restored at the end.
#
#   node scripts/ai/export_bill_dataset.mjs --seed 1 --count 14 > bills.json
#   OPS_AI_BILLS_IN=bills.json OPS_AI_BILLS_OUT=out OPS_AI_REPORT_URL=http://localhost:8069 \
#     odoo-bin shell -d <db> < scripts/ai/render_odoo_bills.py
#
# Each bill becomes a posted customer invoice of the current company, dressed as the vendor (name,
# address, VAT, IBAN), to the bill's buyer, with the bill's lines and tax rates. Writes
# <id>_odoo_<layout>.pdf and its .json (split, layout, the buyer Odoo would hand the worker as its
# company, and the expected fields as Odoo printed them) per bill, with a progress line each.
# Every layout Odoo ships renders both splits; training bills print in English (en_US), held-out
# bills in their layout's language as Odoo translates its report (en_GB, fr_FR, de_DE, es_ES; each
# loaded into the database the first time it is needed), so their labels, dates and amounts are
# printed as training never saw them. OPS_AI_BILLS_JOURNAL
# (optional, e.g. a hash of the inputs) puts the invoices in a sale journal of their own, coded from
# it: a database reused for other inputs then never holds two invoices of one number in a journal.
# `npm run bench:ai` runs this itself (scripts/bench/bench_ai.sh) and caches what it writes.
import json
import os
import time

import lxml.html
from markupsafe import Markup
from odoo.addons.base.models.ir_actions_report import _wkhtml
from odoo.fields import Command

# The language each split prints in: training in en_US, held-out bills in their layout's language.
HELD_OUT_LANGS = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE", "es": "es_ES"}
source = os.environ.get("OPS_AI_BILLS_IN")
target = os.environ.get("OPS_AI_BILLS_OUT")
if not source or not target:
    raise SystemExit(
        "Set OPS_AI_BILLS_IN (the JSON of scripts/ai/export_bill_dataset.mjs) " "and OPS_AI_BILLS_OUT (a folder for the PDFs)."
    )
with open(source, encoding="utf-8") as handle:
    bills = json.load(handle)
os.makedirs(target, exist_ok=True)

env = env  # noqa: F821 (given by odoo-bin shell)
company = env.company
if "account.move" not in env or not company.chart_template:
    raise SystemExit(f"{env.cr.dbname}: install a chart of accounts (module account) first.")
if os.environ.get("OPS_AI_REPORT_URL"):
    env["ir.config_parameter"].sudo().set_param("report.url", os.environ["OPS_AI_REPORT_URL"])
IDENTITY = ["name", "street", "city", "zip", "country_id", "vat", "phone", "email"]
original = {
    "partner": {
        name: company.partner_id._fields[name].convert_to_write(company.partner_id[name], company.partner_id) for name in IDENTITY
    },
    "layout": company.external_report_layout_id.id,
    "rounding": company.tax_calculation_rounding_method,
    "company_currency_taxes": company.display_invoice_tax_company_currency,
    "footer": company.report_footer,
}
company.tax_calculation_rounding_method = "round_globally"
# The scratch company's currency is not the vendor's: no second block of totals in it.
company.display_invoice_tax_company_currency = False
layouts = env["report.layout"].search([], order="sequence, id")
taxes = {}


def lang_of(bill):
    """The language Odoo prints this bill in, loaded with its translations the first time."""
    code = "en_US" if bill["split"] == "train" else HELD_OUT_LANGS[bill["language"]]
    lang = env["res.lang"].with_context(active_test=False).search([("code", "=", code)])
    if not lang.active:
        print(f"loading {code} and its translations (once per database)", flush=True)
        env["res.lang"]._activate_lang(code)
        env["ir.module.module"].search([("state", "=", "installed")])._update_translations([code])
        env.cr.commit()
    return code


def journal_for(key):
    """The sale journal the invoices go to: one of their own when `key` is given, else the default."""
    if not key:
        return env["account.journal"]
    code = "B" + "".join(char for char in key.upper() if char.isalnum())[:4]
    journals = env["account.journal"].with_context(active_test=False)
    sales = journals.search([("type", "=", "sale"), ("company_id", "=", company.id)], order="id")
    if not sales:
        raise SystemExit(f"{env.cr.dbname}: the company has no sale journal; install a chart of accounts.")
    own = sales.filtered(lambda journal: journal.code == code)[:1]
    own = own or sales[0].copy({"name": f"Rendered bills {key}", "code": code})
    own.default_account_id = own.default_account_id or sales[0].default_account_id  # copy() leaves it out
    return own


journal = journal_for(os.environ.get("OPS_AI_BILLS_JOURNAL", ""))


def tax_for(rate):
    """A sale tax of this rate in the company, created the first time it is needed."""
    if rate not in taxes:
        taxes[rate] = env["account.tax"].search(
            [
                ("name", "=", f"VAT {rate}%"),
                ("type_tax_use", "=", "sale"),
                ("company_id", "=", company.id),
            ],
            limit=1,
        ) or env["account.tax"].create(
            {
                "name": f"VAT {rate}%",
                "amount": rate,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
                "country_id": company.account_fiscal_country_id.id,
            }
        )
        group_name = f"VAT {rate:g}%"
        if taxes[rate].tax_group_id.name != group_name:
            # the chart's default group would print "Tax 15%" whatever the rate
            groups = env["account.tax.group"]
            taxes[rate].tax_group_id = groups.search(
                [("name", "=", group_name), ("company_id", "=", company.id)], limit=1
            ) or groups.create({"name": group_name, "company_id": company.id})
    return taxes[rate]


def dress_company_as(vendor):
    """Gives the company the vendor's identity and bank account; returns the account."""
    country = env["res.country"].search([("code", "=", vendor["country"])], limit=1)
    company.partner_id.write(
        {
            "name": vendor["name"],
            "street": vendor["street"],
            "city": vendor["city"],
            "zip": False,
            "country_id": country.id,
            "vat": vendor["vat"],
            "phone": vendor["phone"],
            "email": vendor["email"],
        }
    )
    # what Odoo's document layout wizard puts in the footer by default (base.document.layout)
    company.report_footer = Markup(" ").join(value for value in (vendor["phone"], vendor["email"], vendor["vat"]) if value)
    banks = env["res.partner.bank"].with_context(active_test=False)
    known = banks.search(
        [
            ("sanitized_acc_number", "=", vendor["iban"]),
            ("partner_id", "=", company.partner_id.id),
        ]
    )
    return known or banks.create({"acc_number": vendor["iban"], "partner_id": company.partner_id.id})


def invoice_for(bill, bank, lang):
    """The posted invoice of one generated bill, numbered as the vendor numbered it."""
    data = bill["data"]
    domain = [("move_type", "=", "out_invoice"), ("name", "=", data["invoiceNumber"])]
    earlier = env["account.move"].search(domain + ([("journal_id", "=", journal.id)] if journal else []), limit=1)
    if earlier:
        # an earlier run rendered this bill already (same seed): render that invoice again
        if f"{earlier.amount_total:.2f}" != bill["expect"]["amount_total"]:
            raise SystemExit(f"{data['invoiceNumber']} exists with other amounts: " "use another seed or a fresh database.")
        earlier.partner_bank_id = bank
        earlier.partner_id.lang = lang
        return earlier
    currency = env["res.currency"].with_context(active_test=False).search([("name", "=", data["currency"])], limit=1)
    currency.active = True
    buyer = env["res.partner"].create(
        {
            "name": data["buyer"]["name"],
            "street": data["buyer"]["street"],
            "city": data["buyer"]["city"],
            "lang": lang,  # Odoo prints an invoice in its customer's language
        }
    )
    move = env["account.move"].create(
        {
            "move_type": "out_invoice",
            **({"journal_id": journal.id} if journal else {}),
            "partner_id": buyer.id,
            "currency_id": currency.id,
            "invoice_date": data["invoiceDate"],
            "invoice_date_due": data["dueDate"],
            "partner_bank_id": bank.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": line["description"],
                        "quantity": line["quantity"],
                        "price_unit": line["unitCents"] / 100,
                        "tax_ids": [Command.set(tax_for(line["taxRate"]).ids)],
                    }
                )
                for line in data["lines"]
            ],
        }
    )
    move.name = data["invoiceNumber"]
    move.action_post()
    return move


def expected_of(move, bill, bank):
    """The contract's vendor_bill fields as Odoo printed them."""
    return {
        "partner_name": bill["data"]["vendor"]["name"],
        "partner_vat": bill["data"]["vendor"]["vat"],
        "partner_iban": bank.sanitized_acc_number,
        "invoice_number": move.name,
        "invoice_date": str(move.invoice_date),
        "due_date": str(move.invoice_date_due),
        "currency": move.currency_id.name,
        "amount_untaxed": f"{move.amount_untaxed:.2f}",
        "amount_tax": f"{move.amount_tax:.2f}",
        "amount_total": f"{move.amount_total:.2f}",
    }


# wkhtmltopdf 0.12.6 built on an unpatched Qt (Debian's package) draws text set in an @font-face web
# font as outlines: the PDF has no text at all. Odoo's reports set Lato from web/static/fonts/fonts.scss,
# so, unless OPS_AI_REPORT_WEB_FONTS=1, that stylesheet is left out of the report bundle while rendering
# (an ir.asset "remove", deleted at the end): the text falls back to a system font and keeps its text layer.
WEB_FONTS_OFF = "Ops Harmony: reports without web fonts (render_odoo_bills.py)"
env["ir.asset"].search([("name", "=", WEB_FONTS_OFF)]).unlink()  # left by an interrupted run
web_fonts_off = env["ir.asset"]
if os.environ.get("OPS_AI_REPORT_WEB_FONTS") != "1":
    web_fonts_off = env["ir.asset"].create(
        {
            "name": WEB_FONTS_OFF,
            "bundle": "web.report_assets_common",
            "directive": "remove",
            "path": "web/static/fonts/fonts.scss",
        }
    )
    env.cr.commit()
    # odoo-bin shell does not tell the server of changed caches by itself; the server builds the bundle anew.
    env.registry.signal_changes()


def inline_header_and_footer(prepare_html):
    """Odoo's _prepare_html, with the company header and footer put into the page itself.

    wkhtmltopdf built on an unpatched Qt (Debian's) ignores --header-html and --footer-html: the
    vendor's name, address, VAT and contacts would not be printed at all. In the page, they are.
    """

    def prepare(self, html, report_model=False):
        bodies, res_ids, header, footer, paper = prepare_html(self, html, report_model=report_model)
        parts = [
            lxml.html.fromstring(str(document)).xpath(f"//div[@id='{name}']")
            for document, name in (
                (header, "minimal_layout_report_headers"),
                (footer, "minimal_layout_report_footers"),
            )
        ]
        inlined = []
        for body in bodies:
            root = lxml.html.fromstring(str(body))
            for node in parts[0][:1]:
                root.body.insert(0, node)
            for node in parts[1][:1]:
                root.body.append(node)
            inlined.append(lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>"))
        paper = {**paper, "data-report-margin-top": 10, "data-report-margin-bottom": 10, "data-report-header-spacing": 0}
        return inlined, res_ids, "", "", paper

    return prepare


Report = env.registry["ir.actions.report"]
if not _wkhtml().is_patched_qt:
    Report._prepare_html = inline_header_and_footer(Report._prepare_html)
started = time.monotonic()
mismatches = []
counters = {"train": 0, "heldout": 0}


def render_all():
    """Renders every bill, committing each invoice before its report."""
    for number, bill in enumerate(bills, start=1):
        split = bill["split"]
        layout = layouts[counters[split] % len(layouts)]
        counters[split] += 1
        company.external_report_layout_id = layout.view_id
        bank = dress_company_as(bill["data"]["vendor"])
        lang = lang_of(bill)
        move = invoice_for(bill, bank, lang)
        env.cr.commit()
        pdf, _kind = env["ir.actions.report"]._render_qweb_pdf("account.account_invoices", move.ids)
        expected = expected_of(move, bill, bank)
        if expected != bill["expect"]:
            mismatches.append(bill["id"])
        name = f"{bill['id']}_odoo_{layout.name.lower()}_{lang}"
        with open(os.path.join(target, f"{name}.pdf"), "wb") as handle:
            handle.write(pdf)
        with open(os.path.join(target, f"{name}.json"), "w", encoding="utf-8") as handle:
            buyer = {"name": bill["data"]["buyer"]["name"], "vat": bill["data"]["buyer"].get("vat")}
            record = {"id": bill["id"], "split": split, "layout": f"odoo_{layout.name}", "lang": lang, "buyer": buyer}
            json.dump({**record, "expect": expected}, handle, ensure_ascii=False, indent=1)
        print(f"[{number}/{len(bills)}] {name}: {len(pdf)} bytes, {time.monotonic() - started:.1f} s", flush=True)


try:
    render_all()
finally:
    env.cr.rollback()
    web_fonts_off.unlink()
    env.registry.signal_changes()
    company.partner_id.write(original["partner"])
    company.external_report_layout_id = original["layout"]
    company.tax_calculation_rounding_method = original["rounding"]
    company.display_invoice_tax_company_currency = original["company_currency_taxes"]
    company.report_footer = original["footer"]
    env.cr.commit()
print(
    f"rendered {len(bills)} bills in {time.monotonic() - started:.1f} s into {target}; "
    f"{len(mismatches)} differ from the generated expectations: {mismatches}"
)
