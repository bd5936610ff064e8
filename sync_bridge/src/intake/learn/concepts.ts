/**
 * Cues the trained request classifier reads across languages: groups of words and phrases that
 * say the same thing in English, French, German and Spanish (asking a price, asking to order,
 * something broken, someone starting, an auto-reply, an unsubscribe footer…). A few hundred
 * training e-mails cannot teach that "kostet", "coûte" and "cuesta" mean one thing; a cue can.
 * Unlike the keyword rules, a cue names no class: the model learns what each one weighs, for every
 * class, `other` included. Matched like the keyword rules: on folded text, at word starts.
 */
import { foldText, keywordHits } from "../request_classifier";

/** Each cue's words and phrases, `|` between them (a trailing space asks for the word to end there). */
const CUE_PHRASES: Readonly<Record<string, string>> = {
  price:
    "price|pricing|cost|how much|prix|tarif|combien|coute|preis|kosten|kostet|precio|cuanto cuesta|" +
    "cuanto cuestan|cuesta|cuestan",
  proposal: "quote|quotation|proposal|offer|devis|proposition|offre|angebot|oferta|cotizacion|propuesta",
  demo:
    "demo|trial|walkthrough|see how|demonstration|presenter votre|vorfuhrung|vorstellen|testversion|" +
    "testphase|demostracion|prueba gratuita",
  prospect:
    "interested in|looking for|considering|evaluating|your software|your solution|your product|" +
    "nous cherchons|envisageons|interesse|votre solution|votre logiciel|suchen eine|interessiert|" +
    "ihre software|ihr produkt|buscamos|interesa|valorando|su software|su solucion",
  order_verb:
    "please order|order |purchase|buy |raise a po|source |restock|commander|acheter|commande de|" +
    "bestellen|bestellt|beschaffen|beschaffung|comprar|compren|compraran|pedir|pedid|pedido de",
  need: "need|required|besoin|il nous faut|il faudrait|brauchen|benotigen|necesitamos|necesita|hace falta",
  budget:
    "budget|approved|signed off|max |valide|freigegeben|genehmigt|kostenrahmen|presupuesto aprobado|" +
    "presupuesto maximo|aprobado",
  stock_out: "out of|ran out|running low|restock|plus de|rupture|epuise|aufgebraucht|nachschub|nos quedamos sin|se acabo|agotado",
  broken:
    "not working|doesn't work|does not work|broken|stopped|fails|error|crash|freez|ne fonctionne|" +
    "marche pas|panne|plante|bloque|erreur|funktioniert nicht|geht nicht|fehler|sturzt|absturz|" +
    "defekt|no funciona|falla|fallo|se bloquea|averia",
  damaged:
    "damaged|missing|wrong|short |cracked|abime|manquant|manque|endommage|errone|casse|fehlt|fehlen|" +
    "beschadigt|falsch|kaputt|falta|faltan|danado|roto|equivocad|incorrect",
  billing_error:
    "charged twice|twice|double|duplicate|refund|credit note|rembours|avoir|doppelt|gutschrift|" +
    "erstattung|duplicad|reembolso|abono|dos veces",
  access: "password|login|log in|locked|mot de passe|connexion|passwort|anmeld|gesperrt|contrasena|iniciar sesion",
  help: "help|please advise|can you fix|look into|aider|aidez|technicien|helfen|hilfe|ayudar|ayuda|tecnico",
  my_order:
    "my order|your delivery|the delivery|order no|ma commande|la commande|la livraison|" +
    "meine bestellung|die lieferung|auftrag|mi pedido|el pedido|al pedido|el envio",
  starts:
    "joins|joining|starts|started|start date|new starter|new hire|new joiner|first day|rejoint|" +
    "commence|prend ses fonctions|nous accueillons|arrive le|beginnt|angefangen|eintritt|fangt|" +
    "se incorpora|se une|empieza|empezo|incorporacion",
  newcomer:
    "new employee|new colleague|new team member|intern|nouvel|nouvelle|nouveau|alternant|stagiaire|" +
    "neuer|neue kolleg|neue mitarbeiter|werkstudent|azubi|nuevo|nueva|becario",
  equip:
    "set up|laptop|email account|accounts|badge|access to|desk|ordinateur|pc portable|messagerie|" +
    "acces|notebook|rechner|zugang|einrichten|arbeitsplatz|ordenador|portatil|tarjeta de acceso|" +
    "usuario",
  away:
    "out of office|out of the office|on leave|annual leave|away until|automatic reply|auto-reply|" +
    "absent|en conges|reponse automatique|abwesenheit|nicht im buro|im urlaub|automatische antwort|" +
    "fuera de la oficina|de vacaciones|respuesta automatica",
  bulletin:
    "unsubscribe|manage preferences|newsletter|this week|in this issue|top stories|se desabonner|" +
    "se desinscrire|au sommaire|dans ce numero|abbestellen|abmelden|diese ausgabe|dieser ausgabe|" +
    "darse de baja|en este numero|esta semana|boletin",
  invoice_sent:
    "please find attached|invoice for|amount due|statement|payable|due on|ci-joint|veuillez trouver|" +
    "releve|anbei|zahlbar|abgebucht|kontoauszug|adjuntamos|le remitimos|importe|vencimiento",
  delivered:
    "delivered|out for delivery|your parcel|tracking|a ete livre|votre colis|zugestellt|ihre sendung|entregado|su paquete",
  thanks:
    "thank you for|thanks for|got the|arrived|merci pour|merci encore|bien recu|danke fur|" +
    "vielen dank fur|angekommen|passt|gracias por|llegaron|recibido",
  pitch:
    "we help|we offer|our services|our solutions|our new|brochure|catalogue|portfolio|nous proposons|" +
    "nos nouvelles|vous presenter|unsere losungen|wir bieten|ihnen vorstellen|nuestros servicios|" +
    "catalogo|le enviamos|presentarles",
  application: "application|apply|my cv|resume|candidature|bewerbung|bewerbe|lebenslauf|candidatura|curriculum",
  price_change:
    "price increase|prices increase|list prices|will rise|augmentation|hausse|preisanpassung|passen wir|subida|incremento",
  later:
    "get back to you|come back to you|discuss internally|let you know|reviendrons|revenir vers|" +
    "melde mich|seguimos en contacto|les diremos",
  scam:
    "click here|congratulations|you have won|kindly|verify your|unclaimed|cliquez ici|felicitations|" +
    "gagne|klicken sie|gewonnen|gluckwunsch|haga clic|ha ganado|enhorabuena|premio",
};

export const REQUEST_CUES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(CUE_PHRASES).map(([cue, phrases]) => [cue, phrases.split("|")]),
);

/** A reference such as SO-20877, INV/2026/01922 or FAC-2026-1187: something already ordered or billed. */
const REFERENCE = /(?<![\p{L}\d])\p{L}{1,4}[-/]\d{3,}/u;
/** An amount with its currency, either side. */
const AMOUNT = /[€£$]\s?\d|\d[\d.,\s]*\s?(?:€|eur\b|usd\b|\$|£)/u;

/** The cues an e-mail shows: each cue with how many of its words or phrases occur (subject or body). */
export function requestCues(subject: string, body: string): Map<string, number> {
  const folded = foldText(`${subject}\n${body}`);
  const cues = new Map<string, number>();
  for (const [cue, phrases] of Object.entries(REQUEST_CUES)) {
    const found = phrases.filter((phrase) => keywordHits(folded, phrase) > 0).length;
    if (found > 0) cues.set(cue, found);
  }
  if (REFERENCE.test(folded)) cues.set("reference", 1);
  if (AMOUNT.test(folded)) cues.set("amount", 1);
  return cues;
}
