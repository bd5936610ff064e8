// Three projects: the OWL components run in jsdom (web), the bridge (bridge) and the checks of
// repository files such as docker-compose.yml and package-lock.json (repo) in node.
// The end-to-end suite (test/e2e) needs a live Odoo; scripts/ci/test.sh runs it with its own config.
const transform = { "^.+\\.[cm]?[jt]s$": "<rootDir>/test/support/esbuild-transform.cjs" };
// msw (the bridge's HTTP mocks) depends on two ESM-only packages; let esbuild turn them into CJS.
const transformIgnorePatterns = ["/node_modules/(?!(until-async|rettime)/)"];

module.exports = {
  projects: [
    {
      displayName: "web",
      testEnvironment: "<rootDir>/test/support/jsdom-environment.cjs",
      testMatch: ["<rootDir>/test/web/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/test/web/setup.ts"],
      transform,
      moduleNameMapper: {
        "^@web/(.*)$": "<rootDir>/test/web/stubs/web/$1",
        "^@mail/(.*)$": "<rootDir>/test/web/stubs/mail/$1",
      },
    },
    {
      displayName: "bridge",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/bridge/**/*.test.ts"],
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: "repo",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/repo/**/*.test.ts"],
      transform,
    },
  ],
};
