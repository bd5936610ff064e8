// The web project's jest environment: jest-environment-jsdom, with jsdom loaded while the host has
// only the globals Node 20 really has. The bridge's intake tests load pdf.js's legacy build with
// Node's own require in the same jest worker, and its core-js polyfills add `globalThis.Iterator`
// (Node 22 has one, Node 20 not). jsdom decides when it loads which JavaScript globals to copy into
// its window from the names the host has, and would then ask its window for an `Iterator` it lacks
// ("ReferenceError: Iterator is not defined" for every later jsdom suite of that worker). So the
// polyfill is hidden while jsdom loads. (core-js makes its polyfills look native to toString(), so
// a fresh context tells whether V8 has an Iterator of its own.)
const vm = require("node:vm");

const v8HasIterator = vm.runInNewContext('typeof Iterator !== "undefined"');

function withoutIteratorPolyfill(load) {
  const polyfill = v8HasIterator ? undefined : Object.getOwnPropertyDescriptor(globalThis, "Iterator");
  if (polyfill) delete globalThis.Iterator;
  try {
    return load();
  } finally {
    if (polyfill) Object.defineProperty(globalThis, "Iterator", polyfill);
  }
}

const { TestEnvironment } = withoutIteratorPolyfill(() => require("jest-environment-jsdom"));

class JsdomEnvironment extends TestEnvironment {
  // jest-environment-jsdom requires jsdom lazily, when it makes its first environment
  constructor(config, context) {
    return withoutIteratorPolyfill(() => new TestEnvironment(config, context));
  }
}

module.exports = JsdomEnvironment;
