/**
 * The sender's own message in an e-mail body, for the request classifier (training and run time
 * alike): quoted replies, the headers of forwarded and original messages, signatures after "-- ",
 * mobile footers, legal notices and unsubscribe footers are not what the sender asks for.
 * English, French, German and Spanish shapes. A forward whose own text is (nearly) empty ("FYI",
 * nothing at all) carries its meaning in the forwarded message: then that message's own text is
 * read too, its header block dropped (always, with `forwards: "always"`: a forward relays the
 * message, and its note is often as short as "for the sales team"). A reply with no own text keeps
 * the quoted text; a reply that says something drops it.
 * Written here rather than taken from npm: `email-reply-parser` (MIT, maintained) drops forwarded
 * content whole, which is what an operations alias mostly receives.
 */

/** "On Tue, 3 Nov 2026, Ann <a@b.c> wrote:", in the four languages (two lines at most). */
const REPLY_HEADER = [
  /^On\b.{0,200}\bwrote\s?:\s*$/i,
  /^Le\b.{0,200}\ba [ée]crit\s?:\s*$/i,
  /^Am\b.{0,200}\bschrieb\b.{0,120}:\s*$/i,
  /^El\b.{0,200}\bescribi[óo]\s?:\s*$/i,
];

/** Separators that open a forwarded or original message. */
const FORWARD_SEPARATOR =
  /^[-_=\s]*(original message|forwarded message|begin forwarded message|message d'origine|message transf[ée]r[ée]|message d'origine|urspr[üu]ngliche nachricht|weitergeleitete nachricht|mensaje original|mensaje reenviado)(?!\p{L}).{0,20}$/iu;

/** One line of a header block: "From: …", "Von: …", "De : …", "Asunto: …". */
const HEADER_LINE =
  /^\s*\*?(from|to|cc|bcc|date|sent|subject|reply-to|von|an|datum|gesendet|betreff|de|[àa]|envoy[ée]|objet|para|fecha|enviado( el)?|asunto)\s?:\*?(\s|$)/i;
/** Header lines that open a block (who sent the quoted message). */
const HEADER_START = /^\s*\*?(from|von|de)\s?:/i;

/** Lines after which nothing is the sender's message: signature delimiter, mobile footers. */
const SIGNATURE_CUT = [
  /^--\s?$/,
  /^_{5,}\s*$/,
  /^(sent from my|sent from outlook|get outlook for|envoy[ée] (de|depuis) mon|t[ée]l[ée]charger outlook|von meinem .{1,40} gesendet|gesendet von meinem|enviado desde mi|obtener outlook para)\b/i,
];

/** Legal notices and unsubscribe footers: the paragraph from such a line on is dropped. */
const FOOTER_CUT = [
  /^(confidentiality notice|disclaimer|this (e-?mail|message)( and any attachments?)? (is|are|may be) (confidential|intended)|the information (contained )?in this (e-?mail|message) is confidential)/i,
  /^(avertissement|avis de confidentialit[ée]|ce (message|courriel|e-?mail)( et (toutes )?(les|ses) pi[èe]ces jointes)? (est|sont|peu(ven)?t [êe]tre) (confidentiel|strictement|[ée]tabli|destin[ée]))/i,
  /^(haftungsausschluss|vertraulichkeitshinweis|diese (e-?mail|nachricht)( und (alle|ihre) anh[äa]nge?)? (enth[äa]lt|ist) (vertrauliche|vertraulich|nur f[üu]r))/i,
  /^(aviso (legal|de confidencialidad)|este (mensaje|correo)( electr[óo]nico)?( y sus (anexos|adjuntos))? (es|contienen?|puede contener|va dirigido|se dirige) )/i,
  /(\bunsubscribe\b|se d[ée]sabonner|se d[ée]sinscrire|d[ée]sinscription|d[ée]sabonnement|\babmelden\b|newsletter abbestellen|darse de baja|darte de baja|cancelar (la|tu|su) suscripci[óo]n)/i,
];

/** Fewer words than this in the own text: a forward or reply is read through to what it carries. */
export const NEARLY_EMPTY_WORDS = 4;

export interface OwnMessageOptions {
  /**
   * Whether a forward's message is read after the own text always (a forward relays it) or only
   * when the own text is nearly empty. A reply's quoted text is read only then.
   */
  forwards?: "always" | "when_nearly_empty";
}

const wordCount = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** Where a forwarded/original message or a reply's quoted text starts: its line and kind. */
function findCut(lines: readonly string[]): { at: number; kind: "forward" | "reply"; header: number } | undefined {
  // The last line that is neither blank nor quoted: "> " lines after it are a quoted tail.
  let lastOwn = lines.length - 1;
  while (lastOwn >= 0 && /^(\s*>.*|\s*)$/.test(lines[lastOwn] as string)) lastOwn--;
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (FORWARD_SEPARATOR.test(line)) return { at: index, kind: "forward", header: 0 };
    if (REPLY_HEADER.some((pattern) => pattern.test(line))) return { at: index, kind: "reply", header: 1 };
    const joined = `${line} ${(lines[index + 1] ?? "").trim()}`;
    if (line !== "" && REPLY_HEADER.some((pattern) => pattern.test(joined))) return { at: index, kind: "reply", header: 2 };
    // A header block with no separator (Outlook): "From: …" and another header line right after.
    if (HEADER_START.test(line) && lines.slice(index + 1, index + 4).some((next) => HEADER_LINE.test(next)))
      return { at: index, kind: "forward", header: 0 };
    if (/^>/.test(line) && index > lastOwn) return { at: index, kind: "reply", header: 0 };
  }
  return undefined;
}

/** The own text of lines without quotes: "> " lines out, cut at the signature, footers out. */
function ownLines(lines: readonly string[]): string[] {
  const kept: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith(">")) continue;
    if (SIGNATURE_CUT.some((pattern) => pattern.test(line))) break;
    if (FOOTER_CUT.some((pattern) => pattern.test(line))) break;
    kept.push(raw);
  }
  return kept;
}

/** The forwarded message's body: its header block and separator lines skipped. */
function forwardedBody(lines: readonly string[]): string[] {
  let index = 0;
  while (index < lines.length) {
    const line = (lines[index] as string).trim();
    if (line === "" || FORWARD_SEPARATOR.test(line) || HEADER_LINE.test(line)) index++;
    else break;
  }
  return lines.slice(index);
}

const tidy = (lines: readonly string[]) => lines.join("\n").trim();

/** The sender's own message in `body` (see the module comment); never throws, any input. */
export function ownMessage(body: string, options: OwnMessageOptions = {}, depth = 0): string {
  if (typeof body !== "string" || body === "") return "";
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const cut = findCut(lines);
  const own = tidy(ownLines(cut ? lines.slice(0, cut.at) : lines));
  if (!cut || depth >= 3) return own;
  const always = cut.kind === "forward" && options.forwards === "always";
  if (!always && wordCount(own) >= NEARLY_EMPTY_WORDS) return own;
  const rest = lines.slice(cut.at + cut.header);
  const carried = cut.kind === "forward" ? forwardedBody(rest) : rest.map((line) => line.replace(/^\s*(>\s?)+/, ""));
  const inner = ownMessage(tidy(carried), options, depth + 1);
  return [own, inner].filter((part) => part !== "").join("\n\n");
}
