/**
 * Inbound requests: the keyword classifier on e-mails written for the purpose in four classes (and
 * `other`), several tones and four languages; the contact and class fields with their spans.
 */
import { classifyRequest } from "../../../sync_bridge/src/intake/request_classifier";
import { extractRequestFields, requestText } from "../../../sync_bridge/src/intake/request_fields";

interface Mail {
  subject: string;
  body: string;
  label: string;
}

const MAILS: Record<string, Mail> = {
  "sales, en, formal": {
    label: "sales_lead",
    subject: "Request for quotation",
    body: "Dear team,\nWe are interested in your conveyor belts for our new plant. Could you send a quote and your price list?\n\nBest regards,\nJane Porter\nProcurement lead\nAcme Logistics Ltd\n+44 20 7946 0958",
  },
  "sales, fr, casual": {
    label: "sales_lead",
    subject: "Petite question tarif",
    body: "Bonjour, je suis intéressée par votre offre de maintenance, vous pourriez m'envoyer un devis ? Merci !\n\nCordialement,\nCamille Martin\nBoulangerie Martin SARL",
  },
  "sales, de, terse": {
    label: "sales_lead",
    subject: "Angebot",
    body: "Hallo, wir sind interessiert an 3 Gabelstaplern. Bitte Angebot mit Preisliste.\n\nMit freundlichen Grüßen\nJonas Weber",
  },
  "procurement, en, urgent": {
    label: "procurement_request",
    subject: "Purchase request: safety gloves",
    body: "Hi, we need to order 200 units of nitrile gloves size M before Friday, budget max 450.00 EUR. Please order from the usual supplier.\n\nThanks,\nTom Baker",
  },
  "procurement, es, formal": {
    label: "procurement_request",
    subject: "Solicitud de compra de tóner",
    body: "Buenos días:\nNecesitamos comprar 12 unidades de tóner para las impresoras de la oficina. Presupuesto: 600,00 €.\n\nAtentamente,\nLucía Fernández",
  },
  "procurement, de": {
    label: "procurement_request",
    subject: "Bestellanforderung Kopierpapier",
    body: "Bitte bestellen: 40 Stück Kopierpapier A4, Budget 180,00 EUR. Lieferant wie immer.\n\nViele Grüße\nAnna Schmidt",
  },
  "support, en, angry": {
    label: "support_case",
    subject: "Order #SO-10422 arrived broken!!",
    body: "This is the second time. The pump from order #SO-10422 is broken and the display shows an error. I want a refund or a replacement NOW.\n\nRegards,\nMark Ellis",
  },
  "support, fr": {
    label: "support_case",
    subject: "Imprimante en panne",
    body: "Bonjour,\nL'imprimante livrée avec la commande n° CMD-2291 ne fonctionne pas depuis hier. Pouvez-vous nous aider ?\n\nBien cordialement,\nPaul Lefèvre",
  },
  "support, es, polite": {
    label: "support_case",
    subject: "Problema con el pedido",
    body: "Hola, el pedido 77815 llegó dañado y el equipo no funciona. ¿Podrían revisar el caso?\n\nGracias,\nSofía Ruiz",
  },
  "onboarding, en": {
    label: "onboarding_request",
    subject: "New hire starting Monday",
    body: "Hello IT,\nOur new hire Priya Shah starts on 03/03/2025 as a Data Analyst. Please prepare a laptop and an account for her first day.\n\nThanks,\nHR Team",
  },
  "onboarding, de": {
    label: "onboarding_request",
    subject: "Neuer Mitarbeiter im Vertrieb",
    body: "Hallo,\nunser neuer Mitarbeiter Lukas Becker beginnt am 01.04.2025 als Vertriebsleiter. Bitte die Einarbeitung und den Laptop vorbereiten.\n\nBeste Grüße\nPersonalabteilung",
  },
  "onboarding, fr": {
    label: "onboarding_request",
    subject: "Arrivée d'une nouvelle recrue",
    body: "Bonjour,\nNouvelle recrue Chloé Dubois, premier jour le 2 juin 2025, au poste de comptable. Merci de préparer son intégration.",
  },
  "other, newsletter": {
    label: "other",
    subject: "Our spring newsletter",
    body: "Read the latest stories from our community and see you at the summer party.",
  },
  "other, es": {
    label: "other",
    subject: "Felicidades",
    body: "Enhorabuena por el aniversario de la empresa, un abrazo a todo el equipo.",
  },
};

