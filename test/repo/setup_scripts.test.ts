/**
 * Set-up's pure parts, run in bash with fake apt, dpkg, node and npm commands first on PATH:
 * which Debian packages it picks (scripts/lib/debs.sh), what `npm test`'s set-up check hands to
 * apt-get (scripts/dev/check_setup.sh debs), the Node.js version check and `npm ci` (scripts/lib/node.sh),
 * and .ci/run. The real apt-get and npm runs are `npm test`'s setup-debs and setup-npm-lock checks.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const bash = execFileSync("sh", ["-c", "command -v bash"], { encoding: "utf8" }).trim();
const dirnameBin = execFileSync("sh", ["-c", "command -v dirname"], { encoding: "utf8" }).trim();

let scratch: string;
let fakes: string;
let log: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "ops-setup-test-"));
  fakes = join(scratch, "bin");
  mkdirSync(fakes);
  log = join(scratch, "calls.log");
  writeFileSync(log, "");
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A fake command on PATH: a sh script that appends "name args" to the call log, then runs body. */
function fake(name: string, body = "exit 0"): void {
  const file = join(fakes, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "${log}"\n${body}\n`);
  chmodSync(file, 0o755);
}

function calls(name: string): string[] {
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.startsWith(`${name} `));
}

/** apt-cache policy as apt prints it: a candidate for `available`, "(none)" for `virtual`, nothing for the rest. */
function fakeAptCache(available: string[], virtual: string[] = []): void {
  fake(
    "apt-cache",
    `[ "$1" = policy ] || exit 0
shift
[ $# -eq 0 ] && { echo "Package files:"; echo " 500 http://deb.example bookworm/main amd64 Packages"; exit 0; }
for p in "$@"; do
  case " ${available.join(" ")} " in *" $p "*) printf '%s:\\n  Installed: (none)\\n  Candidate: 1.0-1\\n  Version table:\\n' "$p" ;; esac
  case " ${virtual.join(" ")} " in *" $p "*) printf '%s:\\n  Installed: (none)\\n  Candidate: (none)\\n' "$p" ;; esac
done`,
  );
}

/** An Odoo source tree whose setup/debinstall.sh -l prints `list`. */
function fakeOdooSrc(list: string): string {
  const src = join(scratch, "odoo");
  mkdirSync(join(src, "setup"), { recursive: true });
  writeFileSync(join(src, "setup", "debinstall.sh"), `#!/bin/sh\n[ "$1" = -l ] && echo "${list}"\n`);
  return src;
}

function run(script: string, env: Record<string, string> = {}, path = `${fakes}:${process.env.PATH}`) {
  return spawnSync(bash, ["-c", script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, OPS_ENV_FILE: join(scratch, "no.env"), ...env, PATH: path },
  });
}

const libs = "source scripts/lib/common.sh && source scripts/lib/debs.sh && source scripts/lib/node.sh";

