/**
 * The trades of two held-out layouts of the fifth set, written blind: a French or Luxembourg lift and
 * HVAC maintenance company (quarterly contract fees per lift, remote alarm, preventive visits, leak checks,
 * call-outs outside the contract) and a German or Austrian conference hotel (nights, breakfast and parking
 * per night, seminar packages per person, meeting rooms per day). Every item bears the country's standard
 * VAT rate, as the generator gives a trade's items. A trailing "(unit)" is printed in a column of its own,
 * or (the hotel's "(Nacht)") spread over one row per night.
 */
import type { BillSector } from "./bill_sectors";

/** A lift and HVAC maintenance company: contract fees per lift or installation, visits and call-outs. */
export const MAINTENANCE_FR: BillSector = {
  names: {
    FR: [
      "Rhône Élévation Services SAS",
      "Ascenseurs Delorme et Cie SARL",
      "Thermi-Clim Maintenance SAS",
      "Atlantique Ascenseurs & Génie Climatique SA",
    ],
    LU: ["Luxlift Ascenseurs S.à r.l.", "Clima-Service Moselle S.à r.l."],
  },
  items: [
    ["Entretien ascenseur, redevance trimestrielle (appareil)", 52000, 98000, 3],
    ["Contrat étendu : pièces d'usure et main-d'œuvre (appareil)", 18000, 36000, 3],
    ["Téléalarme et téléassistance 24h/24 (appareil)", 4500, 9000, 3],
    ["Maintenance préventive CVC, visite trimestrielle (visite)", 38000, 72000, 2],
    ["Contrôle d'étanchéité fluides frigorigènes (installation)", 14000, 26000, 4],
    ["Remplacement filtres centrale de traitement d'air (lot)", 6500, 14000, 6],
    ["Dépannage hors heures ouvrées (intervention)", 19000, 34000, 3],
    ["Main-d'œuvre technicien hors contrat (h)", 6800, 9200, 12],
  ],
};

/** A conference hotel: room nights, breakfast and parking per night, seminar packages, meeting rooms. */
export const HOTEL_DE: BillSector = {
  names: {
    DE: [
      "Hotel Lindenhof GmbH",
      "Parkhotel am Schlossgarten GmbH & Co. KG",
      "Seminarhotel Sonnenhang GmbH",
      "Hotel Kaiserhof Betriebs-GmbH",
    ],
    AT: ["Hotel Alpenrose GmbH", "Seminarhotel Kahlenberg GmbH", "Parkhotel Donaublick GmbH & Co KG"],
  },
  items: [
    ["Übernachtung Einzelzimmer Business (Nacht)", 9900, 16900, 4],
    ["Übernachtung Doppelzimmer zur Einzelnutzung (Nacht)", 11900, 19900, 4],
    ["Frühstücksbuffet (Nacht)", 1800, 2900, 4],
    ["Tiefgarage (Nacht)", 1500, 2800, 4],
    ["Tagungspauschale ganztägig (Pers.)", 5900, 8900, 24],
    ["Tagungsraum inkl. Technik (Tag)", 45000, 95000, 2],
    ["Abendessen 3-Gang-Menü (Pers.)", 3900, 6900, 24],
    ["Getränke Tagung nach Verbrauch (pauschal)", 8000, 26000, 1],
  ],
};
