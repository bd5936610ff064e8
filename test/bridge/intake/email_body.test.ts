/**
 * The sender's own message in an e-mail body: quoted replies, forward and original-message headers,
 * signatures, mobile footers, legal notices and unsubscribe footers go, in English, French, German
 * and Spanish; a forward or reply with (nearly) no own text keeps what it carries; junk never throws.
 */
import { ownMessage } from "../../../sync_bridge/src/intake/email_body";
import { requestClassifier } from "../../../sync_bridge/src/intake/learn/classifier";
import { readBody } from "../../../sync_bridge/src/intake/learn/features";
import { parseClassifierArtifact } from "../../../sync_bridge/src/intake/learn/artifact";
import { loadShippedRequests } from "../../../sync_bridge/src/intake/learn/corpus";
import { DEFAULT_SETTINGS, trainRequestClassifier } from "../../../sync_bridge/src/intake/learn/train";

const ASK = "Could you send us a quote for 40 office chairs before Friday?";

describe("quoted replies are not the sender's message", () => {
  test.each([
    ["en", "On Tue, 3 Nov 2026 at 10:02, Ann Lee <ann.lee@example.com> wrote:"],
    ["en, wrapped over two lines", "On Tue, 3 Nov 2026 at 10:02, Ann Lee\n<ann.lee@example.com> wrote:"],
    ["fr", "Le mar. 3 nov. 2026 à 10:02, Paul Henry <paul.henry@example.fr> a écrit :"],
    ["de", "Am 03.11.2026 um 10:02 schrieb Anna Weber <anna.weber@example.de>:"],
    ["es", "El mar, 3 nov 2026 a las 10:02, Juan Pérez (<juan@example.es>) escribió:"],
  ])("%s reply header and the quoted lines after it", (_, header) => {
    const body = `${ASK}\n\nThanks, Tom\n\n${header}\n> Your invoice INV-2026-0042 is attached.\n> Kind regards, Accounts`;
    expect(ownMessage(body)).toBe(`${ASK}\n\nThanks, Tom`);
  });

  test("'> ' lines anywhere are dropped, the rest kept in order", () => {
    expect(ownMessage(`> Is the order confirmed?\n${ASK}\n> And the price?\nYes, 120 each.`)).toBe(`${ASK}\nYes, 120 each.`);
  });

  test("a reply with no own text reads the text it quotes", () => {
    const body = `On Mon, 2 Nov 2026, Ann Lee <ann@example.com> wrote:\n> ${ASK}\n> Ann`;
    expect(ownMessage(body)).toBe(`${ASK}\nAnn`);
  });

  test("a sentence that merely starts with 'On' or 'Le' is not a reply header", () => {
    const body = "On Monday we received the pallets.\nLe carton était abîmé, merci de nous rappeler.";
    expect(ownMessage(body)).toBe(body);
  });
});

