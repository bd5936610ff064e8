/** `parseCliArgs` (sync_bridge/src/args.ts): commands, options and their checks. */
import { parseCliArgs, UsageError } from "../../sync_bridge/src/args";

/** The arguments of a command line that sets nothing but the command. */
const DEFAULTS = {
  envFile: undefined,
  transport: undefined,
  json: false,
  configFile: undefined,
  source: undefined,
  streams: undefined,
  full: false,
  since: undefined,
  eventId: undefined,
  dead: false,
  pending: false,
};

describe("parseCliArgs", () => {
  it("runs doctor through both transports, JSON-2 first, by default", () => {
    expect(parseCliArgs(["doctor"])).toEqual({ ...DEFAULTS, command: "doctor", transports: ["json2", "legacy"] });
  });

  it("reads --transport, --env-file and --json", () => {
    expect(parseCliArgs(["doctor", "--transport", "legacy", "--env-file", ".env", "--json"])).toEqual({
      ...DEFAULTS,
      command: "doctor",
      envFile: ".env",
      transports: ["legacy"],
      transport: "legacy",
      json: true,
    });
    expect(parseCliArgs(["doctor", "--transport=json2"]).transports).toEqual(["json2"]);
  });

  it("maps --help, -h and --version to their commands", () => {
    expect(parseCliArgs(["--help"]).command).toBe("help");
    expect(parseCliArgs(["-h"]).command).toBe("help");
    expect(parseCliArgs(["help"]).command).toBe("help");
    expect(parseCliArgs(["--version"]).command).toBe("version");
    expect(parseCliArgs(["doctor", "--help"]).command).toBe("help");
  });

  it.each([
    [["doktor"], /unknown command "doktor": expected one of doctor, sync, replay, status, /],
    [[], /missing command/],
    [["doctor", "--transport", "soap"], /--transport must be json2 or legacy, got "soap"/],
    [["doctor", "extra"], /expected one command/],
    [["doctor", "--verbose"], /Unknown option '--verbose'/],
    [["doctor", "--env-file"], /--env-file/],
  ])("rejects %j with a readable UsageError", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe("parseCliArgs for sync, replay and status", () => {
  it("reads sync's source, streams, --full and --config", () => {
    expect(
      parseCliArgs(["sync", "hubspot", "--stream", "contacts", "--stream", "deals", "--full", "--config", "bridge.json"]),
    ).toEqual({
      ...DEFAULTS,
      command: "sync",
      transports: ["json2", "legacy"],
      source: "hubspot",
      streams: ["contacts", "deals"],
      full: true,
      configFile: "bridge.json",
    });
  });

  it("reads --since as a day or an ISO datetime, in UTC", () => {
    expect(parseCliArgs(["sync", "csv", "--since", "2025-01-31"]).since?.toISOString()).toBe("2025-01-31T00:00:00.000Z");
    expect(parseCliArgs(["sync", "csv", "--since", "2025-01-31T10:00:00+02:00"]).since?.toISOString()).toBe(
      "2025-01-31T08:00:00.000Z",
    );
  });

  it("reads replay's --event and --dead, and status", () => {
    expect(parseCliArgs(["replay", "--event", "42"])).toMatchObject({ command: "replay", eventId: 42, dead: false });
    expect(parseCliArgs(["replay", "--dead"])).toMatchObject({ command: "replay", dead: true });
    expect(parseCliArgs(["status", "--json", "--transport", "legacy"])).toMatchObject({
      command: "status",
      json: true,
      transport: "legacy",
    });
  });

  it.each([
    [["sync"], /sync needs a source: one of csv, hubspot, google_ads, woocommerce/],
    [["sync", "pipedrive"], /unknown source "pipedrive"/],
    [["sync", "hubspot", "--stream", "orders"], /hubspot has no stream "orders": expected one of companies, contacts, deals/],
    [["sync", "csv", "--since", "yesterday"], /--since must be a date such as 2025-01-31, got "yesterday"/],
    [["sync", "csv", "--since", "2025-02-30"], /--since must be a date/],
    [["sync", "csv", "--full", "--since", "2025-01-01"], /--full and --since exclude each other/],
    [["replay", "--event", "x"], /--event must be an event id/],
    [["replay", "--event", "1", "--dead"], /--event and --dead exclude each other/],
    [["doctor", "--full"], /--full only applies to sync/],
    [["status", "--dead"], /--dead only applies to replay/],
    [["sync", "csv", "extra"], /expected one command/],
  ])("rejects %j with a readable UsageError", (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
