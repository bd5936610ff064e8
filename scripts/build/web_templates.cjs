// OWL templates of the web layer: collects web_src/**/*.xml and concatenates them into the one
// XML assets Odoo loads (addon_ops_harmony/static/src/generated/*.templates.xml, one per bundle).
// Shared by scripts/build/build_web.mjs and the jest setup (test/web/helpers.ts), so the tests mount
// the very templates the build ships.
const fs = require("node:fs");
const path = require("node:path");

const TEMPLATES_BANNER = "<!-- generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) -->";

/** Newlines as \n, no BOM. */
function normalizeNewlines(text) {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** web_src/**\/*.xml as [{ file: "web_src/…" (posix, relative to root), content }], sorted by path. */
function collectTemplateSources(root, dir = "web_src") {
  const base = path.join(root, dir);
  return fs
    .readdirSync(base, { recursive: true, withFileTypes: false })
    .map((rel) => String(rel).split(path.sep).join("/"))
    .filter((rel) => rel.endsWith(".xml"))
    .map((rel) => `${dir}/${rel}`)
    .sort()
    .map((file) => ({ file, content: normalizeNewlines(fs.readFileSync(path.join(root, file), "utf8")) }));
}

/** The children of a file's <templates> root, as text; throws if the root is anything else. */
function templatesBody({ file, content }) {
  const withoutProlog = content.replace(/^\s*<\?xml[^?]*\?>/, "").replace(/^(\s*<!--[\s\S]*?-->)*\s*/, "");
  const match = /^<templates(\s[^>]*)?>([\s\S]*)<\/templates>\s*$/.exec(withoutProlog);
  if (!match) {
    throw new Error(`${file}: an OWL template file needs a single <templates> root element`);
  }
  return match[2].replace(/^\n+|\s+$/g, "");
}

/** t-name values of the templates defined in a body (inheriting extensions carry no t-name). */
function templateNames(body) {
  return [...body.matchAll(/<t\s[^>]*?\bt-name="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * One XML document holding every template, in sorted file order, each file's part preceded by a
 * comment naming its source. Throws on a template name defined twice.
 */
function renderTemplatesXml(sources) {
  const seen = new Map();
  const parts = [];
  for (const source of sources) {
    const body = templatesBody(source);
    for (const name of templateNames(body)) {
      if (seen.has(name)) {
        throw new Error(`template "${name}" is defined in both ${seen.get(name)} and ${source.file}`);
      }
      seen.set(name, source.file);
    }
    if (source.file.includes("--")) {
      throw new Error(`${source.file}: "--" cannot appear in an XML comment; rename the file`);
    }
    parts.push(`    <!-- ${source.file} -->\n${body}\n`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    TEMPLATES_BANNER,
    '<templates xml:space="preserve">',
    "",
    parts.join("\n"),
    "</templates>",
    "",
  ].join("\n");
}

/** The generated templates XML for the sources under root/web_src (those `keep(file)` accepts, if given). */
function buildTemplatesXml(root, keep = () => true) {
  return renderTemplatesXml(collectTemplateSources(root).filter((source) => keep(source.file)));
}

module.exports = {
  TEMPLATES_BANNER,
  normalizeNewlines,
  collectTemplateSources,
  renderTemplatesXml,
  buildTemplatesXml,
  templateNames,
};
