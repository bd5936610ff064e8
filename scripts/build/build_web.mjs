#!/usr/bin/env node
// Builds the OWL layer (web_src/) into the files the addon ships:
//   addon_ops_harmony/static/src/generated/ops_harmony.bundle.js      one plain ES module (web.assets_backend)
//   addon_ops_harmony/static/src/generated/ops_harmony.templates.xml  the web_src/**/*.xml templates
// and, for each lazy bundle (LAZY_BUNDLES: a screen loaded only when opened, through Odoo's
// loadBundle), its own <name>.bundle.js and <name>.templates.xml, which hold the
// code and the templates of its folder; the manifest lists them under the bundle's asset name.
//
//   node scripts/build/build_web.mjs            build and write (npm run build)
//   node scripts/build/build_web.mjs --check    build in memory, exit 1 if the committed files differ
//   --outdir DIR                          read/write DIR instead of the addon's generated folder
//
// Odoo 19 transpiles every .js under <addon>/static/src into odoo.define() with a regex-based
// transpiler (odoo/tools/js_transpiler.py) that rewrites only imports and exports. So the bundle
// stays boring: not minified, imports on single lines, `@odoo/owl`, `@web/*` and `@mail/*` left as
// imports (Odoo resolves them to its own modules), luxon and Chart.js taken from what Odoo already
// serves.
import * as esbuild from "esbuild";
import { Buffer } from "node:buffer";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import webTemplates from "./web_templates.cjs";

const { buildTemplatesXml, normalizeNewlines } = webTemplates;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ENTRY = "web_src/src/index.ts";
export const OUT_DIR = "addon_ops_harmony/static/src/generated";
export const BUNDLE_FILE = "ops_harmony.bundle.js";
export const TEMPLATES_FILE = "ops_harmony.templates.xml";
/**
 * The screens built apart and loaded on first use. `dir`'s templates go to the lazy bundle only;
 * its entry only exports the screen (it registers nothing), and web_src/src/index.ts registers a
 * client action that loads `asset`, then takes the screen from the module Odoo's loader defined.
 * Code both bundles import is copied into each.
 */
export const LAZY_BUNDLES = [
  {
    name: "ops_harmony_ai_review",
    asset: "addon_ops_harmony.assets_ai_review",
    entry: "web_src/src/index_ai_review.ts",
    dir: "web_src/src/ai_review/",
  },
];
export const BANNER = "/* generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) */";
export const STALE_MESSAGE = "generated bundle is stale: run npm run build and commit addon_ops_harmony/static/src/generated";

// Everything luxon 3.5 exports; Odoo's web/static/lib/luxon/luxon.js defines them on the global.
const LUXON_EXPORTS = [
  "DateTime",
  "Duration",
  "FixedOffsetZone",
  "IANAZone",
  "Info",
  "Interval",
  "InvalidZone",
  "Settings",
  "SystemZone",
  "VERSION",
  "Zone",
];

const TRANSLATION_MODULE = "@web/core/l10n/translation";

const VIRTUAL_NAMESPACE = "odoo-runtime";
const VIRTUAL_MODULES = {
  // Every source imports _t from @web/core/l10n/translation; left alone, esbuild keeps one import
  // per source file and renames the later ones (`import { _t as _t2 }`), which hides those
  // _t("...") calls from Odoo's term extraction and from the transpiler's per-addon binding.
  // Routing them through one facade leaves a single `import { _t } from ...` line. It offers _t
  // only: components have no business with the module's other exports (appTranslateFn would
  // also change how Odoo's transpiler rewrites the import).
  [TRANSLATION_MODULE]: `export { _t } from "${TRANSLATION_MODULE}";\n`,
  // Odoo loads luxon as a classic script (web._assets_core) that defines the global `luxon`.
  luxon: `export const { ${LUXON_EXPORTS.join(", ")} } = globalThis.luxon;\n`,
  // Odoo serves Chart.js (+ its luxon adapter) as the lazy bundle "web.chartjs_lib", loaded
  // through @web/core/assets loadBundle(), which defines the global `Chart`.
  "chart.js": [
    'import { loadBundle } from "@web/core/assets";',
    "export async function loadChart() {",
    '    await loadBundle("web.chartjs_lib");',
    "    return globalThis.Chart;",
    "}",
    "",
  ].join("\n"),
};

