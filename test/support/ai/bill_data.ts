/**
 * The data of a generated vendor bill, from a seed: a vendor with a valid VAT number and IBAN for its
 * country, a buyer, lines, taxes grouped by rate and totals consistent to the cent, and the expected
 * fields in the contract's names and normalized forms. Amounts are integer cents throughout.
 */
import { addDays, decimalOf } from "./bill_format";
import { iban, vatNumber, type Pick, type VendorCountry } from "./bill_identifiers";
import type { BillSector } from "./bill_sectors";

export type BillLanguage = "en" | "de" | "fr" | "es";

export interface BillParty {
  name: string;
  street: string;
  city: string;
  country: VendorCountry;
  vat: string;
  iban: string;
  phone: string;
  email: string;
}

export interface BillLine {
  description: string;
  quantity: number;
  unitCents: number;
  amountCents: number;
  taxRate: number;
}

export interface TaxGroup {
  rate: number;
  baseCents: number;
  taxCents: number;
}

export interface BillData {
  seed: number;
  vendor: BillParty;
  /** The buyer (us); some vendors print the buyer's VAT number too. */
  buyer: { name: string; street: string; city: string; vat: string };
  invoiceNumber: string;
  invoiceDate: string;
  dueDate: string;
  currency: "EUR" | "GBP" | "CHF";
  lines: BillLine[];
  taxes: TaxGroup[];
  untaxedCents: number;
  taxCents: number;
  totalCents: number;
}

/** The fields a layout may leave off the bill (a card-paid receipt shows no IBAN and no due date). */
export type OptionalBillField = "partner_iban" | "due_date";

/**
 * The vendor_bill fields of the contract, normalized. `null`: the bill does not print that field, so the
 * right answer is to propose nothing (a reviewer fills it in or leaves it empty).
 */
export interface BillExpect {
  partner_name: string;
  partner_vat: string;
  partner_iban: string | null;
  invoice_number: string;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  amount_untaxed: string;
  amount_tax: string;
  amount_total: string;
}

