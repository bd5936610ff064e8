/**
 * msw glue: a server that refuses any request no handler expects (`onUnhandledRequest:
 * "error"`), and an adapter that serves a fake vendor under a base URL.
 */
import { delay, http, HttpResponse, type RequestHandler } from "msw";
import { setupServer, type SetupServerApi } from "msw/node";
import type { FakeVendor } from "../fixtures/vendor";

/** Starts an msw server for the file's tests; `server.use(...)` adds handlers per test. */
export function mswServer(): SetupServerApi {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** msw handlers that send every request under `baseUrl` to `vendor`. */
export function vendorHandlers(baseUrl: string, vendor: FakeVendor): RequestHandler[] {
  return [
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const text = await request.text();
      let body: unknown = text;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const reply = vendor({ method: request.method, url: new URL(request.url), headers: request.headers, body });
      if (reply.hangMs) await delay(reply.hangMs);
      return HttpResponse.json(reply.body as never, { status: reply.status, headers: reply.headers });
    }),
  ];
}
