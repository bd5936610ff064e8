/**
 * The trades of two held-out layouts of the fifth set, written blind: a Spanish gestoría (asesoría
 * fiscal, laboral y contable) billing its monthly fees, and a Belgian or Luxembourg energy supplier
 * billing a professional customer's monthly electricity and gas on real meter readings. Each has its own
 * vendor names and line items at the country's standard VAT rate; a trailing "(unit)" is the line's unit.
 */
import type { BillSector } from "./bill_sectors";

/** A Spanish gestoría: monthly retainer, payslips and social security, quarterly and annual tax returns. */
export const GESTORIA_ES: BillSector = {
  names: {
    ES: [
      "Gestoría Albéniz Asesores S.L.",
      "Asesoría Vallejo y Martín S.L.",
      "Consulting Fiscal Levante S.L.",
      "Gestión Integral de Empresas Duero S.L.",
    ],
  },
  items: [
    ["Cuota mensual asesoría fiscal y contable (mes)", 9000, 32000, 1],
    ["Confección de nóminas y seguros sociales (nómina)", 1200, 2400, 30],
    ["Altas, bajas y variaciones en Seguridad Social (trámite)", 1500, 3200, 5],
    ["Contrato de trabajo y comunicación Contrat@ (contrato)", 2500, 4800, 3],
    ["Modelo 303, autoliquidación trimestral de IVA (declaración)", 4000, 9500, 1],
    ["Modelo 111, retenciones e ingresos a cuenta (declaración)", 2500, 5500, 1],
    ["Impuesto sobre Sociedades, modelo 200 (declaración)", 30000, 75000, 1],
    ["Depósito de cuentas anuales en el Registro Mercantil (trámite)", 15000, 32000, 1],
    ["Asesoramiento y consultas fuera de cuota (hora)", 6000, 9500, 6],
    ["Representación ante la AEAT en requerimiento (hora)", 7500, 11000, 5],
  ],
};

/** Which area of the gestoría a line belongs to, from its description: its section on the invoice. */
export function gestoriaArea(description: string): "Laboral" | "Fiscal" | "Contable y mercantil" {
  if (/nómina|Seguridad Social|Contrat/.test(description)) return "Laboral";
  if (/Registro Mercantil|contable/.test(description)) return "Contable y mercantil";
  return "Fiscal";
}

/** A Belgian or Luxembourg energy supplier: supply, network costs and levies for electricity and gas. */
export const ENERGY_BE: BillSector = {
  names: {
    BE: ["Ardenne Énergie SA", "Sambre-Meuse Power SA", "Énergie Brabant Wallon SA", "Lumière & Gaz de Hesbaye SA"],
    LU: ["Moselle Énergie S.A.", "Lux Fourniture Énergie S.A.", "Éislek Power S.à r.l."],
  },
  items: [
    ["Électricité – énergie heures pleines (kWh)", 16, 31, 3600],
    ["Électricité – énergie heures creuses (kWh)", 11, 22, 3000],
    ["Électricité – redevance fixe fournisseur (mois)", 400, 1600, 1],
    ["Électricité – frais de distribution (kWh)", 6, 13, 4000],
    ["Électricité – frais de transport (kWh)", 2, 5, 4000],
    ["Électricité – tarif de mesure et de comptage (mois)", 300, 1200, 1],
    ["Gaz naturel – énergie consommée (kWh)", 5, 11, 14000],
    ["Gaz naturel – frais de distribution (kWh)", 1, 4, 14000],
    ["Gaz naturel – redevance fixe fournisseur (mois)", 400, 1300, 1],
    ["Cotisation fédérale et surcharges (forfait)", 250, 1800, 1],
  ],
};