/** mulberry32: a small seeded generator, so a seed always gives the same bill. */
export function seededPick(seed: number): Pick {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function one<T>(pick: Pick, items: readonly T[]): T {
  const item = items[pick(items.length)];
  if (item === undefined) throw new Error("one() needs a non-empty list");
  return item;
}

const VENDORS: Record<VendorCountry, { names: string[]; cities: string[]; streets: string[]; phone: string }> = {
  DE: {
    names: [
      "Hansen Bürotechnik GmbH",
      "Kraus Industriebedarf KG",
      "Elbe Logistik GmbH",
      "Weißer & Söhne OHG",
      "Nordlicht IT-Service GmbH",
    ],
    cities: ["20095 Hamburg", "80331 München", "50667 Köln", "04109 Leipzig"],
    streets: ["Hafenstraße 12", "Industriering 4a", "Am Markt 7", "Gewerbepark 31"],
    phone: "+49 40 555 01",
  },
  FR: {
    names: ["Fournitures Lemoine SAS", "Atelier Garnier SARL", "Transports Bréval SA", "Énergie Côte d'Opale"],
    cities: ["69002 Lyon", "59000 Lille", "33000 Bordeaux", "75011 Paris"],
    streets: ["14 rue de la République", "3 avenue Foch", "27 quai des Chartrons", "8 impasse des Lilas"],
    phone: "+33 4 72 55 01",
  },
  BE: {
    names: ["Vandamme Office NV", "Peeters & Fils SRL", "Brabant Services BV"],
    cities: ["1000 Bruxelles", "2000 Antwerpen", "4000 Liège"],
    streets: ["Rue Royale 101", "Meir 44", "Boulevard d'Avroy 9"],
    phone: "+32 2 555 01",
  },
  NL: {
    names: ["De Vries Kantoorartikelen B.V.", "Van Dijk Techniek B.V.", "Hollandse Verpakking B.V."],
    cities: ["1012 AB Amsterdam", "3011 AD Rotterdam", "3511 LX Utrecht"],
    streets: ["Keizersgracht 221", "Coolsingel 40", "Oudegracht 88"],
    phone: "+31 20 555 01",
  },
  ES: {
    names: ["Suministros Ibéricos S.L.", "Talleres Navarro S.L.", "Logística del Sur S.L.", "Papelería Castellana S.L."],
    cities: ["28014 Madrid", "08015 Barcelona", "41001 Sevilla", "46002 Valencia"],
    streets: ["Calle de Alcalá 48", "Carrer de Sepúlveda 120", "Avenida de la Constitución 5"],
    phone: "+34 91 555 01",
  },
  GB: {
    names: ["Thames Office Supplies Ltd", "Pennine Engineering Ltd", "Harbour Freight Services Ltd"],
    cities: ["London EC1A 1BB", "Leeds LS1 4AP", "Bristol BS1 5TR"],
    streets: ["12 Clerkenwell Road", "Unit 4, Canal Wharf", "77 Queen Square"],
    phone: "+44 20 7946 01",
  },
  CH: {
    names: ["Alpenwerk AG", "Léman Fournitures SA", "Zürcher Bürobedarf GmbH"],
    cities: ["8001 Zürich", "1201 Genève", "3011 Bern"],
    streets: ["Bahnhofstrasse 21", "Rue du Rhône 14", "Marktgasse 3"],
    phone: "+41 44 555 01",
  },
  AT: {
    names: ["Huber Haustechnik GmbH", "Elektro Gruber e.U.", "Steirer Installationen GmbH", "Pichler Bau KG"],
    cities: ["1100 Wien", "8010 Graz", "4020 Linz", "5020 Salzburg"],
    streets: ["Favoritenstraße 112", "Annenstraße 25", "Landstraße 9", "Ignaz-Harrer-Straße 40"],
    phone: "+43 1 555 01",
  },
  LU: {
    names: ["Moselle Bureautique S.à r.l.", "Kirchberg Services SA", "Atelier Schmit S.à r.l."],
    cities: ["L-1611 Luxembourg", "L-4010 Esch-sur-Alzette", "L-9010 Ettelbruck"],
    streets: ["12, avenue de la Gare", "3, rue de l'Alzette", "45, Grand-Rue"],
    phone: "+352 26 55 01",
  },
  IE: {
    names: ["Liffey Office Supplies Ltd", "Shannon Logistics DAC", "Corrib Engineering Ltd"],
    cities: ["Dublin 2, D02 X285", "Galway, H91 E2K3", "Cork, T12 R2NC"],
    streets: ["Unit 7, Grand Canal Quay", "14 Eyre Square", "3 South Mall"],
    phone: "+353 1 555 01",
  },
};

const BUYERS = [
  { name: "Ops Harmony Demo SA", street: "Avenue de la Gare 1", city: "1003 Lausanne", vat: "CHE648615261" },
  { name: "Northwind Trading Ltd", street: "5 Market Street", city: "Manchester M1 1AA", vat: "GB742873119" },
  { name: "Rheinland Handel GmbH", street: "Domstraße 3", city: "50668 Köln", vat: "DE566048059" },
];

const ITEMS: Record<BillLanguage, [description: string, minCents: number, maxCents: number][]> = {
  en: [
    ["A4 copy paper, box of 5 reams", 1890, 2990],
    ["Toner cartridge, black", 5400, 11900],
    ["On-site maintenance (hours)", 6500, 9500],
    ["Pallet wrap, 500 mm roll", 1250, 1990],
    ["Safety gloves, pair", 290, 690],
    ["Freight and handling", 2500, 8900],
    ["Annual software licence", 24000, 89000],
  ],
  de: [
    ["Kopierpapier A4, Karton à 5 Pakete", 1890, 2990],
    ["Tonerkartusche schwarz", 5400, 11900],
    ["Wartung vor Ort (Stunden)", 6500, 9500],
    ["Stretchfolie 500 mm", 1250, 1990],
    ["Schutzhandschuhe, Paar", 290, 690],
    ["Fracht und Verpackung", 2500, 8900],
    ["Softwarelizenz, jährlich", 24000, 89000],
  ],
  fr: [
    ["Papier A4, carton de 5 ramettes", 1890, 2990],
    ["Cartouche de toner noir", 5400, 11900],
    ["Maintenance sur site (heures)", 6500, 9500],
    ["Film étirable 500 mm", 1250, 1990],
    ["Gants de protection, paire", 290, 690],
    ["Transport et manutention", 2500, 8900],
    ["Licence logicielle annuelle", 24000, 89000],
  ],
  es: [
    ["Papel A4, caja de 5 paquetes", 1890, 2990],
    ["Cartucho de tóner negro", 5400, 11900],
    ["Mantenimiento in situ (horas)", 6500, 9500],
    ["Film estirable 500 mm", 1250, 1990],
    ["Guantes de protección, par", 290, 690],
    ["Transporte y manipulación", 2500, 8900],
    ["Licencia de software anual", 24000, 89000],
  ],
};

/** Standard and reduced VAT rates (percent) of each vendor country. */
const RATES: Record<VendorCountry, number[]> = {
  DE: [19, 7],
  FR: [20, 5.5],
  BE: [21, 6],
  NL: [21, 9],
  ES: [21, 10],
  GB: [20, 5],
  CH: [8.1, 2.6],
  AT: [20, 10],
  LU: [17, 8],
  IE: [23, 13.5],
};

function invoiceNumber(pick: Pick, year: string): string {
  const n = 1 + pick(9999);
  return one(pick, [
    `INV-${year}-${String(n).padStart(5, "0")}`,
    `RE-${n + 10000}`,
    `F${year}/${String(n).padStart(4, "0")}`,
    `${year}-${String(n).padStart(4, "0")}`,
    `FAC-${String(n).padStart(6, "0")}`,
    `A${String(n * 7 + 10000).slice(0, 5)}`,
  ]);
}

/** Groups line amounts by tax rate, rounding each group's tax half up to the cent. */
export function taxGroups(lines: readonly BillLine[]): TaxGroup[] {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.taxRate, (byRate.get(line.taxRate) ?? 0) + line.amountCents);
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, baseCents]) => ({ rate, baseCents, taxCents: Math.round((baseCents * rate) / 100) }));
}

