/**
 * @jest-environment node
 */
// scripts/build/build_web.mjs, run as the CLI (jest cannot load an .mjs module without ESM mode).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { registerCleanup } from "./helpers/cleanup";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/build/build_web.mjs");
const BANNER = "/* generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) */";
const STALE = "generated bundle is stale: run npm run build and commit addon_ops_harmony/static/src/generated";

function run(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ops-harmony-web-"));
  registerCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs buildWeb({ entry }) from the script in a child node; its result or its error message. */
function buildEntry(entry: string): { code?: string; inputs?: string[]; error?: string } {
  const program = [
    `import { buildWeb } from ${JSON.stringify(pathToFileURL(SCRIPT).href)};`,
    `buildWeb({ entry: ${JSON.stringify(entry)} }).then(`,
    "  (r) => process.stdout.write(JSON.stringify({ code: r.files[0].contents, inputs: r.inputs })),",
    "  (e) => process.stdout.write(JSON.stringify({ error: e.message })),",
    ");",
  ].join("\n");
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", program], { cwd: ROOT, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

let built: { dir: string; bundle: string; templates: string } | null = null;

/** One build into a temporary folder, shared by the tests below. */
function buildOnce() {
  if (!built) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ops-harmony-web-"));
    const result = run(["--outdir", dir]);
    expect(result.code).toBe(0);
    built = {
      dir,
      bundle: fs.readFileSync(path.join(dir, "ops_harmony.bundle.js"), "utf8"),
      templates: fs.readFileSync(path.join(dir, "ops_harmony.templates.xml"), "utf8"),
    };
  }
  return built;
}

afterAll(() => {
  if (built) {
    fs.rmSync(built.dir, { recursive: true, force: true });
  }
});

test("01 writes the bundle and the templates, each opening with the generated banner", () => {
  const { bundle, templates } = buildOnce();
  expect(bundle.split("\n")[0]).toBe(BANNER);
  expect(bundle).not.toContain("\r");
  expect(bundle.endsWith("\n")).toBe(true);
  expect(templates.split("\n").slice(0, 3)).toEqual([
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- generated — do not edit: built from web_src by scripts/build/build_web.mjs (npm run build) -->",
    '<templates xml:space="preserve">',
  ]);
  expect(templates).toContain('<t t-name="addon_ops_harmony.ControlRoom">');
  expect(templates).toContain("<!-- web_src/src/control_room/control_room.xml -->");
  // extensions of mail's templates carry no t-name: they travel as they are
  expect(templates).toContain('<t t-inherit="mail.Activity" t-inherit-mode="extension">');
  expect(templates).toContain('<t t-inherit="mail.ActivityListPopoverItem" t-inherit-mode="extension">');
  // no machine paths leak into files that get committed
  expect(bundle + templates).not.toContain(ROOT);
});

test("02 imports stay on single lines that Odoo's regex transpiler reads, _t unrenamed", () => {
  const { bundle } = buildOnce();
  const importLines = bundle.split("\n").filter((line) => /^\s*import\b/.test(line));
  expect(importLines.some((line) => /^import \{ Component\b.* \} from "@odoo\/owl";$/.test(line))).toBe(true);
  expect(importLines).toContain('import { registry } from "@web/core/registry";');
  expect(importLines).toContain('import { _t } from "@web/core/l10n/translation";');
  expect(importLines).toContain('import { Activity } from "@mail/core/web/activity";');
  expect(importLines).toContain('import { patch } from "@web/core/utils/patch";');
  for (const line of importLines) {
    expect(line).toMatch(/^import \{ [\w$, ]+ \} from "(@odoo\/owl|@(web|mail)\/[\w./-]+)";$/);
  }
  expect(bundle).toMatch(/_t\("Leads to qualify"\)/);
  expect(bundle).toContain('_t("Request %(name)s approved", { name: approval.request_name })');
  expect(bundle).not.toMatch(/\b_t\d+\b/);
  expect(bundle).not.toMatch(/^\s*import\s*\{\s*$/m);
  expect(bundle).not.toMatch(/\brequire\(|import\.meta|__commonJS|__esm/);
});

test("03 no second copy of OWL, luxon or Chart.js: luxon comes from Odoo's global", () => {
  const { bundle } = buildOnce();
  expect(bundle).toContain("globalThis.luxon");
  // the one npm package bundled: big.js, the configurator engine's decimals (Odoo ships none)
  expect(bundle.match(/^\/\/ node_modules\/.*$/gm)).toEqual(["// node_modules/big.js/big.mjs"]);
  expect(bundle).not.toMatch(/class ComponentNode|function useState\(|blockDom/); // OWL's runtime
  expect(bundle).not.toMatch(/class DateTime\b|class Duration\b/); // luxon's sources
  expect(bundle).not.toMatch(/Chart\.js v\d|class DatasetController/); // Chart.js's sources
  expect(Buffer.byteLength(bundle)).toBeLessThan(150_000); // about 100 KB with the engine and big.js
});

test("04 --check passes on a fresh build and fails, exit 1, when a file differs or is missing", () => {
  const dir = tempDir();
  expect(run(["--outdir", dir]).code).toBe(0);

  const fresh = run(["--check", "--outdir", dir]);
  expect(fresh.code).toBe(0);
  expect(fresh.stdout).toContain("✓");

  fs.appendFileSync(path.join(dir, "ops_harmony.bundle.js"), "// hand edit\n");
  const edited = run(["--check", "--outdir", dir]);
  expect(edited.code).toBe(1);
  expect(edited.stderr).toContain(STALE);
  expect(edited.stderr).toContain("ops_harmony.bundle.js differs from a fresh build");

  fs.rmSync(path.join(dir, "ops_harmony.templates.xml"));
  const missing = run(["--check", "--outdir", dir]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain("ops_harmony.templates.xml is missing");
});

test("05 two builds give byte-identical output", () => {
  const { bundle, templates } = buildOnce();
  const dir = tempDir();
  expect(run(["--outdir", dir]).code).toBe(0);
  expect(fs.readFileSync(path.join(dir, "ops_harmony.bundle.js"), "utf8")).toBe(bundle);
  expect(fs.readFileSync(path.join(dir, "ops_harmony.templates.xml"), "utf8")).toBe(templates);
});

test("06 chart.js becomes loadChart(), loading Odoo's web.chartjs_lib bundle", () => {
  const result = buildEntry("test/web/fixtures/chart_entry.js");
  expect(result.error).toBeUndefined();
  expect(result.code).toContain('import { loadBundle } from "@web/core/assets";');
  expect(result.code).toContain('await loadBundle("web.chartjs_lib");');
  expect(result.code).toContain("return globalThis.Chart;");
  expect(result.inputs?.some((input) => input.includes("node_modules"))).toBe(false);
});

test("07 a build that would copy OWL's sources into the bundle fails", () => {
  const result = buildEntry("test/web/fixtures/bundles_owl.js");
  expect(result.error).toMatch(/node_modules\/@odoo\/owl\/dist\/owl\.es\.js was bundled/);
});
