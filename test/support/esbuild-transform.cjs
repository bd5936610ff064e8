// Jest transformer: strips TypeScript with the same esbuild the bundle uses, so tests run the
// code the way the build sees it. Type errors are tsc's job (npm run typecheck), not this one's.
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith(".ts") ? "ts" : "js",
      format: "cjs",
      target: "es2022",
      sourcemap: "inline",
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