describe("classifyRequest", () => {
  it.each(Object.keys(MAILS))("classifies %s", (name) => {
    const mail = MAILS[name] as Mail;
    const result = classifyRequest(mail.subject, mail.body);
    expect(result.label).toBe(mail.label);
    expect(result.candidates).toHaveLength(5);
    expect(result.candidates[0]).toEqual({ label: result.label, confidence: result.confidence });
    const sum = result.candidates.reduce((total, candidate) => total + candidate.confidence, 0);
    expect(sum).toBeCloseTo(1, 2);
    if (mail.label !== "other") expect(result.matched[mail.label]?.length).toBeGreaterThan(0);
  });

  it("is unsure of a mail with one weak hint, and sure of one with several strong ones", () => {
    const weak = classifyRequest("Hello", "Could you help?");
    const strong = classifyRequest(MAILS["support, en, angry"]?.subject ?? "", MAILS["support, en, angry"]?.body ?? "");
    expect(weak.confidence).toBeLessThan(0.6);
    expect(strong.confidence).toBeGreaterThan(0.8);
  });
});

const fieldsOf = (sender: string, name: string, defaultCountry?: "DE" | "FR" | "US" | "GB") => {
  const mail = MAILS[name] as Mail;
  const text = requestText(sender, mail.subject, mail.body);
  const fields = extractRequestFields(text, mail.label as never, { defaultCountry });
  const value = Object.fromEntries(fields.map((field) => [field.name, field.value]));
  for (const field of fields) {
    // Every span quotes the text the value was read from.
    const span = (field.evidence as { span: [number, number] }).span;
    expect(text.slice(span[0], span[1])).toBe(field.raw);
  }
  return value;
};

describe("extractRequestFields", () => {
  it("reads the contact from the signature, the From header and the text", () => {
    expect(fieldsOf("Jane Porter <jane.porter@acme-logistics.co.uk>", "sales, en, formal")).toMatchObject({
      contact_name: "Jane Porter",
      email: "jane.porter@acme-logistics.co.uk",
      phone: "+442079460958",
      company: "Acme Logistics Ltd",
      product_interest: "your conveyor belts for our new plant",
    });
    expect(fieldsOf("camille@boulangerie-martin.fr", "sales, fr, casual")).toMatchObject({
      contact_name: "Camille Martin",
      email: "camille@boulangerie-martin.fr",
      company: "Boulangerie Martin SARL",
    });
  });

  it("reads a procurement request's item, quantity and budget", () => {
    expect(fieldsOf("Tom Baker <tom@example.com>", "procurement, en, urgent")).toMatchObject({
      quantity: "200",
      item: "nitrile gloves size M before Friday",
      budget: "450.00",
    });
    expect(fieldsOf("anna.schmidt@example.de", "procurement, de")).toMatchObject({ quantity: "40", budget: "180.00" });
  });

  it("reads a support case's order reference and issue", () => {
    expect(fieldsOf("Mark Ellis <mark@example.com>", "support, en, angry")).toMatchObject({
      order_reference: "SO-10422",
      issue: "Order #SO-10422 arrived broken!!",
      contact_name: "Mark Ellis",
    });
    expect(fieldsOf("paul@example.fr", "support, fr")).toMatchObject({ order_reference: "CMD-2291" });
  });

  it("reads an onboarding request's employee, start date and role", () => {
    expect(fieldsOf("hr@example.com", "onboarding, en")).toMatchObject({
      employee_name: "Priya Shah",
      start_date: "2025-03-03",
      role: "Data Analyst",
    });
    expect(fieldsOf("personal@example.de", "onboarding, de")).toMatchObject({
      employee_name: "Lukas Becker",
      start_date: "2025-04-01",
      role: "Vertriebsleiter",
    });
    expect(fieldsOf("rh@example.fr", "onboarding, fr")).toMatchObject({ start_date: "2025-06-02", role: "comptable" });
  });
});
