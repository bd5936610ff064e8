/**
 * The trades of the third set of calibration layouts (`bill_layouts_calibration_v3.ts` and
 * `bill_layouts_calibration_v3_eu.ts`), written blind: an Irish or British manned-guarding contractor, a
 * Romandy or French printer and sign-maker, and a Spanish vehicle repair workshop, each with its own vendor
 * names and line items at the country's standard VAT rate, and what their bills print around the lines
 * (guarded sites, call-out outcomes, banks, a printer's spec lines, the cars a workshop repairs).
 */
import type { VendorCountry } from "./bill_identifiers";
import type { BillSector } from "./bill_sectors";

/** A security contractor billing a month in arrears: guard hours, patrols, keyholding, alarm call-outs. */
export const SECURITY: BillSector = {
  names: {
    IE: ["Ardmore Security Services Ltd", "Sentinel Guarding (Ireland) Ltd", "Boyne Valley Security DAC"],
    GB: ["Citadel Manned Guarding Ltd", "Northgate Security Services Ltd", "Kestrel Site Security Ltd"],
  },
  items: [
    ["Static guarding, day shift (hours)", 2150, 2850, 360],
    ["Static guarding, night shift (hours)", 2350, 3100, 360],
    ["Weekend and bank holiday premium (hours)", 450, 900, 96],
    ["Mobile patrol, scheduled visits (visits)", 1200, 2200, 90],
    ["Alarm response call-out (call-outs)", 4500, 8500, 6],
    ["Keyholding service, monthly retainer (month)", 3500, 9500, 1],
    ["Remote CCTV monitoring (cameras)", 1500, 3500, 24],
    ["Lock and unlock service (visits)", 1500, 2800, 31],
    ["Supervisor site inspection (visits)", 3500, 5500, 8],
  ],
};

/** The outcomes a guard writes in a call-out report. */
export const CALL_OUT_OUTCOMES = [
  "Intruder alarm activation, premises checked and secure, alarm reset",
  "Fire alarm panel fault, engineer called, site left secure",
  "Door found insecure on arrival, secured and reported",
  "Perimeter gate damaged, site held until contractor arrived",
  "False activation (weather), no entry, customer informed",
];

/** The customer's premises a guarding contract covers. */
export const GUARDED_SITES = [
  "Distribution centre, Gate 2",
  "Head office and reception",
  "Yard and HGV parking",
  "Retail unit 4, ground floor",
  "Construction compound, Phase 3",
];

/** The banks behind Irish and British IBANs' bank codes, and their BICs. */
export const UK_IE_BANKS: Record<string, [name: string, bic: string]> = {
  AIBK: ["AIB", "AIBKIE2D"],
  BOFI: ["Bank of Ireland", "BOFIIE2D"],
  IPBS: ["PTSB", "IPBSIE2D"],
  ULSB: ["Ulster Bank", "ULSBIE2D"],
  NWBK: ["NatWest", "NWBKGB2L"],
  BARC: ["Barclays Bank", "BARCGB22"],
  LOYD: ["Lloyds Bank", "LOYDGB2L"],
  HBUK: ["HSBC UK", "HBUKGB4B"],
  MIDL: ["HSBC UK", "MIDLGB22"],
};

/** A Romandy or French printer and sign-maker: print runs by lot, signs and lettering by the square metre, fitting. */
export const IMPRIMERIE: BillSector = {
  names: {
    CH: ["Imprimerie Rochat Sàrl", "Atelier Graphique du Chablais SA", "Enseignes Jura-Signal Sàrl"],
    FR: ["Imprimerie Vauclair SAS", "Savoie Graphic Impressions SARL", "Rhône Enseignes & Signalétique SAS"],
  },
  items: [
    ["Flyers A5 recto-verso, lot de 1000 ex. (lot)", 9000, 18000, 5],
    ["Cartes de visite 85 x 55 mm, lot de 250 ex. (lot)", 4500, 9500, 12],
    ["Brochure A4, 16 pages, piqûre à cheval (ex.)", 190, 480, 800],
    ["Affiche F4 89,5 x 128 cm, papier blue-back (ex.)", 1200, 2800, 40],
    ["Caisson lumineux LED double face, sur mesure (pce)", 120000, 380000, 1],
    ["Lettrage vitrine, vinyle découpé (m²)", 6500, 12000, 12],
    ["Panneau aluminium composite 3 mm imprimé (m²)", 7500, 14000, 10],
    ["Bâche PVC 510 g/m² avec œillets (m²)", 2200, 4200, 30],
    ["Pose sur site, deux techniciens (h)", 9500, 14500, 8],
    ["Création graphique et mise en page (h)", 8500, 12500, 6],
  ],
};

