/**
 * The labels printed next to a vendor bill's fields, in English, French, German and Spanish. Each
 * pattern is matched case-insensitively after a non-letter, non-digit and before a non-letter
 * (accented letters included; a digit may follow, as OCR runs "TVA21%" together).
 * Where two labels overlap ("Total" inside "Total HT"), the longer one wins: see `labelMatches`.
 */
import { matchesOf } from "./candidates/candidate";

export const BILL_LABELS = {
  invoice_number: [
    "invoice\\s*(?:no\\.?|number|n[°º]|#)",
    "inv\\.?\\s*(?:no\\.?|#)",
    "bill\\s*(?:no\\.?|number|#)",
    "receipt\\s*(?:no\\.?|number|#)",
    "(?:fee\\s+note|note\\s+d['’]honoraires|honorarnote)\\s*(?:no\\.?|number|n[°º]|nr\\.?|#)",
    "facture\\s*(?:n[°ºo]\\.?|num[ée]ro)",
    "n[°º]\\s*(?:de\\s+)?facture",
    "num[ée]ro\\s+de\\s+facture",
    "rechnungs?\\s*-?\\s*(?:nr\\.?|nummer)",
    "factura\\s*(?:n[°ºo]\\.?|n[úu]mero|num\\.?)",
    "n[úu]mero\\s+de\\s+factura",
    "n[°º]\\s*(?:de\\s+)?factura",
    "document\\s*(?:no\\.?|number|#)?",
  ],
  invoice_date: [
    "invoice\\s+date",
    "date\\s+of\\s+issue",
    "issue\\s+date",
    "date\\s+(?:de\\s+)?(?:la\\s+)?facture",
    "date\\s+d['’]émission",
    "rechnungsdatum",
    "ausstellungsdatum",
    "fecha\\s+(?:de\\s+)?(?:la\\s+)?factura",
    "fecha\\s+de\\s+emisi[óo]n",
    "(?:date\\s+)?issued(?:\\s+on)?",
    "date",
    "datum",
    "fecha",
  ],
  due_date: [
    "due\\s+date",
    "payment\\s+due",
    "due\\s+on",
    "pay(?:able)?\\s+by",
    "due",
    "date\\s+d['’]échéance",
    "échéance",
    "f[äa]lligkeitsdatum",
    "f[äa]llig\\s+am",
    "zahlbar\\s+bis",
    "fecha\\s+de\\s+vencimiento",
    "vencimiento",
    "fecha\\s+de\\s+cargo",
    "date\\s+de\\s+pr[ée]l[èe]vement",
    "(?:abbuchung|einzug)\\s+am",
    "(?:direct\\s+)?debit\\s+date",
    "vencimientos?",
    "(?:au\\s+plus\\s+tard|avant)\\s+le",
    "bis\\s+(?:zum|sp[äa]testens)",
    "sp[äa]testens\\s+(?:am|bis(?:\\s+zum)?)",
    "antes\\s+del?",
  ],
  amount_untaxed: [
    "sub-?total",
    "total\\s+\\(?(?:excl\\.?|excluding|before)\\s+(?:vat|tax)\\)?",
    "total\\s+(?:charges|fees|amount)\\s+\\(?(?:excl\\.?|excluding|before)\\s+(?:vat|tax)\\)?",
    "total\\s+htva",
    "untaxed\\s+amount",
    "net\\s+amount",
    "total\\s+net",
    "net",
    "total\\s+ht",
    "montant\\s+ht",
    "sous-total",
    "nettobetrag",
    "zwischensumme",
    "summe\\s+netto",
    "gesamt\\s+netto",
    "netto",
    "base\\s+imponible",
    "importe\\s+neto",
  ],
  amount_tax: [
    "vat",
    "tax",
    "tva",
    "total\\s+tva",
    "total\\s+iva",
    "montant\\s+tva",
    "mwst\\.?",
    "ust\\.?",
    "umsatzsteuer",
    "mehrwertsteuer",
    "iva",
    "cuota\\s+iva",
  ],
  amount_total: [
    "total\\s+(?:amount\\s+)?due",
    "amount\\s+due",
    "balance\\s+due",
    "(?:total\\s+)?amount\\s+payable",
    "total\\s+payable",
    "montant\\s+(?:[àa]\\s+payer|d[ûu])",
    "zu\\s+zahlen(?:der\\s+betrag)?",
    "zahlbetrag",
    "importe\\s+a\\s+pagar",
    "grand\\s+total",
    "gross(?:\\s+amount)?",
    "total\\s+ttc",
    "total\\s+tvac",
    "invoice\\s+total",
    "montant\\s+ttc",
    "net\\s+[àa]\\s+payer",
    "total\\s+(?:incl\\.?|including)\\s+(?:vat|tax)",
    "gesamtbetrag",
    "brutto(?:betrag)?",
    "rechnungsbetrag",
    "endbetrag",
    "gesamtsumme",
    "total\\s+a\\s+pagar",
    "importe\\s+total",
    "total\\s+factura",
    "total",
  ],
  partner_vat: [
    "vat\\s*(?:no\\.?|number|reg(?:istration)?\\.?(?:\\s*no\\.?)?|id)",
    "tax\\s+id",
    "uid(?:-?nr\\.?)?",
    "mwst-?nr\\.?",
    "btw-?(?:nr\\.?|id|nummer)",
    "n[°º]\\s*(?:de\\s+)?tva(?:\\s+intracommunautaire)?",
    "tva\\s+intracom\\p{L}*",
    "ust-?id(?:-?nr)?\\.?",
    "umsatzsteuer-?id\\p{L}*",
    "n\\.?i\\.?f\\.?",
    "c\\.?i\\.?f\\.?",
    "n[°º]\\s*iva",
  ],
  // Dates that are neither the invoice's nor its due date: they take their values away from both.
  other_date: [
    "(?:order|delivery|event|dispatch|shipping)\\s+date",
    "date\\s+(?:de\\s+(?:la\\s+)?)?(?:commande|livraison)",
    "(?:bestell|liefer|auftrags|leistungs)datum",
    "fecha\\s+(?:de\\s+(?:la\\s+)?)?(?:pedido|entrega)",
  ],
  // The buyer's own VAT number, printed on many bills: "Your VAT no.", "Ihre USt-IdNr.", "Client VAT".
  customer_vat: [
    "(?:your|client|customer|buyer)(?:['’]s)?\\s+(?:vat|tax)(?:\\s*(?:no\\.?|number|reg(?:istration)?\\.?(?:\\s*no\\.?)?|id))?",
    "(?:ihre|kunden)\\s*-?\\s*(?:ust-?id(?:-?nr)?\\.?|umsatzsteuer-?id\\p{L}*)",
    "(?:votre|client)\\s+(?:n[°º]\\s*(?:de\\s+)?)?tva(?:\\s+intracom\\p{L}*\\.?)?",
    "(?:su|cliente)\\s+(?:nif|cif)",
  ],
  partner_iban: ["iban"],
  vendor: [
    "from",
    "vendor",
    "supplier",
    "seller",
    "sold\\s+by",
    "fournisseur",
    "émetteur",
    "vendeur",
    "lieferant",
    "verkäufer",
    "rechnungssteller",
    "proveedor",
    "emisor",
    "vendedor",
  ],
  customer: [
    "bill\\s+to",
    "billed\\s+to",
    "invoice\\s+to",
    "customer",
    "client",
    "factur[ée]\\s+à",
    "adresse\\s+de\\s+facturation",
    "kunde",
    "rechnungsempf[äa]nger",
    "cliente",
    "facturar\\s+a",
    "titular(?:\\s+del\\s+contrato)?",
  ],
  line_description: [
    "description",
    "désignation",
    "beschreibung",
    "bezeichnung",
    "descripción",
    "concepto",
    "item",
    "article",
    "artikel",
  ],
  line_amount: ["amount", "montant", "betrag", "importe", "total", "gesamt"],
} as const;

