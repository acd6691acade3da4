/**
 * Prints `tests: N passed, N failed` from a `deno test --junit-path` report: every test and step
 * counts once; ignored tests count as neither.
 * @module
 */
const path = Deno.args[0];
if (!path) throw new Error("usage: junit_summary.ts <junit.xml>");
const xml = await Deno.readTextFile(path);
let passed = 0;
let failed = 0;
for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
  const body = match[2] ?? "";
  if (/<(failure|error)\b/.test(body)) failed++;
  else if (!/<skipped\b/.test(body)) passed++;
}
// deno-lint-ignore no-console
console.log(`tests: ${passed} passed, ${failed} failed`);