describe("forwarded and original messages", () => {
  const forwarded = (own: string, separator: string, headers: string) =>
    `${own}\n\n${separator}\n${headers}\n\n${ASK}\nGrace Liu\n`;
  const shapes: [string, string, string][] = [
    [
      "en Gmail",
      "---------- Forwarded message ---------",
      "From: Grace Liu <grace@example.com>\nDate: Tue, 3 Nov 2026 at 14:02\nSubject: chairs\nTo: Tom <tom@example.com>",
    ],
    [
      "en Outlook",
      "-----Original Message-----",
      "From: Grace Liu <grace@example.com>\nSent: Tuesday, 3 November 2026 14:02\nTo: Tom\nSubject: chairs",
    ],
    [
      "fr",
      "-------- Message transféré --------",
      "De : Grace Liu <grace@example.fr>\nDate : 3 nov. 2026 à 14:02\nObjet : chaises\nÀ : Tom <tom@example.fr>",
    ],
    [
      "de",
      "---------- Weitergeleitete Nachricht ----------",
      "Von: Grace Liu <grace@example.de>\nDatum: Di., 3. Nov. 2026 um 14:02 Uhr\nBetreff: Stühle\nAn: Tom <tom@example.de>",
    ],
    [
      "de Outlook",
      "-----Ursprüngliche Nachricht-----",
      "Von: Grace Liu\nGesendet: Dienstag, 3. November 2026 14:02\nAn: Tom\nBetreff: Stühle",
    ],
    [
      "es",
      "---------- Mensaje reenviado ---------",
      "De: Grace Liu <grace@example.es>\nFecha: mar, 3 nov 2026 a las 14:02\nAsunto: sillas\nPara: Tom <tom@example.es>",
    ],
  ];

  test.each(shapes)("%s: an empty own text keeps the forwarded message, headers dropped", (_, separator, headers) => {
    expect(ownMessage(forwarded("", separator, headers))).toBe(`${ASK}\nGrace Liu`);
  });

  test.each(shapes)("%s: 'FYI' alone keeps the forwarded message too", (_, separator, headers) => {
    expect(ownMessage(forwarded("FYI", separator, headers))).toBe(`FYI\n\n${ASK}\nGrace Liu`);
  });

  test.each(shapes)("%s: an own message of its own drops the forwarded one", (_, separator, headers) => {
    const own = "Please cancel the chairs order, we found another supplier.";
    expect(ownMessage(forwarded(own, separator, headers))).toBe(own);
  });

  test.each(shapes)("%s: with forwards 'always', a short note keeps the forwarded message", (_, separator, headers) => {
    const own = "For the sales team, can someone call her back?";
    expect(ownMessage(forwarded(own, separator, headers), { forwards: "always" })).toBe(`${own}\n\n${ASK}\nGrace Liu`);
  });

  test("with forwards 'always', a reply that says something still drops what it quotes", () => {
    const body = `${ASK}\n\nOn Tue, 3 Nov 2026, Ann <ann@example.com> wrote:\n> Please unsubscribe me.`;
    expect(ownMessage(body, { forwards: "always" })).toBe(ASK);
  });

  test.each([
    ["en", "From: Grace Liu <grace@example.com>\nSent: Tuesday, 3 November 2026 14:02\nTo: Tom\nSubject: chairs"],
    ["fr", "De : Grace Liu <grace@example.fr>\nEnvoyé : mardi 3 novembre 2026 14:02\nÀ : Tom\nObjet : chaises"],
    ["de", "Von: Grace Liu <grace@example.de>\nGesendet: Dienstag, 3. November 2026 14:02\nAn: Tom\nBetreff: Stühle"],
    ["es", "De: Grace Liu <grace@example.es>\nEnviado el: martes, 3 de noviembre de 2026 14:02\nPara: Tom\nAsunto: sillas"],
  ])("%s header block without a separator line (Outlook)", (_, headers) => {
    expect(ownMessage(`Thoughts?\n\n${headers}\n\n${ASK}`)).toBe(`Thoughts?\n\n${ASK}`);
    expect(ownMessage(`We are not interested, thank you.\n\n${headers}\n\n${ASK}`)).toBe("We are not interested, thank you.");
  });

  test("a forward of a forward with nothing said reads down to the first real message", () => {
    const inner = `---------- Forwarded message ---------\nFrom: Ann <ann@example.com>\nSubject: chairs\n\n${ASK}`;
    expect(
      ownMessage(`---------- Forwarded message ---------\nFrom: Bob <bob@example.com>\nSubject: Fwd: chairs\n\nFYI\n\n${inner}`),
    ).toBe(`FYI\n\n${ASK}`);
  });
});

describe("signatures, footers and notices", () => {
  test.each([
    ["'-- ' delimiter", "-- \nTom Rivers\nSales Director | +44 20 7946 0018"],
    ["'--' delimiter", "--\nTom Rivers"],
    ["en iPhone", "Sent from my iPhone"],
    ["en Outlook", "Get Outlook for Android"],
    ["fr", "Envoyé de mon iPhone"],
    ["de", "Von meinem iPhone gesendet"],
    ["es", "Enviado desde mi iPhone"],
    [
      "en notice",
      "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.",
    ],
    ["en notice, no title", "This email and any attachments are confidential and may be privileged."],
    [
      "fr notice",
      "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires.",
    ],
    ["de notice", "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen."],
    ["es notice", "Este mensaje y sus anexos contienen información confidencial."],
    ["en unsubscribe", "You receive this because you subscribed. Unsubscribe | Manage preferences"],
    ["fr unsubscribe", "Se désabonner | Voir en ligne"],
    ["de unsubscribe", "Newsletter abbestellen"],
    ["es unsubscribe", "Darse de baja"],
  ])("%s: it and all after it go", (_, footer) => {
    expect(ownMessage(`${ASK}\nTom\n\n${footer}\n\nAnything after the footer.`)).toBe(`${ASK}\nTom`);
  });

  test("a mail that is only a signature leaves nothing, and does not read the signature as a message", () => {
    expect(ownMessage("-- \nTom Rivers\nSales Director\nT +44 20 7946 0018")).toBe("");
    expect(ownMessage("\n\nSent from my iPhone\n")).toBe("");
  });

  test("Windows line ends read like Unix ones", () => {
    expect(ownMessage(`${ASK}\r\nTom\r\n-- \r\nTom Rivers`)).toBe(`${ASK}\nTom`);
  });
});