export type BillLabel = keyof typeof BILL_LABELS;

/** Where a label is printed. */
export interface LabelMatch {
  label: BillLabel;
  start: number;
  end: number;
}

const compiled = Object.entries(BILL_LABELS).map(([label, bodies]) => ({
  label: label as BillLabel,
  // A digit may follow a label: OCR drops the space in "TVA 21%" ("TVA21%"). A label never spans two
  // lines: "FACTURA" over "Nº" is a title above a column header, not "Factura nº".
  pattern: new RegExp(`(?<![\\p{L}\\d])(?:${bodies.join("|").replaceAll("\\s", "[^\\S\\n]")})(?!\\p{L})`, "giu"),
}));

/**
 * Every label in `text`, the longer one kept where two overlap. Table-header labels
 * (`line_*`) are returned apart, as they overlap the totals' labels on purpose.
 */
export function labelMatches(text: string): { fields: LabelMatch[]; table: LabelMatch[] } {
  const all: LabelMatch[] = [];
  for (const { label, pattern } of compiled) {
    for (const match of matchesOf(pattern, text)) all.push({ label, start: match.index, end: match.index + match[0].length });
  }
  const table = all.filter((match) => match.label.startsWith("line_"));
  const others = all
    .filter((match) => !match.label.startsWith("line_"))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: LabelMatch[] = [];
  for (const match of others) {
    if (!kept.some((k) => k.start < match.end && match.start < k.end)) kept.push(match);
  }
  return { fields: kept.sort((a, b) => a.start - b.start), table };
}
