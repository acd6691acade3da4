import assert from "node:assert/strict";
import { formatKrw, formatPercent, formatSignedKrw, toneClass } from "@/core/web/format.ts";

Deno.test("dashboard formats: ₩ with separators, signed percentages, red up and blue down", async (t) => {
  await t.step("KRW", () => {
    assert.equal(formatKrw(1_234_567), "₩1,234,567");
    assert.equal(formatKrw(-22_801), "-₩22,801");
    assert.equal(formatKrw(70_123.6), "₩70,124");
    assert.equal(formatSignedKrw(5_000), "+₩5,000");
    assert.equal(formatSignedKrw(0), "₩0");
  });

  await t.step("percentages from basis points, with their sign", () => {
    assert.equal(formatPercent(125, true), "+1.25%");
    assert.equal(formatPercent(-3, true), "-0.03%");
    assert.equal(formatPercent(10_000), "100.00%");
    assert.equal(formatPercent(null), "–");
  });

  await t.step("gains are the up colour, losses the down colour", () => {
    assert.deepEqual([toneClass(1), toneClass(-1), toneClass(0), toneClass(null)], [
      "up",
      "down",
      "flat",
      "flat",
    ]);
  });
});
