import assert from "node:assert/strict";
import { table } from "@/core/notebook/mod.ts";

const ROWS = [
  { symbol: "005930", equity: 11_418_381, change: 0.1418 },
  { symbol: "000660", equity: 9_100_009, change: -0.09 },
];

Deno.test("a table formats won and signed percentages and keeps raw values to sort by", () => {
  const html = table(ROWS, {
    columns: [
      { key: "symbol", label: "종목" },
      { key: "equity", label: "자산", format: "krw" },
      { key: "change", label: "수익률", format: "signedPercent" },
    ],
  }).markup;
  assert.match(html, />₩11,418,381</);
  assert.match(html, /data-v="11418381"/);
  assert.match(html, />\+14\.18%</);
  assert.match(html, />-9\.00%</);
  assert.match(html, /color:#d32f2f;">\+14\.18%/);
  assert.match(html, /color:#1565c0;">-9\.00%/);
  assert.equal((html.match(/<th onclick=/g) ?? []).length, 3, "every header sorts");
  assert.ok(!html.includes("<script"), "sorting needs no script element");
});

Deno.test("without columns a table shows every key in first-seen order, numbers grouped", () => {
  const output = table([{ a: 1, b: "x" }, { c: 12345 }]);
  const headers = [...output.markup.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(headers, ["a", "b", "c"]);
  assert.match(output.markup, />12,345</);
  assert.equal(output.bundle["text/plain"], "a  b  c\n1  x  –\n–  –  12,345");
});
