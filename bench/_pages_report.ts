/**
 * Prints, for every dashboard page, the median server render time over 200 requests (after 20
 * warm-up requests) with the demo account, and the gzip bytes of the JavaScript it loads, as a
 * Markdown table for docs/performance.md.
 *
 * Run: `deno run -A bench/_pages_report.ts`
 * @module
 */
import { pageJsGzipBytes, PAGES, startBenchApp } from "./_pages.ts";

const ROUNDS = 200;
const WARM_UP = 20;

await using bench = await startBenchApp();
const rows: string[] = [];
for (const path of PAGES) {
  for (let i = 0; i < WARM_UP; i++) await bench.render(path);
  const times: number[] = [];
  let html = "";
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    html = await bench.render(path);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[ROUNDS / 2]!;
  const p90 = times[Math.floor(ROUNDS * 0.9)]!;
  const js = await pageJsGzipBytes(bench.app, html);
  rows.push(
    `| \`${path}\` | ${median.toFixed(2)} | ${p90.toFixed(2)} | ${
      js === 0 ? "0 (no script)" : `${(js / 1024).toFixed(1)} KB`
    } |`,
  );
}
// deno-lint-ignore no-console -- the report is this script's output
console.log(
  [
    "| page | median ms | p90 ms | JavaScript, gzip |",
    "| ---- | --------: | -----: | ---------------: |",
    ...rows,
  ].join("\n"),
);
