/**
 * The trades of the English held-out layouts of the fifth set (`bill_layouts_heldout_v5_en.ts`), written
 * blind: a British or Irish temporary-staffing agency charging its contractors' timesheet hours, and a
 * Dutch or Belgian freight forwarder charging one sea shipment, each with its own vendor names and line
 * items at the country's standard VAT rate; also what those bills print around their lines (the agency's
 * timesheets, the forwarder's shipment) and the banks their IBANs name.
 */
import type { BillData, BillLine } from "./bill_data";
import { addDays, printedAmount, printedDate } from "./bill_format";
import type { Pick } from "./bill_identifiers";
import { noiseDigits } from "./bill_print";
import type { BillSector } from "./bill_sectors";

/** A recruitment agency's charge lines: "Job title - pay element (unit)", hours at the hourly charge rate. */
export const STAFFING: BillSector = {
  names: {
    GB: [
      "Castlegate Recruitment Ltd",
      "Brunswick Staffing Solutions Ltd",
      "Redbrick Personnel Ltd",
      "Humberside Industrial Staffing Ltd",
    ],
    IE: ["Claddagh Recruitment Ltd", "Munster Personnel Services Ltd", "Tolka Staffing Solutions DAC"],
  },
  items: [
    ["Warehouse Operative - Basic (hours)", 1395, 1690, 45],
    ["Warehouse Operative - Overtime x1.5 (hours)", 2090, 2535, 12],
    ["FLT Driver (Counterbalance) - Basic (hours)", 1550, 1890, 45],
    ["HGV Class 1 Driver - Basic (hours)", 2150, 2750, 48],
    ["HGV Class 1 Driver - Nights (hours)", 2450, 3150, 40],
    ["Administrator - Basic (hours)", 1590, 2050, 37],
    ["Accounts Assistant - Basic (hours)", 1790, 2390, 37],
    ["Customer Service Advisor - Basic (hours)", 1550, 1950, 40],
    ["Production Operative - Weekend x1.5 (hours)", 1990, 2490, 16],
    ["Chef de Partie - Basic (hours)", 1850, 2350, 45],
  ],
};

/** A freight forwarder's charges on one sea shipment: freight, terminal handling, customs, delivery, storage. */
export const FORWARDING: BillSector = {
  names: {
    NL: [
      "Waalhaven Shipping & Forwarding B.V.",
      "Botlek Freight Services B.V.",
      "Nieuwe Maas Cargo B.V.",
      "Eemhaven Logistics B.V.",
    ],
    BE: ["Scheldt Forwarding NV", "Kallo Cargo Services BV", "Zeebrugge Freight Agencies NV"],
  },
  items: [
    ["Ocean freight (container)", 85000, 320000, 3],
    ["Terminal handling charges (THC) (container)", 21000, 32000, 3],
    ["ISPS surcharge (container)", 1400, 2600, 3],
    ["Import customs clearance (declaration)", 4500, 9500, 2],
    ["Additional HS code lines (line)", 400, 900, 20],
    ["Documentation fee / B/L release (set)", 3500, 7500, 1],
    ["Delivery haulage to consignee (trip)", 45000, 125000, 3],
    ["Handling and inbound receipt (pallet)", 450, 1200, 33],
    ["Warehouse storage (pallet-day)", 60, 180, 240],
    ["Customs inspection / scan (container)", 18000, 35000, 1],
    ["Container detention (day)", 4500, 9000, 8],
    ["T1 transit document (document)", 3500, 6500, 1],
    ["Portbase / port community fee (set)", 1200, 2500, 1],
    ["Delivery order fee (set)", 4000, 8500, 1],
    ["Customs bond / duty deferment fee (declaration)", 2500, 6000, 1],
    ["Fuel surcharge on haulage (trip)", 3000, 11000, 3],
  ],
};

/** A bank's name and BIC from the bank code inside a British, Irish or Dutch IBAN. */
const BANKS: Record<string, [name: string, bic: string]> = {
  NWBK: ["National Westminster Bank plc", "NWBKGB2L"],
  BARC: ["Barclays Bank UK plc", "BARCGB22"],
  LOYD: ["Lloyds Bank plc", "LOYDGB21"],
  HBUK: ["HSBC UK Bank plc", "HBUKGB4B"],
  MIDL: ["HSBC Bank plc", "MIDLGB22"],
  AIBK: ["AIB Bank", "AIBKIE2D"],
  BOFI: ["Bank of Ireland", "BOFIIE2D"],
  IPBS: ["PTSB", "IPBSIE2D"],
  ULSB: ["Ulster Bank", "ULSBIE2D"],
  ABNA: ["ABN AMRO Bank N.V.", "ABNANL2A"],
  INGB: ["ING Bank N.V.", "INGBNL2A"],
  RABO: ["Rabobank", "RABONL2U"],
  TRIO: ["Triodos Bank", "TRIONL2U"],
  SNSB: ["de Volksbank", "SNSBNL2A"],
};
/** Belgian banks by the first digit of the IBAN's bank code. */
const BELGIAN_BANKS: [string, string][] = [
  ["BNP Paribas Fortis", "GEBABEBB"],
  ["Crelan", "NICABEBB"],
  ["BNP Paribas Fortis", "GEBABEBB"],
  ["ING Belgium", "BBRUBEBB"],
  ["KBC Bank", "KREDBEBB"],
  ["Belfius Bank", "GKCCBEBB"],
  ["ING Belgium", "BBRUBEBB"],
  ["KBC Bank", "KREDBEBB"],
  ["Belfius Bank", "GKCCBEBB"],
  ["Argenta", "ARSPBE22"],
];