describe("scripts/lib/debs.sh", () => {
  test("01 first_installable picks the first alternative apt has a candidate for, with one apt-cache call", () => {
    fakeAptCache(["python3-lxml", "python3-pypdf", "fonts-noto-core"], ["python3-pypdf2"]);
    const result = run(
      `${libs} && first_installable git "python3-lxml-html-clean|python3-lxml" "python3-pypdf2|python3-pypdf" "fonts-dejavu-core|fonts-noto-core"`,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toEqual(["git", "python3-lxml", "python3-pypdf", "fonts-noto-core"]);
    expect(calls("apt-cache")).toEqual([
      "apt-cache policy python3-lxml-html-clean python3-lxml python3-pypdf2 python3-pypdf fonts-dejavu-core fonts-noto-core",
    ]);
  });

  test("02 first_installable keeps the first alternative when apt knows none, and asks apt nothing without alternatives", () => {
    fakeAptCache([]);
    expect(run(`${libs} && first_installable "a-pkg|b-pkg"`).stdout).toBe("a-pkg\n");
    writeFileSync(log, "");
    expect(run(`${libs} && first_installable git curl`).stdout).toBe("git\ncurl\n");
    expect(calls("apt-cache")).toEqual([]);
  });

  test("03 deb_groups lists set-up's own packages, then Odoo's debinstall.sh -l, one group per line", () => {
    const src = fakeOdooSrc("adduser python3-lxml-html-clean|python3-lxml python3-zeep");
    const result = run(
      `${libs} && deb_groups extra | head -1 && echo -- && deb_groups odoo && echo -- && deb_groups all | tail -2`,
      {
        ODOO_SRC: src,
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      "git\n--\nadduser\npython3-lxml-html-clean|python3-lxml\npython3-zeep\n--\npython3-lxml-html-clean|python3-lxml\npython3-zeep\n",
    );
  });

  test("04 deb_groups fails, saying why, when ODOO_SRC has no setup/debinstall.sh", () => {
    const result = run(`${libs} && deb_groups all`, { ODOO_SRC: join(scratch, "nowhere") });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("setup/debinstall.sh: cannot list Odoo's packages");
  });
});

describe("scripts/dev/check_setup.sh debs", () => {
  beforeEach(() => {
    fake("dpkg-query", `echo "install ok installed"`); // everything is installed here: the check must not care
    fakeAptCache(["python3-lxml"]);
  });

  test("05 hands every package set-up installs, alternatives resolved, to apt-get --simulate on an empty dpkg status", () => {
    fake(
      "apt-get",
      `for a in "$@"; do case "$a" in Dir::State::status=*) echo "status-size $(wc -c < "\${a#*=}")" >> "${log}" ;; esac; done
echo "Inst one (1.0)"; echo "Inst two (1.0)"`,
    );
    const src = fakeOdooSrc("adduser python3-lxml-html-clean|python3-lxml");
    const result = run("bash scripts/dev/check_setup.sh debs", { ODOO_SRC: src });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("apt-get would install them: 2 packages with their dependencies");
    const [call, ...others] = calls("apt-get");
    expect(others).toEqual([]);
    const args = call.split(" ");
    expect(args.slice(0, 4)).toEqual(["apt-get", "install", "--simulate", "--no-install-recommends"]);
    const status = args.find((arg) => arg.startsWith("Dir::State::status="))?.split("=")[1];
    expect(status).toMatch(/status$/);
    expect(calls("status-size")).toEqual(["status-size 0"]); // apt sees nothing installed
    expect(args.slice(6)).toEqual([...run(`${libs} && deb_groups extra`).stdout.trim().split("\n"), "adduser", "python3-lxml"]);
  });

  test("06 fails with apt's own error when apt cannot install a package", () => {
    fake("apt-get", `echo "E: Unable to locate package python3-lxml-html-clean"; exit 100`);
    fakeAptCache([]); // apt knows neither alternative, so the first one is handed to apt-get
    const result = run("bash scripts/dev/check_setup.sh debs", { ODOO_SRC: fakeOdooSrc("python3-lxml-html-clean|python3-lxml") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("E: Unable to locate package python3-lxml-html-clean");
    expect(result.stderr).toContain("apt-get cannot install set-up's packages on a fresh machine");
  });
});

describe("scripts/lib/node.sh", () => {
  // PATH holds the fakes and dirname alone, so the machine's own node cannot answer instead.
  function withNode(version: string | null) {
    if (version) fake("node", `echo "${version}"`);
    cpSync(dirnameBin, join(fakes, "dirname"));
    return run(`${libs} && require_node`, {}, fakes);
  }

  test("07 refuses Node.js 18 and says to install Node.js 20.19, then run set-up again", () => {
    const result = withNode("v18.19.1");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node.js 18.19 is too old (this project needs 20.19 or later)");
    expect(result.stderr).toContain(
      "install Node.js 20.19 or later (https://nodejs.org or NodeSource's Debian packages), then run npm run setup again",
    );
  });

  test("07b refuses Node.js 20.11: pdf.js needs require() of ES modules (20.19)", () => {
    const result = withNode("v20.11.1");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node.js 20.11 is too old (this project needs 20.19 or later)");
  });

  test.each(["v20.19.0", "v20.20.2", "v22.3.0"])("08 accepts Node.js %s and prints its version", (version) => {
    const result = withNode(version);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version.slice(1)}\n`);
  });

  test("09 says Node.js is missing when there is no node", () => {
    const result = withNode(null);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node.js is missing");
  });
});

describe("npm_packages", () => {
  let project: string;
  beforeEach(() => {
    project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), "{}");
    fake("npm", `mkdir -p node_modules && echo "{}" > node_modules/.package-lock.json`);
  });
  const install = () => run(`${libs} && npm_packages "${project}"`);

  test("10 installs exactly the lock file with npm ci when there is one", () => {
    writeFileSync(join(project, "package-lock.json"), "{}");
    expect(install().status).toBe(0);
    expect(calls("npm")).toEqual(["npm ci --no-audit --no-fund --loglevel=error"]);
  });

  test("11 falls back to npm install without a lock file", () => {
    expect(install().status).toBe(0);
    expect(calls("npm")).toEqual(["npm install --no-audit --no-fund --loglevel=error"]);
  });

  test("12 installs nothing while node_modules is newer than package.json and the lock, again once the lock changes", () => {
    writeFileSync(join(project, "package-lock.json"), "{}");
    install();
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(project, "package.json"), past, past);
    utimesSync(join(project, "package-lock.json"), past, past);
    writeFileSync(log, "");
    expect(install().status).toBe(0);
    expect(calls("npm")).toEqual([]);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(project, "package-lock.json"), future, future);
    install();
    expect(calls("npm")).toEqual(["npm ci --no-audit --no-fund --loglevel=error"]);
  });

  test("13 stops with what to do when npm ci fails", () => {
    writeFileSync(join(project, "package-lock.json"), "{}");
    fake("npm", "exit 1");
    const result = install();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm ci failed");
    expect(result.stderr).toContain("run npm install and commit package-lock.json");
  });
});

describe(".ci/run", () => {
  /** A checkout holding .ci/run, the shell libraries and a package.json with its lock. */
  function checkout(): string {
    const dir = join(scratch, "checkout");
    cpSync(join(root, ".ci"), join(dir, ".ci"), { recursive: true });
    cpSync(join(root, "scripts", "lib"), join(dir, "scripts", "lib"), { recursive: true });
    writeFileSync(join(dir, "package.json"), "{}");
    writeFileSync(join(dir, "package-lock.json"), "{}");
    return dir;
  }

  test("14 on a fresh checkout installs with npm ci, then runs npm test", () => {
    const dir = checkout();
    fake("node", `echo v20.19.0`);
    fake("npm", `[ "$1" = ci ] && mkdir -p node_modules && echo "{}" > node_modules/.package-lock.json; exit 0`);
    const result = spawnSync(bash, [join(dir, ".ci", "run")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${fakes}:${process.env.PATH}` },
    });
    expect(result.status).toBe(0);
    expect(calls("npm")).toEqual(["npm ci --no-audit --no-fund --loglevel=error", "npm test"]);
    expect(existsSync(join(dir, "node_modules", ".package-lock.json"))).toBe(true);
  });

  test("15 with Node.js 18 stops before npm test and counts one failure", () => {
    const dir = checkout();
    fake("node", `echo v18.19.1`);
    fake("npm");
    const result = spawnSync(bash, [join(dir, ".ci", "run")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${fakes}:${process.env.PATH}` },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Node.js 18.19 is too old");
    expect(result.stdout).toContain("0 passed, 1 failed");
    expect(calls("npm")).toEqual([]);
  });
});
