/**
 * Development aid, not the bench: the extractor's wrong fields on bills of a training split, with what
 * it read (`OPS_BENCH_AI_SHOW=<id>[,<id>…]` prints those bills' text too), then the misses per layout and field.
 */
import { processJob } from "../../../sync_bridge/src/intake/process_job";
import type { BenchDocument } from "./bills";
import { fixed } from "./table";

export async function printFailures(documents: readonly BenchDocument[]): Promise<void> {
  const tally = new Map<string, number>();
  let wrong = 0;
  for (const document of documents) {
    const result = await processJob(document.job);
    if ((process.env.OPS_BENCH_AI_SHOW ?? "").split(",").includes(document.id))
      console.log(`${document.id} text:\n${result.text}`);
    let missed = false;
    for (const [name, expected] of Object.entries(document.expect)) {
      const field = result.fields.find((candidate) => candidate.name === name);
      if ((field?.value ?? null) === expected) continue;
      missed = true;
      const key = `${document.layout} ${name}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      console.log(
        `${document.id} ${document.layout} ${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(field?.value ?? null)} ` +
          `(${field ? fixed(field.confidence, 2) : "-"}, raw ${JSON.stringify(field?.raw ?? null)}; candidates ${field?.candidates.map((c) => c.value).join(" | ") ?? ""})`,
      );
    }
    if (missed) wrong++;
  }
  console.log(`\n${documents.length - wrong}/${documents.length} bills read without a miss; misses per layout and field:`);
  for (const [key, value] of [...tally.entries()].sort()) console.log(`  ${key}: ${value}`);
}
