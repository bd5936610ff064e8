// End-to-end suite: the bridge against a live Odoo started by scripts/test.sh.
module.exports = {
  displayName: "e2e",
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
  transform: { "^.+\\.[cm]?[jt]s$": "<rootDir>/test/support/esbuild-transform.cjs" },
  testTimeout: 60000,
};
