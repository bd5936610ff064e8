import { parseCliArgs, UsageError } from "../../sync_bridge/src/args";

describe("parseCliArgs", () => {
  it("runs doctor through both transports, JSON-2 first, by default", () => {
    expect(parseCliArgs(["doctor"])).toEqual({
      command: "doctor",
      envFile: undefined,
      transports: ["json2", "legacy"],
      json: false,
    });
  });

  it("reads --transport, --env-file and --json", () => {
    expect(parseCliArgs(["doctor", "--transport", "legacy", "--env-file", ".env", "--json"])).toEqual({
      command: "doctor",
      envFile: ".env",
      transports: ["legacy"],
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
    [["doktor"], /unknown command "doktor": expected one of doctor, help, version/],
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
