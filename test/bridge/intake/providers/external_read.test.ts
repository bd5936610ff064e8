/**
 * The worker with the external provider, through msw's fake of `/v1/chat/completions`: used only
 * when the job's type opted in; what is sent is minimized; each field's quote is checked against
 * the document, and confidence never comes from the model.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { ClaimedJob } from "../../../../sync_bridge/src/gateway/ai_gateway";
import { processJob } from "../../../../sync_bridge/src/intake/process_job";
import { PROVIDER_SCORES } from "../../../../sync_bridge/src/intake/providers/external_read";
import { MINIMIZE_RULES } from "../../../../sync_bridge/src/intake/providers/minimize";
import type { IntakeResult } from "../../../../sync_bridge/src/intake/result";
import { answerContent, completionWith, json, openAiHandlers, type Recorded } from "../../fixtures/openai/openai_fake";
import { mswServer } from "../../support/msw";
import { BILL, billJob, GOOD_ANSWER, PROMPT, provider } from "../../support/provider_jobs";

const server = mswServer();

function answering(fields: Record<string, [string | null, string | null]>, seen: Recorded[]): void {
  server.use(...openAiHandlers([json(completionWith(answerContent(fields)))], seen));
}

const field = (result: IntakeResult, name: string) => result.fields.find((item) => item.name === name);

describe("when the provider is used", () => {
  it("is not called for a type without the opt-in, nor without a provider; the prompt version is still recorded", async () => {
    const seen: Recorded[] = [];
    answering(GOOD_ANSWER, seen);
    const closed = await processJob(await billJob({ allow_external_provider: false }), { external: provider() });
    const unconfigured = await processJob(await billJob(), {});
    expect(seen).toHaveLength(0);
    for (const result of [closed, unconfigured]) {
      expect(result.provider).toBe("local");
      expect(result.prompt_version).toBe(PROMPT.version);
      expect(result.checks.map((check) => check.name)).not.toContain("external_provider");
    }
  });

  it("reads locally, saying why, when the type has no active prompt template", async () => {
    const seen: Recorded[] = [];
    answering(GOOD_ANSWER, seen);
    const result = await processJob(await billJob({ prompt: null }), { external: provider() });
    expect(seen).toHaveLength(0);
    expect(result.provider).toBe("local");
    expect(result.checks).toContainEqual({
      name: "external_provider",
      ok: false,
      detail: "no active prompt template for vendor_bill: read locally",
    });
  });
});

describe("what is sent (data minimization)", () => {
  it("sends the prompt and the bill's text only: no file name, subject, sender or job id, with a strict schema", async () => {
    const seen: Recorded[] = [];
    answering(GOOD_ANSWER, seen);
    const job = await billJob();
    const result = await processJob(job, { external: provider() });
    expect(seen).toHaveLength(1);
    const [{ body, headers }] = seen as [Recorded];
    expect(headers.get("authorization")).toBe("Bearer sk-test-key");
    expect(Object.keys(body).sort()).toEqual(["messages", "model", "response_format", "temperature"]);
    expect(body.messages).toEqual([
      { role: "system", content: PROMPT.text },
      { role: "user", content: `<document>\n${result.text}\n</document>` },
    ]);
    const sent = JSON.stringify(body);
    for (const secret of [job.filename, job.subject, job.sender, "account 7781", `"id":${job.id}`])
      expect(sent).not.toContain(secret as string);
    const format = body.response_format as {
      type: string;
      json_schema: { strict: boolean; schema: { required: string[]; additionalProperties: boolean } };
    };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.additionalProperties).toBe(false);
    expect(format.json_schema.schema.required).toEqual(Object.keys(GOOD_ANSWER));
  });

  it("sends the first 3 pages of a long bill only", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let page = 1; page <= 5; page++)
      doc.addPage().drawText(`Page ${page} of the bill: item list continued, marker-${page}`, { x: 50, y: 700, size: 11, font });
    const seen: Recorded[] = [];
    answering(Object.fromEntries(Object.keys(GOOD_ANSWER).map((name) => [name, [null, null]])), seen);
    const job: ClaimedJob = await billJob({ data_b64: Buffer.from(await doc.save()).toString("base64") });
    const result = await processJob(job, { external: provider() });
    const user = ((seen[0] as Recorded).body.messages as { content: string }[])[1]?.content ?? "";
    expect(result.text).toContain("marker-5");
    expect(user).toContain("marker-3");
    expect(user).not.toContain("marker-4");
    expect(user.length).toBeLessThanOrEqual((MINIMIZE_RULES.vendor_bill?.chars ?? 0) + "<document>\n\n</document>".length);
  });

  it("sends a request's From and Subject lines and body, the contact fields' source, and nothing of the record", async () => {
    const seen: Recorded[] = [];
    answering(
      {
        contact_name: [null, null],
        email: ["ana@acme.example", "ana@acme.example"],
        phone: [null, null],
        company: [null, null],
        product_interest: [null, null],
      },
      seen,
    );
    const job: ClaimedJob = {
      id: 7,
      document_type: "inbound_request",
      kind: "email",
      filename: null,
      mimetype: null,
      data_b64: null,
      text: "Hello, we would like a quote for your pricing plans for 40 seats.\nBest regards\nAna",
      subject: "Pricing for 40 seats",
      sender: "Ana <ana@acme.example>",
      allow_external_provider: true,
      prompt: { version: "inbound_request@1", text: "Read the request." },
    };
    const result = await processJob(job, { external: provider() });
    const user = ((seen[0] as Recorded).body.messages as { content: string }[])[1]?.content;
    expect(user).toBe(`<document>\n${result.text}\n</document>`);
    expect(result.text.startsWith("From: Ana <ana@acme.example>\nSubject: Pricing for 40 seats\n\n")).toBe(true);
    expect(result.prompt_version).toBe("inbound_request@1");
    expect(field(result, "email")).toMatchObject({ value: "ana@acme.example", generator: "openai_compatible" });
  });
});

describe("what is kept of the answer", () => {
  it("keeps verified fields with their evidence box, and scores them by agreement with the local reading", async () => {
    const seen: Recorded[] = [];
    answering(GOOD_ANSWER, seen);
    const result = await processJob(await billJob(), { external: provider() });
    expect(result.provider).toBe("openai_compatible");
    expect(result.model_version).toBe("openai_compatible:gpt-5.4");
    expect(result.prompt_version).toBe(PROMPT.version);
    const total = field(result, "amount_total");
    expect(total).toMatchObject({ value: "208.80", raw: "Total due\t£208.80", generator: "openai_compatible" });
    expect(total?.evidence).toMatchObject({ page: 1 });
    expect(result.checks).toContainEqual(expect.objectContaining({ name: "untaxed_plus_tax_equals_total", ok: true }));
    expect(result.checks).toContainEqual({
      name: "external_provider",
      ok: true,
      detail: expect.stringContaining("gpt-5.4: 10 of 10 answered fields verified by their quote"),
    });
    expect(result.fields.map((item) => item.confidence).every((value) => value >= PROVIDER_SCORES.agreesWithLocalCandidate)).toBe(
      true,
    );
  });

  it("rejects a hallucinated quote and a value its quote does not say: the local reading stands, with a check", async () => {
    const seen: Recorded[] = [];
    answering(
      { ...GOOD_ANSWER, amount_total: ["2088.00", "Total due £2,088.00"], invoice_date: ["2024-12-13", "Dec 31, 2024"] },
      seen,
    );
    const result = await processJob(await billJob(), { external: provider() });
    expect(field(result, "amount_total")).toMatchObject({ value: "208.80", generator: expect.not.stringContaining("openai") });
    expect(field(result, "invoice_date")).toMatchObject({
      value: BILL.invoiceDate,
      generator: expect.not.stringContaining("openai"),
    });
    expect(result.checks).toContainEqual({
      name: "quote:amount_total",
      ok: false,
      detail: 'openai_compatible proposed "2088.00": the quote is not in the document; the local reading stands',
    });
    expect(result.checks).toContainEqual(expect.objectContaining({ name: "quote:invoice_date", ok: false }));
    expect(result.checks).toContainEqual(expect.objectContaining({ name: "external_provider", ok: false }));
  });

  it("ignores the model's own confidence: scores come from the quote check and agreement with local candidates", async () => {
    const seen: Recorded[] = [];
    const answer = {
      ...GOOD_ANSWER,
      due_date: ["2024-12-31", "Dec 31, 2024"] as [string, string],
      invoice_number: ["INV-2024", "Invoice No: INV-2024-0042"] as [string, string],
    };
    const content = JSON.parse(answerContent(answer)) as Record<string, object>;
    const withConfidence = Object.fromEntries(
      Object.entries(content).map(([name, value]) => [name, { ...value, confidence: 0.99 }]),
    );
    server.use(...openAiHandlers([json(completionWith(JSON.stringify(withConfidence)))], seen));
    const result = await processJob(await billJob(), { external: provider() });
    // the invoice date is one of the local due-date candidates; "INV-2024" is none of the local numbers
    const due = field(result, "due_date");
    expect(due).toMatchObject({ value: "2024-12-31", confidence: PROVIDER_SCORES.agreesWithLocalCandidate });
    expect(due?.candidates.map((candidate) => candidate.value)).toContain(BILL.dueDate);
    expect(field(result, "invoice_number")).toMatchObject({ value: "INV-2024", confidence: PROVIDER_SCORES.disagreesWithLocal });
    expect(result.fields.every((item) => item.confidence !== 0.99)).toBe(true);
  });
});
