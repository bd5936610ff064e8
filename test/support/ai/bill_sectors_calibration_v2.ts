/**
 * The trades of the second set of calibration layouts (`bill_layouts_calibration_v2.ts` and
 * `bill_layouts_calibration_v2_eu.ts`), written blind: a vehicle-hire company, a builders' merchant, a
 * Belgian accountancy firm (fiduciaire) and a German or Austrian print shop, each with its own vendor
 * names and line items at the country's standard VAT rate.
 */
import type { BillSector } from "./bill_sectors";

/** A British or Irish car, van and minibus hire company: hire days, waivers, mileage and fuel. */
export const VEHICLE_HIRE: BillSector = {
  names: {
    GB: ["Wessex Vehicle Rental Ltd", "Trentside Van & Car Hire Ltd", "Caledonian Fleet Hire Ltd"],
    IE: ["Midland Car & Van Rental Ltd", "Nore Valley Fleet Hire Ltd", "Atlantic Self Drive DAC"],
  },
  items: [
    ["Hire charge, small panel van (days)", 3900, 6900, 14],
    ["Hire charge, 3.5 t Luton van (days)", 6500, 9900, 10],
    ["Hire charge, compact estate car (days)", 2900, 5200, 21],
    ["Weekly rate, 9-seat minibus (weeks)", 32000, 52000, 3],
    ["Collision damage waiver (days)", 1200, 2400, 21],
    ["Additional driver (days)", 600, 1200, 21],
    ["Excess mileage (miles)", 14, 32, 600],
    ["Refuelling charge (litres)", 165, 245, 70],
    ["Delivery and collection (trips)", 2500, 5500, 2],
    ["Valeting charge", 3500, 6000, 1],
  ],
};

/** A builders' merchant: bagged and sheet materials, timber, plumbing fittings, crane delivery. */
export const MERCHANT: BillSector = {
  names: {
    IE: ["Slaney Builders Providers Ltd", "Kilbride Timber & Hardware Ltd", "Midlands Plumbing & Heating Supplies Ltd"],
    GB: ["Mercia Building Supplies Ltd", "Calder Valley Plumbers Merchants Ltd"],
  },
  items: [
    ["Cement CEM II 25 kg (bag)", 720, 1090, 80],
    ["Concrete block 440x215x100 (each)", 165, 260, 400],
    ["Sawn timber C16 47x100 4.8 m (length)", 1150, 1790, 60],
    ["Plasterboard 12.5 mm 2400x1200 (sheet)", 980, 1490, 80],
    ["Copper tube 15 mm x 3 m (length)", 1450, 2390, 40],
    ["Compression elbow 15 mm (each)", 140, 320, 50],
    ["Multi-finish plaster 25 kg (bag)", 1050, 1490, 40],
    ["PIR insulation board 100 mm (sheet)", 3400, 4900, 30],
    ["Building sand, bulk bag (bag)", 5500, 7900, 6],
    ["Delivery charge, crane offload (load)", 4500, 8500, 2],
  ],
};

/** The hire vehicle a rental line names: words in the line, and the make and model printed. */
export const VEHICLES: [match: string, model: string][] = [
  ["panel van", "Ford Transit Custom 280"],
  ["Luton", "Mercedes Sprinter 3.5t Luton"],
  ["estate", "Skoda Octavia Estate 1.5 TSI"],
  ["minibus", "Ford Transit 9-seat Minibus"],
];

/** A Belgian accountancy firm (fiduciaire, ITAA member): quarterly bookkeeping, VAT returns, annual accounts, payroll. */
export const FIDUCIAIRE_BE: BillSector = {
  names: {
    BE: [
      "Fiduciaire Dumont & Associés SRL",
      "Bureau Comptable Lambert SRL",
      "Fiduciaire Meuse-Sambre SRL",
      "Fidu-Conseil Delvaux SRL",
    ],
  },
  items: [
    ["Tenue de la comptabilité, forfait trimestriel (trimestre)", 45000, 120000, 2],
    ["Déclarations périodiques à la TVA (déclaration)", 6500, 12000, 4],
    ["Établissement des comptes annuels et dépôt BNB (forfait)", 95000, 220000, 1],
    ["Déclaration à l'impôt des sociétés (forfait)", 45000, 90000, 1],
    ["Listing clients TVA annuel (forfait)", 9000, 18000, 1],
    ["Consultations et conseils fiscaux (heures)", 9500, 14500, 12],
    ["Gestion des fiches de paie (fiche)", 2200, 3800, 40],
    ["Assistance lors d'un contrôle fiscal (heures)", 11000, 16000, 8],
  ],
};

/** A German or Austrian print shop: offset and digital print runs, large format, prepress hours, courier. */
export const DRUCKEREI: BillSector = {
  names: {
    DE: ["Druckerei Albrecht GmbH", "Offsetdruck Lindner GmbH & Co. KG", "Druckhaus Weserland GmbH", "Medienhaus Brandl e.K."],
    AT: ["Druckerei Hofbauer GmbH", "Donau Druck & Medien GmbH", "Alpendruck Steiner KG"],
  },
  items: [
    ["Flyer DIN A5, 4/4-farbig, 135 g/m² Bilderdruck glänzend (Tsd.)", 3900, 8900, 20],
    ["Visitenkarten 85 x 55 mm, 4/4-farbig, 350 g/m² matt (Satz)", 2900, 5900, 12],
    ["Broschüre DIN A4, 24 Seiten, Rückstichheftung (Stk.)", 180, 420, 800],
    ["Plakat DIN A1, 4/0-farbig, 150 g/m² (Stk.)", 900, 1900, 60],
    ["Briefbogen DIN A4, 4/0-farbig, 90 g/m² Offset (Tsd.)", 6900, 12900, 5],
    ["Roll-up-Display 85 x 200 cm inkl. Druck (Stk.)", 7900, 12900, 6],
    ["Datencheck und Druckvorstufe (Std.)", 5500, 8500, 4],
    ["Kurierversand (psch.)", 690, 2490, 1],
  ],
};
