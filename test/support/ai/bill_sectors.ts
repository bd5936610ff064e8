/**
 * Trades whose bills look unlike an office supplier's: their own vendor names and line items (a
 * telecom's line rental and call minutes, a freelancer's days, a heating engineer's hours and parts, a
 * SaaS plan's seats), all at the country's standard VAT rate. Items: description (a trailing
 * "(unit)" is the unit some layouts print in a column of its own), lowest and highest unit price in
 * cents, most units per line.
 */
import type { VendorCountry } from "./bill_identifiers";

export interface BillSector {
  names: Partial<Record<VendorCountry, string[]>>;
  items: [description: string, minCents: number, maxCents: number, mostUnits: number][];
}

export const TELECOM_EN: BillSector = {
  names: {
    GB: ["Pennine Telecom Ltd", "Thameslink Broadband Ltd", "Severn Business Comms plc"],
    IE: ["Liffey Telecom DAC", "Shannon Broadband Ltd", "Atlantic Fibre Networks Ltd"],
  },
  items: [
    ["Business line rental", 1850, 2450, 4],
    ["Fibre broadband 500 Mb, monthly", 3900, 6500, 1],
    ["Calls to mobiles (minutes)", 4, 12, 900],
    ["Calls to landlines (minutes)", 2, 6, 1200],
    ["Mobile SIM plan, 30 GB", 1200, 2200, 12],
    ["Static IP address", 500, 900, 2],
    ["Router rental", 400, 700, 1],
  ],
};

export const FREELANCE_FR: BillSector = {
  names: {
    FR: ["Camille Rousseau EI", "Studio Julien Marchand", "Léa Fontaine Traduction", "Hugo Lefèvre Conseil"],
  },
  items: [
    ["Développement front-end (jours)", 45000, 65000, 15],
    ["Atelier de cadrage (heures)", 8000, 12000, 6],
    ["Traduction technique (feuillets)", 2500, 4000, 40],
    ["Maintenance et hébergement, mensuel", 9000, 18000, 3],
    ["Audit d'accessibilité (forfait)", 90000, 180000, 1],
    ["Frais de déplacement", 3000, 15000, 2],
  ],
};

export const HANDWERK_AT: BillSector = {
  names: {
    AT: ["Huber Haustechnik GmbH", "Elektro Gruber e.U.", "Steirer Installationen GmbH", "Installateur Wimmer GmbH"],
  },
  items: [
    ["Arbeitszeit Monteur (Std.)", 6200, 7800, 24],
    ["Arbeitszeit Lehrling (Std.)", 3400, 4200, 16],
    ["Anfahrtspauschale (psch.)", 3500, 5500, 1],
    ["Kupferrohr 15 mm (m)", 900, 1400, 30],
    ["Thermostatventil DN 15 (Stk.)", 2400, 4100, 8],
    ["Pressfitting Winkel 90° (Stk.)", 450, 900, 20],
    ["Entsorgung Altmaterial (psch.)", 2500, 6000, 1],
  ],
};

export const SAAS_EN: BillSector = {
  names: {
    IE: ["Brightloop Software Ltd", "Quayside Analytics Ltd", "Harbourline Cloud DAC"],
    NL: ["Cloudvast B.V.", "Tulpdesk Software B.V."],
    LU: ["Tessera Cloud S.à r.l."],
  },
  items: [
    ["Team plan, per seat, monthly", 900, 2900, 40],
    ["Business plan, per seat, monthly", 3500, 6900, 25],
    ["Additional storage, 100 GB", 400, 1200, 10],
    ["Priority support add-on", 4900, 19900, 1],
    ["API calls over quota (per 10k)", 150, 400, 60],
  ],
};