/** The bank's name and BIC for an IBAN, as the vendor prints them beside it. */
export function bankOf(iban: string): [string, string] {
  if (iban.startsWith("BE")) return BELGIAN_BANKS[Number(iban[4])] ?? ["KBC Bank", "KREDBEBB"];
  return BANKS[iban.slice(4, 8)] ?? ["Bank", iban.slice(4, 8)];
}

/** The agency's temporary workers, named on the timesheet lines. */
const CANDIDATES = [
  "Sarah Whitfield, Tomasz Nowak, Amir Hussain, Chloe Barnes, Daniel Okafor, Ioana Popescu, Megan Price, Kieran Walsh",
  "Aoife Byrne, Priya Sharma, Jack Turner, Marek Kowalski, Grace Osei, Liam Fletcher, Olga Petrova, Ryan Coyle",
  "Hannah Moss, Bilal Ahmed, Kasia Wrobel, Nathan Hughes, Ruth Adeyemi, Conor Lynch, Ellie Marsh, Vytautas Jonaitis",
].flatMap((names) => names.split(", "));

/** Ocean carriers: name, B/L prefix, container owner code and a vessel of theirs. */
export const CARRIERS: [carrier: string, bl: string, owner: string, vessel: string][] = [
  ["MSC", "MEDU", "MSCU", "MSC TESSA"],
  ["Maersk", "MAEU", "MSKU", "MAERSK ESSEN"],
  ["CMA CGM", "CMDU", "CMAU", "CMA CGM TROCADERO"],
  ["Hapag-Lloyd", "HLCU", "HLXU", "BERLIN EXPRESS"],
  ["ONE", "ONEY", "ONEU", "ONE INNOVATION"],
  ["Evergreen", "EGLV", "EGHU", "EVER ACE"],
];

/** Import routes: port of loading (UN/LOCODE), shipper and the goods. */
export const ROUTES: [port: string, shipper: string, goods: string][] = [
  ["Shanghai (CNSHA)", "Shanghai Hengli Houseware Co., Ltd", "Kitchenware, HS 7323"],
  ["Ningbo (CNNGB)", "Ningbo Brightway Electrical Co., Ltd", "LED luminaires, HS 9405"],
  ["Yantian (CNYTN)", "Shenzhen Oriental Office Products Ltd", "Office chairs, HS 9401"],
  ["Singapore (SGSIN)", "Straits Packaging Pte Ltd", "Stretch film, HS 3920"],
  ["Nhava Sheva (INNSA)", "Sai Krishna Textiles Pvt Ltd", "Cotton workwear, HS 6203"],
  ["Santos (BRSSZ)", "Cafe Serra Verde Exportadora Ltda", "Green coffee, HS 0901"],
];

/** An ISO 6346 container number: owner code, six digits and the check digit. */
export function containerNumber(owner: string, serial: string): string {
  const values = new Map<string, number>();
  let value = 10;
  for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
    if (value % 11 === 0) value++;
    values.set(letter, value++);
  }
  const sum = [...`${owner}${serial}`].reduce((acc, ch, i) => acc + (values.get(ch) ?? Number(ch)) * 2 ** i, 0);
  return `${owner}${serial}${(sum % 11) % 10}`;
}

/** The forwarding conditions a Dutch or Belgian forwarder prints above its footer. */
export const CONDITIONS: Record<"NL" | "BE", string[]> = {
  NL: [
    "All our activities are performed under the Dutch Forwarding Conditions (Nederlandse Expeditievoorwaarden), latest version, filed with",
    "the Registry of the District Courts of Amsterdam, Arnhem, Breda and Rotterdam. A copy is sent free of charge on request.",
  ],
  BE: [
    "All our activities are subject to the General Conditions of the Belgian Freight Forwarders (Algemene Belgische Expeditievoorwaarden),",
    "published in the annex to the Belgian Official Gazette of 24 June 2005. A copy is sent free of charge on request.",
  ],
};

