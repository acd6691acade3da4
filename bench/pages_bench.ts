/**
 * Server render time of each dashboard page with the demo account (the embedded simulator over
 * loopback and a fresh store), uncompressed. The table for the docs, with medians and each page's
 * gzip JavaScript, comes from `deno run -A bench/_pages_report.ts`.
 *
 * Run: `deno bench -A bench/pages_bench.ts`
 * @module
 */
import { PAGES, startBenchApp } from "./_pages.ts";

const bench = await startBenchApp();
globalThis.addEventListener("unload", () => void bench.services.close());

for (const path of PAGES) {
  Deno.bench({
    name: path,
    group: "pages",
    async fn() {
      await bench.render(path);
    },
  });
}
