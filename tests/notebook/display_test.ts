import assert from "node:assert/strict";
import { metric, Output } from "@/core/notebook/mod.ts";

Deno.test("an output answers the Deno kernel's display symbol with its MIME bundle", () => {
  const output = metric("총 수익률", 0.1234, 0.02, { format: "signedPercent" });
  const display = (output as unknown as Record<symbol, () => unknown>)[
    Symbol.for("Jupyter.display")
  ];
  assert.equal(typeof display, "function");
  const bundle = display!.call(output) as Record<string, string>;
  assert.ok(bundle["text/html"]?.includes("+12.34%"));
  assert.equal(bundle["text/plain"], "총 수익률: +12.34% (+2.00%)");
  assert.equal(String(output), bundle["text/plain"]);
});

Deno.test("every output carries a plain-text fallback beside its rich form", () => {
  const output = new Output({ "image/svg+xml": "<svg/>", "text/plain": "chart" });
  assert.equal(output.markup, "<svg/>");
  assert.equal(output.bundle["text/plain"], "chart");
});

Deno.test("outside Jupyter, show writes each output's plain text to stdout", async () => {
  const module = new URL("../../core/notebook/mod.ts", import.meta.url).href;
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { show, metric, title } = await import(${JSON.stringify(module)});
       await show(title("제목"), metric("자산", 1234567, null, { format: "krw" }));`,
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  assert.equal(result.code, 0, decode(result.stderr));
  assert.equal(decode(result.stdout), "제목\n자산: ₩1,234,567\n");
});
