// Applies OWL template extensions (`<t t-inherit="..." t-inherit-mode="extension">` with <xpath>
// children) the way Odoo's web client does before OWL sees a template: OWL alone ignores them.
// Covers what web_src uses: XPath 1.0 plus Odoo's hasclass(), positions before, after, inside,
// replace and attributes (<attribute name="...">value</attribute> sets it; empty removes it),
// each expression applied to the first node it matches.

const POSITIONS = ["before", "after", "inside", "replace", "attributes"] as const;
type Position = (typeof POSITIONS)[number];

/** hasclass('a', 'b') as plain XPath 1.0: the element has every one of the classes */
function expandHasclass(expr: string): string {
  return expr.replace(/hasclass\(([^)]*)\)/g, (_match, args: string) =>
    args
      .split(",")
      .map((arg) => arg.trim().replace(/^['"]|['"]$/g, ""))
      .map((cls) => `contains(concat(' ', normalize-space(@class), ' '), ' ${cls} ')`)
      .join(" and "),
  );
}

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const error = doc.querySelector("parsererror");
  if (error) {
    throw new Error(`invalid XML: ${error.textContent}`);
  }
  return doc;
}

/** Applies one <xpath> to `template`, alone in its own document so "//" stays inside it. */
function applyXpath(template: Element, xpath: Element, templateName: string): void {
  const expr = xpath.getAttribute("expr") ?? "";
  const position = (xpath.getAttribute("position") ?? "inside") as Position;
  if (!POSITIONS.includes(position)) {
    throw new Error(`xpath ${expr} on ${templateName}: position "${position}" is not supported here`);
  }
  const doc = template.ownerDocument;
  const target = doc.evaluate(expandHasclass(expr), doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null)
    .singleNodeValue as Element | null;
  if (!target) {
    throw new Error(`xpath ${expr} matches nothing in ${templateName}`);
  }
  if (position === "attributes") {
    for (const attribute of xpath.querySelectorAll(":scope > attribute")) {
      const name = attribute.getAttribute("name") ?? "";
      const value = attribute.textContent ?? "";
      if (value) {
        target.setAttribute(name, value);
      } else {
        target.removeAttribute(name);
      }
    }
    return;
  }
  const nodes = [...xpath.childNodes].map((node) => doc.importNode(node, true));
  if (position === "inside") {
    target.append(...nodes);
  } else if (position === "before") {
    target.before(...nodes);
  } else if (position === "after") {
    target.after(...nodes);
  } else {
    target.replaceWith(...nodes);
  }
}

/**
 * One <templates> document: the templates of `baseXml` with every extension of `extensionsXml`
 * applied, followed by the named templates of `extensionsXml`. Throws when an extension inherits
 * from a template `baseXml` lacks or an xpath matches nothing, as Odoo would.
 */
export function applyTemplateExtensions(baseXml: string, extensionsXml: string): string {
  const base = parse(baseXml);
  const extensions = parse(extensionsXml);
  const templates = new Map<string, Element>();
  for (const template of base.querySelectorAll("templates > [t-name]")) {
    // one document per template, as Odoo clones a parent template before extending it
    const own = document.implementation.createDocument(null, null, null);
    own.appendChild(own.importNode(template, true));
    templates.set(template.getAttribute("t-name") ?? "", own.documentElement);
  }
  for (const extension of extensions.querySelectorAll("templates > [t-inherit-mode='extension']")) {
    const name = extension.getAttribute("t-inherit") ?? "";
    const template = templates.get(name);
    if (!template) {
      throw new Error(`extension of ${name}: no such template`);
    }
    for (const xpath of extension.querySelectorAll(":scope > xpath")) {
      applyXpath(template, xpath, name);
    }
  }
  const serializer = new XMLSerializer();
  const named = [...extensions.querySelectorAll("templates > [t-name]")];
  return [
    '<templates xml:space="preserve">',
    ...[...templates.values(), ...named].map((template) => serializer.serializeToString(template)),
    "</templates>",
  ].join("\n");
}
