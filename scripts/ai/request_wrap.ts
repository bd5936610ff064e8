/**
 * Development aid for `request_cv.ts`: a training e-mail as it often arrives, wrapped in its own
 * language as a reply quoting another e-mail, a forward with nothing said, a forward with a short
 * note, or with a signature and a legal notice. Used to score cross-validation folds on wrapped
 * copies (robustness) and, optionally, to augment the training folds. Deterministic by index.
 */
export type Lang = "en" | "fr" | "de" | "es";

const REPLY: Record<Lang, string> = {
  en: "On Tue, 3 Nov 2026 at 10:02, Sam Carter <sam.carter@example.com> wrote:",
  fr: "Le mar. 3 nov. 2026 à 10:02, Sam Carter <sam.carter@example.fr> a écrit :",
  de: "Am 03.11.2026 um 10:02 schrieb Sam Carter <sam.carter@example.de>:",
  es: "El mar, 3 nov 2026 a las 10:02, Sam Carter (<sam.carter@example.es>) escribió:",
};
const FORWARD: Record<Lang, (subject: string) => string> = {
  en: (s) =>
    `---------- Forwarded message ---------\nFrom: Sam Carter <sam.carter@example.com>\nDate: Tue, 3 Nov 2026 at 10:02\nSubject: ${s}\nTo: Ops <ops@example.com>`,
  fr: (s) =>
    `-------- Message transféré --------\nDe : Sam Carter <sam.carter@example.fr>\nDate : 3 nov. 2026 à 10:02\nObjet : ${s}\nÀ : Ops <ops@example.fr>`,
  de: (s) =>
    `-----Ursprüngliche Nachricht-----\nVon: Sam Carter <sam.carter@example.de>\nGesendet: Dienstag, 3. November 2026 10:02\nAn: Ops\nBetreff: ${s}`,
  es: (s) =>
    `---------- Mensaje reenviado ---------\nDe: Sam Carter <sam.carter@example.es>\nFecha: mar, 3 nov 2026 a las 10:02\nAsunto: ${s}\nPara: Ops <ops@example.es>`,
};
const NOTE: Record<Lang, string> = { en: "FYI", fr: "Pour info.", de: "Zur Info.", es: "Para tu info." };
const FOOTER: Record<Lang, string> = {
  en: "-- \nSam Carter\nOffice Manager | +44 20 7946 0018\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.",
  fr: "-- \nSam Carter\nResponsable administratif\n\nCe message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires.",
  de: "-- \nSam Carter\nBüroleitung\n\nDiese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen.",
  es: "-- \nSam Carter\nResponsable de oficina\n\nEste mensaje y sus anexos contienen información confidencial.",
};

export interface Wrappable {
  subject: string;
  body: string;
  lang: string;
  label: string;
}

/** `example` wrapped the `index`-th way; a reply quotes `others`' first e-mail of another class. */
export function wrapRequest<T extends Wrappable>(example: T, index: number, others: readonly T[]): T {
  const lang = (["en", "fr", "de", "es"].includes(example.lang) ? example.lang : "en") as Lang;
  const quoted = others.find((other, k) => k >= index % others.length && other.label !== example.label) ?? others[0];
  switch (index % 4) {
    case 0:
      return {
        ...example,
        subject: `Re: ${example.subject}`,
        body: `${example.body}\n\n${REPLY[lang]}\n> ${(quoted?.body ?? "").replace(/\n/g, "\n> ")}`,
      };
    case 1:
      return { ...example, subject: `Fwd: ${example.subject}`, body: `${FORWARD[lang](example.subject)}\n\n${example.body}` };
    case 2:
      return {
        ...example,
        subject: `Fwd: ${example.subject}`,
        body: `${NOTE[lang]}\n\n${FORWARD[lang](example.subject)}\n\n${example.body}`,
      };
    default:
      return { ...example, body: `${example.body}\n\n${FOOTER[lang]}` };
  }
}
