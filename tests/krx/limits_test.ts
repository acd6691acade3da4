import assert from "node:assert/strict";
import { priceLimits } from "../../core/krx/mod.ts";

Deno.test("priceLimits is base ± 30 % rounded inward to the tick grid", async (t) => {
  const cases: [number, number, number][] = [
    // base, upper, lower — worked by hand from base × 1.3 and base × 0.7
    [10_000, 13_000, 7_000],
    [1_000, 1_300, 700],
    [70_000, 91_000, 49_000], // 70_000 × 0.7 is 48_999.999… in floating point
    [1_555, 2_020, 1_089], // 2_021.5 → down to tick 5; 1_088.5 → up to tick 1
    [3_333, 4_330, 2_335], // 4_332.9 → 4_330; 2_333.1 → 2_335
    [15_390, 20_000, 10_780], // 20_007 → tick 50; 10_773 → tick 10
    [385_000, 500_000, 269_500], // 500_500 → tick 1_000; 269_500 on tick 500
    [1, 1, 1], // 1.3 → 1; 0.7 → 1
  ];
  for (const [base, upper, lower] of cases) {
    await t.step(`base ${base}`, () => assert.deepEqual(priceLimits(base), { upper, lower }));
  }
});

Deno.test("priceLimits uses the 5-won grid for ETFs", () => {
  assert.deepEqual(priceLimits(10_001, { instrument: "etf" }), { upper: 13_000, lower: 7_005 });
});

Deno.test("priceLimits rejects a base price that is not positive", () => {
  assert.throws(() => priceLimits(0), RangeError);
  assert.throws(() => priceLimits(-5), RangeError);
  assert.throws(() => priceLimits(Number.NaN), RangeError);
});