export interface BillOptions {
  country: VendorCountry;
  language: BillLanguage;
  lineCount: number;
  /** A trade's own vendors and items (a telecom, a freelancer...); the generic office catalog otherwise. */
  sector?: BillSector;
}

/** Generates one bill's data from a seed. */
export function generateBillData(seed: number, options: BillOptions): BillData {
  const pick = seededPick(seed);
  const { country, language } = options;
  const vendorInfo = VENDORS[country];
  const name = one(pick, options.sector?.names[country] ?? vendorInfo.names);
  const domain = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z]/g, "")
    .slice(0, 14);
  const vendor: BillParty = {
    name,
    street: one(pick, vendorInfo.streets),
    city: one(pick, vendorInfo.cities),
    country,
    vat: vatNumber(country, pick),
    iban: iban(country, pick),
    phone: `${vendorInfo.phone} ${String(10 + pick(90))}`,
    email: `accounts@${domain}.example`,
  };
  const [standard = 20, reduced = 10] = RATES[country];
  const lines: BillLine[] = [];
  for (let i = 0; i < options.lineCount; i++) {
    const [description, min, max, most] = options.sector
      ? one(pick, options.sector.items)
      : [...one(pick, ITEMS[language]), undefined];
    const quantity = 1 + pick(most ?? (description.includes("(") ? 8 : 24));
    const unitCents = min + pick(max - min);
    lines.push({
      description,
      quantity,
      unitCents,
      amountCents: quantity * unitCents,
      // A trade's services all bear the standard rate; office supplies sometimes a reduced one.
      taxRate: pick(4) === 0 && !options.sector ? reduced : standard,
    });
  }
  const taxes = taxGroups(lines);
  const untaxedCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const taxCents = taxes.reduce((sum, group) => sum + group.taxCents, 0);
  const invoiceDate = addDays("2026-01-02", pick(330));
  return {
    seed,
    vendor,
    buyer: one(pick, BUYERS),
    invoiceNumber: invoiceNumber(pick, invoiceDate.slice(0, 4)),
    invoiceDate,
    dueDate: addDays(invoiceDate, one(pick, [14, 30, 30, 45, 60])),
    currency: country === "GB" ? "GBP" : country === "CH" ? "CHF" : "EUR",
    lines,
    taxes,
    untaxedCents,
    taxCents,
    totalCents: untaxedCents + taxCents,
  };
}

/** The expected fields of a bill, in the contract's names and normalized forms; `omitted`: not printed. */
export function billExpect(bill: BillData, omitted: readonly OptionalBillField[] = []): BillExpect {
  return {
    partner_name: bill.vendor.name,
    partner_vat: bill.vendor.vat,
    partner_iban: omitted.includes("partner_iban") ? null : bill.vendor.iban,
    invoice_number: bill.invoiceNumber,
    invoice_date: bill.invoiceDate,
    due_date: omitted.includes("due_date") ? null : bill.dueDate,
    currency: bill.currency,
    amount_untaxed: decimalOf(bill.untaxedCents),
    amount_tax: decimalOf(bill.taxCents),
    amount_total: decimalOf(bill.totalCents),
  };
}
