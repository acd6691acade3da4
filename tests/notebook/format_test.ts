import assert from "node:assert/strict";
import {
  changeColor,
  DOWN_COLOR,
  formatKrw,
  formatPercent,
  formatValue,
  UP_COLOR,
} from "@/core/notebook/mod.ts";

Deno.test("won are whole, grouped by thousands, with the sign before the ₩", () => {
  assert.equal(formatKrw(1234567), "₩1,234,567");
  assert.equal(formatKrw(-1234567.4), "-₩1,234,567");
  assert.equal(formatKrw(0), "₩0");
  assert.equal(formatKrw(999.5), "₩1,000");
});

Deno.test("percentages carry a + for a rise when signed, and never show -0.00%", () => {
  assert.equal(formatPercent(0.1234, { signed: true }), "+12.34%");
  assert.equal(formatPercent(-0.05, { signed: true }), "-5.00%");
  assert.equal(formatPercent(0.1234), "12.34%");
  assert.equal(formatPercent(-0.00001, { signed: true }), "0.00%");
  assert.equal(formatPercent(0.5, { digits: 0 }), "50%");
});

Deno.test("values format by kind; missing and non-finite numbers show a dash", () => {
  assert.equal(formatValue(null, "krw"), "–");
  assert.equal(formatValue(Number.NaN, "percent"), "–");
  assert.equal(formatValue(1.2345, "ratio"), "1.23");
  assert.equal(formatValue(12345, "number"), "12,345");
  assert.equal(formatValue({ fast: 5 }, "text"), '{"fast":5}');
  assert.equal(formatValue(0.02, "signedPercent"), "+2.00%");
});

Deno.test("a rise is red and a fall blue, as on Korean quote screens", () => {
  assert.equal(changeColor(0.01), UP_COLOR);
  assert.equal(changeColor(-0.01), DOWN_COLOR);
  assert.notEqual(changeColor(0), UP_COLOR);
  assert.notEqual(changeColor(null), DOWN_COLOR);
});
