import { hubspotSignedUri, sameSignature, verifyBodySignature, verifyHubSpot } from "../../../sync_bridge/src/serve/signatures";
import { base64Hmac } from "../support/webhooks";

const NOW = Date.parse("2025-06-01T12:00:00Z");
const BODY = Buffer.from('[{"eventId":1}]');

describe("HubSpot signature v3", () => {
  it("decodes the characters of HubSpot's table in the URI and keeps other escapes", () => {
    expect(hubspotSignedUri("https://b.example.com/webhooks/hubspot?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B&b=%20%26")).toBe(
      "https://b.example.com/webhooks/hubspot?a=:/?@!$'()*,;&b=%20%26",
    );
    expect(hubspotSignedUri("https://b.example.com/x?y=%3a")).toBe("https://b.example.com/x?y=:");
  });

  it("accepts the signature over method, decoded URI, body and timestamp", () => {
    const uri = "https://b.example.com/webhooks/hubspot?portal=%3A1";
    const signature = base64Hmac("s", "POST", "https://b.example.com/webhooks/hubspot?portal=:1", BODY, String(NOW - 1000));
    expect(verifyHubSpot("s", BODY, { method: "POST", uri, signature, timestamp: String(NOW - 1000) }, NOW)).toEqual({
      ok: true,
    });
  });

  it("refuses another secret, a stale or missing timestamp, and a missing signature", () => {
    const uri = "https://b.example.com/webhooks/hubspot";
    const sign = (at: number, secret = "s") => base64Hmac(secret, "POST", uri, BODY, String(at));
    const check = (signature: string | undefined, timestamp: string | undefined) =>
      verifyHubSpot("s", BODY, { method: "POST", uri, signature, timestamp }, NOW);
    expect(check(sign(NOW, "other"), String(NOW))).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(check(sign(NOW - 301_000), String(NOW - 301_000))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/301 s old/),
    });
    expect(check(sign(NOW), undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/Timestamp/) });
    expect(check(sign(NOW), "12ab")).toMatchObject({ ok: false });
    expect(check(undefined, String(NOW))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no X-HubSpot-Signature-v3/),
    });
  });
});

describe("body signatures (Shopify, WooCommerce)", () => {
  it("accepts the base64 HMAC of the raw body and refuses anything else", () => {
    const good = base64Hmac("k", BODY);
    expect(verifyBodySignature("k", BODY, good, "X-Shopify-Hmac-Sha256")).toEqual({ ok: true });
    expect(verifyBodySignature("k", Buffer.from(`${BODY.toString()} `), good, "X-Shopify-Hmac-Sha256").ok).toBe(false);
    expect(verifyBodySignature("k", BODY, undefined, "X-WC-Webhook-Signature")).toEqual({
      ok: false,
      reason: "no X-WC-Webhook-Signature header",
    });
  });

  it("compares signatures of different lengths without throwing", () => {
    expect(sameSignature("short", "a-much-longer-signature")).toBe(false);
    expect(sameSignature(undefined, "x")).toBe(false);
    expect(sameSignature("abc", "abc")).toBe(true);
  });
});
