import assert from "node:assert/strict";
import {
  barChart,
  candles,
  escapeHtml,
  heatmap,
  lineChart,
  markdown,
  metric,
  table,
  title,
} from "@/core/notebook/mod.ts";

const HOSTILE = `<script>alert("x")</script>&'`;

Deno.test("escapeHtml replaces every character that could open markup or end an attribute", () => {
  assert.equal(
    escapeHtml(HOSTILE),
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;",
  );
});

Deno.test("no output puts a caller's string into HTML or SVG unescaped", () => {
  const outputs = [
    title(HOSTILE),
    metric(HOSTILE, HOSTILE),
    table([{ [HOSTILE]: HOSTILE }], { caption: HOSTILE }),
    lineChart({ x: [HOSTILE], series: [{ name: HOSTILE, values: [1] }], title: HOSTILE }),
    barChart({ labels: [HOSTILE], values: [1], title: HOSTILE }),
    heatmap({
      rows: [HOSTILE],
      columns: [HOSTILE],
      values: [[1]],
      title: HOSTILE,
      rowLabel: HOSTILE,
      columnLabel: HOSTILE,
    }),
    candles({
      bars: { dates: [HOSTILE], open: [100], high: [110], low: [90], close: [105] },
      title: HOSTILE,
    }),
  ];
  for (const output of outputs) {
    assert.ok(!output.markup.includes("<script>"), output.markup);
    assert.ok(!output.markup.includes(`alert("x")`), output.markup);
    assert.ok(output.markup.includes("&lt;script&gt;"), output.markup);
  }
});

Deno.test("Markdown goes to the frontend as Markdown, with its source as the plain text", () => {
  const bundle = markdown("**굵게** <b>").bundle;
  assert.equal(bundle["text/markdown"], "**굵게** <b>");
  assert.equal(bundle["text/plain"], "**굵게** <b>");
  assert.equal(bundle["text/html"], undefined);
});
