import assert from "node:assert/strict";
import { barChart, candles, heatmap, lineChart } from "@/core/notebook/mod.ts";
import { niceTicks } from "@/core/notebook/svg.ts";

Deno.test("axis ticks are round values covering the data", () => {
  assert.deepEqual(niceTicks(0, 97), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(-0.13, 0.02), [-0.15, -0.1, -0.05, 0, 0.05]);
  assert.ok(Object.is(niceTicks(-1, 1).find((t) => t === 0), 0), "zero is +0");
  assert.deepEqual(niceTicks(5, 5), [5]);
});

Deno.test("a line chart is a standalone SVG with one path per series and a won axis", () => {
  const output = lineChart({
    x: ["2026-01-02", "2026-01-05", "2026-01-06"],
    series: [
      { name: "전략", values: [10_000_000, 10_500_000, 10_200_000] },
      { name: "보유", values: [10_000_000, null, 9_900_000] },
    ],
    format: "krw",
    title: "자산",
  });
  const svg = output.bundle["image/svg+xml"]!;
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/<path d="M/g) ?? []).length, 2);
  assert.match(svg, /₩10,000,000/);
  assert.ok(!/https?:\/\/(?!www\.w3\.org)/.test(svg), "nothing is loaded from the network");
  assert.equal(
    output.bundle["text/plain"],
    "자산 (2026-01-02 – 2026-01-06)\n전략: ₩10,000,000 → ₩10,200,000\n보유: ₩10,000,000 → ₩9,900,000",
  );
});

Deno.test("bars are red above zero and blue below", () => {
  const svg = barChart({ labels: ["MA", "RSI"], values: [0.12, -0.03], format: "signedPercent" })
    .markup;
  assert.match(svg, /fill="#d32f2f"\/><text[^>]*>\+12\.00%/);
  assert.match(svg, /fill="#1565c0"\/><text[^>]*>-3\.00%/);
});

Deno.test("a heatmap colours by value around zero and outlines the best cell", () => {
  const output = heatmap({
    rows: ["5", "10"],
    columns: ["20", "60"],
    values: [[0.5, -1], [1, null]],
    best: { row: 1, column: 0 },
    region: [{ row: 0, column: 0 }],
  });
  const svg = output.markup;
  assert.match(svg, /fill="rgb\(211,47,47\)"/, "the largest value is full red");
  assert.match(svg, /fill="rgb\(21,101,192\)"/, "the most negative is full blue");
  assert.equal((svg.match(/stroke-width="3"/g) ?? []).length, 1);
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 1);
  assert.match(output.bundle["text/plain"], /best: 10 \/ 20/);
});

Deno.test("candles are red when they close up, blue down, with entry and exit markers", () => {
  const output = candles({
    bars: {
      dates: ["2026-01-02", "2026-01-05", "2026-01-06"],
      open: [100, 110, 120],
      high: [112, 115, 121],
      low: [99, 104, 108],
      close: [110, 105, 120],
    },
    trades: [
      { symbol: "005930", entryDate: "2026-01-02" as never, exitDate: "2026-01-06" as never },
      { symbol: "000660", entryDate: "2026-01-05" as never, exitDate: null },
    ],
    symbol: "005930",
  });
  const svg = output.markup;
  assert.equal((svg.match(/<rect[^>]*fill="#d32f2f"/g) ?? []).length, 1);
  assert.equal((svg.match(/<rect[^>]*fill="#1565c0"/g) ?? []).length, 1);
  assert.match(svg, /<title>매수 2026-01-02<\/title>/);
  assert.match(svg, /<title>매도 2026-01-06<\/title>/);
  assert.ok(!svg.includes("2026-01-05</title>"), "another symbol's trade is not marked");
  assert.match(output.bundle["text/plain"], /3 bars, last close ₩120, 2 trade markers/);
});