/** The technical line a printer prints under an item: paper, colours, finishing. */
export const PRINT_SPECS: [match: string, spec: string][] = [
  ["Flyers", "Couché brillant 135 g/m², quadri 4/4, coupe au format 148 x 210 mm"],
  ["Cartes de visite", "Carton mat 350 g/m², quadri 4/4, pelliculage mat recto"],
  ["Brochure", "Couverture 250 g/m² + intérieur 115 g/m² couché satin, quadri 4/4"],
  ["Affiche", "Blue-back 115 g/m², quadri 4/0, encres UV extérieures"],
  ["Caisson", "Profil alu laqué, faces PMMA opale imprimées, éclairage LED 24 V"],
  ["Lettrage", "Vinyle polymère Oracal 751, teinte selon nuancier, transfert et pose"],
  ["Panneau", "Dibond blanc 3 mm, impression UV directe, 4 trous de fixation"],
  ["Bâche", "PVC M1 ignifugé, ourlet périmétrique, œillets tous les 50 cm"],
];

/** Article-code prefixes of a printer's items: digital, offset, fitting, prepress; signs otherwise. */
export const PRINT_PREFIXES: [match: string, prefix: string][] = [
  ["Flyers", "NUM"],
  ["Cartes", "NUM"],
  ["Brochure", "OFF"],
  ["Affiche", "OFF"],
  ["Pose", "POS"],
  ["Création", "PAO"],
];

/** A printer's house banks in Romandy and France, with their BICs. */
export const PRINTER_BANKS: Partial<Record<VendorCountry, [name: string, bic: string][]>> = {
  CH: [
    ["Banque Cantonale Vaudoise", "BCVLCH2LXXX"],
    ["PostFinance SA", "POFICHBEXXX"],
    ["Banque Cantonale de Genève", "BCGECHGGXXX"],
  ],
  FR: [
    ["Crédit Agricole des Savoie", "AGRIFRPP881"],
    ["Banque Populaire Auvergne Rhône Alpes", "CCBPFRPPLYO"],
    ["CIC Lyonnaise de Banque", "CMCIFRPP"],
  ],
};

/** An article code that stays the same for the same item: a prefix and a small hash of its text. */
export function codeOf(prefix: string, text: string): string {
  return `${prefix}${[...text].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 9000, 7) + 1000}`;
}

/** A Spanish vehicle repair workshop: labour by operation in hours, then parts and consumables. */
export const TALLER: BillSector = {
  names: {
    ES: [
      "Talleres Hermanos Ruiz S.L.",
      "Autoservicio Motor Levante S.L.",
      "Taller Mecánico Guadarrama S.L.",
      "Garaje Europa Reparaciones S.L.",
    ],
  },
  items: [
    ["Cambio de aceite y filtros (h)", 4200, 6200, 2],
    ["Sustitución de pastillas y discos de freno (h)", 4200, 6200, 3],
    ["Diagnosis electrónica con equipo (h)", 4800, 6800, 2],
    ["Sustitución de kit de distribución (h)", 4200, 6200, 5],
    ["Reparación de chapa y pintura de aleta (h)", 4000, 5800, 9],
    ["Filtro de aceite (ud.)", 890, 1890, 1],
    ["Aceite motor 5W30 sintético (l)", 950, 1650, 6],
    ["Pastillas de freno delanteras (jgo.)", 3800, 8900, 1],
    ["Disco de freno delantero (ud.)", 3200, 7800, 2],
    ["Filtro de aire (ud.)", 1200, 2800, 1],
    ["Kit de distribución con bomba de agua (ud.)", 18000, 42000, 1],
    ["Batería 12V 70Ah (ud.)", 9500, 16500, 1],
    ["Neumático 205/55 R16 91V (ud.)", 6500, 12500, 4],
    ["Líquido de frenos DOT 4 (l)", 900, 1800, 1],
    ["Material de pintura y aparejos (ud.)", 6000, 18000, 1],
    ["Gestión medioambiental de residuos (ud.)", 250, 600, 1],
  ],
};

/** Makes and models a workshop sees, and the first letters of their frame numbers (VIN). */
export const CARS_ES: [model: string, vin: string][] = [
  ["SEAT León 1.5 TSI", "VSSZZZKL"],
  ["Renault Clio 1.0 TCe", "VF1RJA00"],
  ["Peugeot 308 1.5 BlueHDi", "VF3LBYHZ"],
  ["Toyota Corolla 1.8 Hybrid", "SB1K93BE"],
  ["Volkswagen Golf 2.0 TDI", "WVWZZZCD"],
  ["Dacia Sandero 1.0 ECO-G", "UU1DJF00"],
];