/** A charge line on a candidate's timesheet for the week ending on a Sunday. */
export interface Timesheet {
  line: BillLine;
  week: string;
  who: string;
  sheet: string;
}

/** Spreads the lines over a few candidates' timesheets of the last week (some late ones of the week before). */
export function timesheets(bill: BillData, noise: Pick): Timesheet[] {
  const pool = CANDIDATES.filter(() => noise(3) > 0);
  const byJob = new Map<string, string[]>();
  const weekday = new Date(`${bill.invoiceDate}T00:00:00Z`).getUTCDay();
  const sunday = addDays(bill.invoiceDate, -(weekday === 0 ? 7 : weekday));
  const sheets = new Map<string, string>();
  // Each candidate works one job; extra-rate hours mostly go to someone already on that job's basic hours.
  const who = (line: BillLine) => {
    const job = line.description.split(" - ")[0] ?? "";
    const crew = byJob.get(job) ?? [];
    const again = crew.length && (line.description.includes("Basic") ? noise(4) === 0 : noise(4) > 0);
    const name = again || !pool.length ? (crew[noise(crew.length)] ?? "Jack Turner") : (pool.shift() ?? "");
    byJob.set(job, [...new Set([...crew, name])]);
    return name;
  };
  return bill.lines
    .map((line) => ({ line, week: addDays(sunday, noise(4) === 0 ? -7 : 0), who: who(line) }))
    .sort((a, b) => a.week.localeCompare(b.week) || a.who.localeCompare(b.who))
    .map((entry) => {
      const key = `${entry.week}|${entry.who}`;
      if (!sheets.has(key)) sheets.set(key, `TS${noiseDigits(noise, 7)}`);
      return { ...entry, sheet: sheets.get(key) ?? "" };
    });
}

/**
 * One FCL import: the forwarder's file number, containers, the shipment box's two columns of details, and
 * each line's charge and unit as printed (a charge per container names the container it bills, in turn).
 */
export function shipmentOf(bill: BillData, noise: Pick) {
  const one = <T>(list: readonly T[]): T => list[noise(list.length)] as T;
  const belgian = bill.vendor.country === "BE";
  const [carrier, blPrefix, owner, vessel] = one(CARRIERS);
  const [port, shipper, goods] = one(ROUTES);
  const boxes = Math.max(
    1,
    ...bill.lines.filter((line) => line.description.endsWith("(container)")).map((line) => line.quantity),
  );
  const size = one(["40' HC", "20' DV", "40' DV"]);
  const year = bill.invoiceDate.slice(2, 4);
  const arrived = addDays(bill.invoiceDate, -1 - noise(6));
  const sailed = addDays(arrived, -24 - noise(14));
  const weight = `${printedAmount((2000 + noise(20000)) * 100 * boxes, "en").slice(0, -3)} kg`;
  const left: [string, string][] = [
    ["Carrier / vessel", `${carrier} / ${vessel} ${year}${noiseDigits(noise, 2)}W`],
    ["B/L number", `${blPrefix}${noiseDigits(noise, 8)}`],
    ["Port of loading", port],
    ["Port of discharge", belgian ? one(["Antwerp (BEANR)", "Zeebrugge (BEZEE)"]) : "Rotterdam (NLRTM)"],
    ["ETD / arrival", `${printedDate(sailed, "short_en")} / ${printedDate(arrived, "short_en")}`],
  ];
  const right: [string, string][] = [
    ["Shipper", shipper],
    ["Consignee", bill.buyer.name],
    ["Goods", goods],
    ["Packages / weight", `${120 + noise(1800)} cartons / ${weight}`],
    ["Customs MRN", `${year}${bill.vendor.country}${noiseDigits(noise, 13)}${one([..."ABCDEFGH"])}`],
  ];
  const file = `${belgian ? "ANR" : "RTM"}-SI-${year}-${noiseDigits(noise, 5)}`;
  const containers = Array.from({ length: boxes }, () => `${containerNumber(owner, noiseDigits(noise, 6))} ${size}`);
  const seen = new Map<string, number>();
  const charges = bill.lines.map((line): [string, string] => {
    const [, text = line.description, unit = ""] = /^(.*) \((.*)\)$/.exec(line.description) ?? [];
    const times = seen.get(text) ?? 0;
    seen.set(text, times + 1);
    const box = containers[times % containers.length]?.replace(/ .*$/, "") ?? "";
    return [(unit === "container" && line.quantity === 1) || unit === "day" ? `${text} ${box}` : text, unit];
  });
  return { file, port: port.replace(/ \(.*$/, ""), containers, details: [left, right], charges };
}