// Sources that must never end up inside the bundle: Odoo already ships these.
const FORBIDDEN_INPUTS = [
  { re: /(^|\/)node_modules\/@odoo\/owl\//, what: "@odoo/owl (Odoo provides it as the module @odoo/owl)" },
  { re: /(^|\/)node_modules\/luxon\//, what: "luxon (Odoo provides the global luxon)" },
  { re: /(^|\/)node_modules\/chart\.js\//, what: "chart.js (Odoo provides it as the bundle web.chartjs_lib)" },
  { re: /(^|\/)node_modules\/@kurkle\//, what: "Chart.js's color dependency" },
  { re: /^web_src\/types\//, what: "type declarations (an @web/* or @mail/* import was resolved instead of kept external)" },
];

/** Maps @odoo/owl, @web/* and @mail/* to external imports, luxon and chart.js to Odoo's copies. */
function odooRuntimePlugin(root) {
  return {
    name: "odoo-runtime",
    setup(build) {
      build.onResolve({ filter: /^@web\/core\/l10n\/translation$/ }, (args) =>
        args.namespace === VIRTUAL_NAMESPACE
          ? { path: args.path, external: true }
          : { path: args.path, namespace: VIRTUAL_NAMESPACE },
      );
      // External before anything else: tsconfig "paths" maps @web/* and @mail/* to the
      // .d.ts files.
      build.onResolve({ filter: /^(@odoo\/owl|@web\/.+|@mail\/.+)$/ }, (args) => ({
        path: args.path,
        external: true,
      }));
      build.onResolve({ filter: /^(luxon|chart\.js)(\/.*)?$/ }, (args) => {
        if (!(args.path === "luxon" || args.path === "chart.js")) {
          const lib = args.path.split("/")[0];
          return {
            errors: [{ text: `import "${lib}" itself, not "${args.path}": the build maps "${lib}" to the copy Odoo ships` }],
          };
        }
        return { path: args.path, namespace: VIRTUAL_NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: VIRTUAL_NAMESPACE }, (args) => ({
        contents: VIRTUAL_MODULES[args.path],
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

// What Odoo's transpiler handles: `import { a, b as c } from "x";`, `import * as x from "x";`,
// `import x from "x";`, each on one line.
const IMPORT_LINE_RE =
  /^import (\{ [\w$]+(?: as [\w$]+)?(?:, [\w$]+(?: as [\w$]+)?)* \}|\* as [\w$]+|[\w$]+) from "(@odoo\/owl|@(?:web|mail)\/[\w./-]+)";$/;

/** Problems that would break Odoo's regex transpiler or its term extraction; [] when fine. */
export function checkBundleText(code) {
  const problems = [];
  const lines = code.split("\n");
  if (lines[0] !== BANNER) {
    problems.push("the first line is not the generated banner");
  }
  lines.forEach((line, index) => {
    const where = `line ${index + 1}: ${line.trim().slice(0, 100)}`;
    if (/^\s*import\b(?!\.meta|\()/.test(line) && !IMPORT_LINE_RE.test(line)) {
      problems.push(`import not on one line in a form Odoo's transpiler reads (${where})`);
    }
    if (/^\s*export\s+default\b/.test(line)) {
      problems.push(`default export (${where})`);
    }
    if (/^await\b/.test(line)) {
      problems.push(`top-level await: Odoo wraps the module in a function (${where})`);
    }
    if (/^[^/*\n]*\brequire\(["'`]/.test(line)) {
      problems.push(`require() call: Odoo would read it as a module dependency (${where})`);
    }
  });
  if (/\b__commonJS\(|\b__esm\(/.test(code)) {
    problems.push('a source was bundled as CommonJS (a module without export in a "type": "commonjs" package?)');
  }
  if (/\bimport\.meta\b/.test(code) || /\bimport\(/.test(code)) {
    problems.push("import.meta or dynamic import(): the module runs inside odoo.define(), not as a real ES module");
  }
  const translationImports = lines.filter((line) => line.endsWith('from "@web/core/l10n/translation";'));
  if (translationImports.length > 1) {
    problems.push("@web/core/l10n/translation is imported more than once");
  }
  for (const line of translationImports) {
    if (/\b_t as\b|\bas _t\b/.test(line)) {
      problems.push(`_t is renamed, Odoo would not bind it to this addon's translations: ${line}`);
    }
  }
  if (/\b_t\d+\(/.test(code)) {
    problems.push("a _t call was renamed by the bundler (_t2(...)); term extraction reads only _t(...)");
  }
  return problems;
}

/** Problems with the bundled inputs (esbuild metafile); [] when fine. */
export function checkBundleInputs(inputs) {
  const problems = [];
  for (const input of inputs) {
    for (const { re, what } of FORBIDDEN_INPUTS) {
      if (re.test(input)) {
        problems.push(`${input} was bundled: ${what} must not be copied into the bundle`);
      }
    }
  }
  return problems;
}

/**
 * Builds everything in memory: the backend bundle (`entry`) first, then each lazy bundle.
 * @param {{ root?: string, entry?: string }} [options] entry is relative to root
 * @returns {Promise<{ files: { name: string, contents: string }[], inputs: string[] }>}
 */
export async function buildWeb({ root = ROOT, entry = ENTRY } = {}) {
  const lazyDirs = LAZY_BUNDLES.map((lazy) => lazy.dir);
  const main = await buildModule(root, entry, BUNDLE_FILE);
  const files = [
    { name: BUNDLE_FILE, contents: main.code },
    { name: TEMPLATES_FILE, contents: buildTemplatesXml(root, (file) => !lazyDirs.some((dir) => file.startsWith(dir))) },
  ];
  for (const lazy of LAZY_BUNDLES) {
    const built = await buildModule(root, lazy.entry, `${lazy.name}.bundle.js`);
    files.push(
      { name: `${lazy.name}.bundle.js`, contents: built.code },
      { name: `${lazy.name}.templates.xml`, contents: buildTemplatesXml(root, (file) => file.startsWith(lazy.dir)) },
    );
  }
  return { files, inputs: main.inputs };
}

/** Bundles `entry` into one ES module Odoo's transpiler reads; throws what would not load. */
async function buildModule(root, entry, outName) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(root, OUT_DIR, outName),
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    minify: false,
    sourcemap: false,
    charset: "utf8",
    legalComments: "none",
    banner: { js: BANNER },
    tsconfig: path.join(root, "web_src", "tsconfig.json"),
    plugins: [odooRuntimePlugin(root)],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  let code = normalizeNewlines(output.text);
  if (!code.endsWith("\n")) {
    code += "\n";
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  const problems = [...checkBundleInputs(inputs), ...checkBundleText(code)];
  if (problems.length) {
    throw new Error(`the bundle ${outName} would not load as expected in Odoo:\n  - ${problems.join("\n  - ")}`);
  }
  return { code, inputs };
}

async function readOrNull(file) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") {
      return null;
    }
    throw error;
  }
}

function parseArgs(argv) {
  const options = { check: false, outDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--check") {
      options.check = true;
    } else if (arg === "--outdir" && argv[i + 1]) {
      options.outDir = argv[++i];
    } else if (arg.startsWith("--outdir=")) {
      options.outDir = arg.slice("--outdir=".length);
    } else {
      throw new Error(`unknown argument ${arg}; usage: build_web.mjs [--check] [--outdir DIR]`);
    }
  }
  return options;
}

export async function main(argv = process.argv.slice(2)) {
  const { check, outDir: outDirArg } = parseArgs(argv);
  const outDir = outDirArg ? path.resolve(outDirArg) : path.join(ROOT, OUT_DIR);
  const shown = (file) => path.relative(process.cwd(), path.join(outDir, file)).split(path.sep).join("/");
  const { files } = await buildWeb();
  if (check) {
    const stale = [];
    for (const { name, contents } of files) {
      const current = await readOrNull(path.join(outDir, name));
      if (current === null) {
        stale.push(`${shown(name)} is missing`);
      } else if (current !== contents) {
        stale.push(`${shown(name)} differs from a fresh build`);
      }
    }
    if (stale.length) {
      console.error(`✗ ${STALE_MESSAGE}`);
      for (const line of stale) {
        console.error(`  - ${line}`);
      }
      return 1;
    }
    console.log(`✓ generated web assets are up to date (${files.map((f) => f.name).join(", ")})`);
    return 0;
  }
  await mkdir(outDir, { recursive: true });
  for (const { name, contents } of files) {
    await writeFile(path.join(outDir, name), contents, "utf8");
    console.log(`✓ wrote ${shown(name)} (${Buffer.byteLength(contents)} bytes)`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`✗ build_web: ${error.message}`);
      process.exitCode = 2;
    },
  );
}