describe("junk input", () => {
  test.each([
    ["empty", ""],
    ["blanks", " \n\t\r\n "],
    ["only quote marks", ">>>>\n> >\n>"],
    ["only a reply header", "On Tue, 3 Nov 2026, Ann <ann@example.com> wrote:"],
    ["only a forward separator", "---------- Forwarded message ---------"],
    ["a header block and nothing else", "From: a@b.c\nTo: d@e.f\nSubject:"],
    ["control characters", "\u0000\u0001\u001b[31m\uffff"],
  ])("%s: a string, never a throw, nothing invented", (_, body) => {
    const own = ownMessage(body);
    expect(typeof own).toBe("string");
    expect(own.length).toBeLessThanOrEqual(body.length);
  });

  test("not a string at all gives the empty text", () => {
    expect(ownMessage(undefined as unknown as string)).toBe("");
    expect(ownMessage(42 as unknown as string)).toBe("");
  });

  test("a huge one-line body and deep nesting finish and keep the text", () => {
    const huge = `${"word ".repeat(200_000)}end`;
    expect(ownMessage(huge)).toBe(huge);
    const nested = `${"---------- Forwarded message ---------\nFrom: x <x@example.com>\nSubject: s\n\n".repeat(50)}${ASK}`;
    expect(typeof ownMessage(nested)).toBe("string");
    const quotedThenText = `${"> quoted\n".repeat(50_000)}${ASK}`;
    expect(ownMessage(quotedThenText)).toBe(ASK);
  });
});

describe("the classifier reads the own message", () => {
  test("artifacts without the body setting read the whole body, as before", () => {
    const body = `${ASK}\n-- \nTom`;
    expect(readBody(body, {})).toBe(body);
    expect(readBody(body, { body: "raw" })).toBe(body);
    expect(readBody(body, { body: "own_text" })).toBe(ASK);
    expect(readBody(body, { body: "own_text_and_forwarded" })).toBe(ASK);
    // an artifact written before the setting existed still loads, and reads the whole body
    const trained = trainRequestClassifier(loadShippedRequests("train").slice(0, 60), { ...DEFAULT_SETTINGS, epochs: 5 });
    const oldSettings: Partial<typeof trained.artifact.settings> = { ...trained.artifact.settings };
    delete oldSettings.body;
    const old = parseClassifierArtifact({ ...trained.artifact, settings: oldSettings }, "an older artifact");
    expect(old.settings.body).toBeUndefined();
    expect(() => parseClassifierArtifact({ ...trained.artifact, settings: { ...oldSettings, body: "html" } }, "junk")).toThrow(
      /body/,
    );
  });

  test("a request quoted under a reply or forwarded with nothing said is classified as the request itself", () => {
    const train = loadShippedRequests("train").filter((_, index) => index % 2 === 0);
    const model = requestClassifier(
      trainRequestClassifier(train, { ...DEFAULT_SETTINGS, epochs: 40, body: "own_text_and_forwarded" }).artifact,
    );
    const newsletter = "THE WEEKLY — Issue 3\nTop stories: freight rates fall again.\nUnsubscribe";
    for (const example of train.slice(0, 12)) {
      const plain = model.classify(example.subject, example.body);
      const reply = `${example.body}\n\nOn Tue, 3 Nov 2026, News <news@example.com> wrote:\n> ${newsletter.replace(/\n/g, "\n> ")}`;
      const forward = `---------- Forwarded message ---------\nFrom: x <x@example.com>\nSubject: ${example.subject}\n\n${example.body}`;
      expect(model.classify(example.subject, reply).candidates).toEqual(plain.candidates);
      expect(model.classify(example.subject, forward).label).toBe(plain.label);
    }
  });
});
