// End-to-end suite: the bridge against a live Odoo started by scripts/test.sh.
module.exports = {
  displayName: "e2e",
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  transform: { "^.+\\.[cm]?[jt]s$": "<rootDir>/test/support/esbuild-transform.cjs" },
  // msw (vendor fixtures) depends on two ESM-only packages; let esbuild turn them into CJS.
  transformIgnorePatterns: ["/node_modules/(?!(until-async|rettime)/)"],
  testTimeout: 60000,
};
