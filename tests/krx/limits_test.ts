import assert from "node:assert/strict";
import {
  type IsoDate,
  type PriceLimitContext,
  priceLimitPercent,
  priceLimits,
  tickSize,
} from "../../core/krx/mod.ts";

Deno.test("priceLimits: KRX's worked examples (amount truncated to the base's tick, then each limit onto its own)", async (t) => {
  const cases: [number, number, number][] = [
    // base, upper, lower
    [50_200, 65_200, 35_200], // amount 15,060 → 15,000 on the base's 100-won tick
    [2_005, 2_605, 1_405], // amount 601.5 → 600 on the base's 5-won tick
    [9_940, 12_920, 6_960], // amount 2,982 → 2,980 on the base's 10-won tick (KRX's example)
    [10_000, 13_000, 7_000],
    [70_000, 91_000, 49_000], // 70,000 × 0.7 is 48,999.999… in floating point
    [3_333, 4_325, 2_340], // amount 999.9 → 995; 4,328 → 4,325; 2,338 → 2,340
    [15_390, 20_000, 10_780], // amount 4,617 → 4,610; 20,000 on 50; 10,780 on 10
    [385_000, 500_000, 269_500], // amount 115,500 on the 500-won tick
    [1, 1, 1], // amount 0.3 → 0
  ];
  for (const [base, upper, lower] of cases) {
    await t.step(`base ${base}`, () => assert.deepEqual(priceLimits(base), { upper, lower }));
  }
});

Deno.test("priceLimits: KONEX moves ±15 %", () => {
  // amount 1,500 on the 10-won tick
  assert.deepEqual(priceLimits(10_000, { market: "KONEX" }), { upper: 11_500, lower: 8_500 });
  // amount 7,530 → 7,500 on the 100-won tick; 57,700 on 100; 42,700 on 50
  assert.deepEqual(priceLimits(50_200, { market: "KONEX" }), { upper: 57_700, lower: 42_700 });
  assert.deepEqual(priceLimits(10_000, { market: "KOSDAQ" }), { upper: 13_000, lower: 7_000 });
});

Deno.test("priceLimits: a leveraged ETF or ETN moves ±30 % × its leverage", () => {
  const etf = { instrument: "etf" } as const;
  // 2×: amount 6,000 on the 5-won tick
  assert.deepEqual(priceLimits(10_000, { ...etf, leverage: 2 }), { upper: 16_000, lower: 4_000 });
  // inverse 2× moves as far
  assert.deepEqual(priceLimits(10_000, { ...etf, leverage: -2 }), { upper: 16_000, lower: 4_000 });
  // 1.5×: amount 4,500
  assert.deepEqual(priceLimits(10_000, { instrument: "etn", leverage: 1.5 }), {
    upper: 14_500,
    lower: 5_500,
  });
  assert.deepEqual(priceLimits(10_000, etf), { upper: 13_000, lower: 7_000 });
  // a stock ignores leverage
  assert.deepEqual(priceLimits(10_000, { leverage: 2 }), { upper: 13_000, lower: 7_000 });
  assert.throws(() => priceLimits(10_000, { ...etf, leverage: 0 }), RangeError);
});

Deno.test("priceLimits: ETF limits use the ETF grid of the day", () => {
  // since 2023-12-18: amount 3,000.3 → 3,000 on 5; 7,001 lies on the 5-won band and rises
  assert.deepEqual(priceLimits(10_001, { instrument: "etf" }), { upper: 13_000, lower: 7_005 });
  // 1,500: 1-won ticks below 2,000 — amount 450
  assert.deepEqual(priceLimits(1_500, { instrument: "etf" }), { upper: 1_950, lower: 1_050 });
  // before 2023-12-18 every ETF price was on 5 won: amount 450 still, both limits on 5
  const old = { instrument: "etf", date: "2023-06-01" as IsoDate } as const;
  assert.deepEqual(priceLimits(1_500, old), { upper: 1_950, lower: 1_050 });
  // 1,503 (off the old grid) → tick 5: amount 450.9 → 450; 1,953 → 1,950; 1,053 → 1,055
  assert.deepEqual(priceLimits(1_503, old), { upper: 1_950, lower: 1_055 });
});

Deno.test("priceLimits: limits before 2023-01-25 use the old tick bands", () => {
  // KOSPI 2022: 9,940 has a 10-won tick, amount 2,980; 12,920 on the 50-won band → 12,900
  const kospi2022 = { date: "2022-06-02" as IsoDate } as const;
  assert.deepEqual(priceLimits(9_940, kospi2022), { upper: 12_900, lower: 6_960 });
  // 120,500: KOSDAQ's tick is 100 (amount 36,150 → 36,100), KOSPI's 500 (→ 36,000)
  assert.deepEqual(priceLimits(120_500, { ...kospi2022, market: "KOSDAQ" }), {
    upper: 156_600,
    lower: 84_400,
  });
  assert.deepEqual(priceLimits(120_500, kospi2022), { upper: 156_500, lower: 84_500 });
});

Deno.test("priceLimits rejects a base price that is not positive", () => {
  assert.throws(() => priceLimits(0), RangeError);
  assert.throws(() => priceLimits(-5), RangeError);
  assert.throws(() => priceLimits(Number.NaN), RangeError);
});

/** KRX's formula restated directly in integer steps, with the tick looked up by `tickSize`. */
function referenceLimits(base: number, percent: number, context: PriceLimitContext) {
  const tick = (price: number) => tickSize(price, context);
  const raw = base * percent; // hundredths of a won
  const amountWon = (raw - (raw % 100)) / 100;
  const amount = amountWon - (amountWon % tick(base));
  const upperRaw = base + amount;
  const lowerRaw = base - amount;
  const upper = upperRaw - (upperRaw % tick(upperRaw));
  const lowerRest = lowerRaw % tick(lowerRaw);
  const lower = lowerRest === 0 ? lowerRaw : lowerRaw - lowerRest + tick(lowerRaw);
  return { upper, lower };
}

Deno.test("priceLimits agrees with a direct restatement of KRX's formula at every base price", async (t) => {
  const contexts: [string, number, PriceLimitContext][] = [
    ["KOSPI stock today", 30, {}],
    ["KOSPI stock 2022", 30, { date: "2022-01-04" as IsoDate }],
    ["KOSDAQ stock 2022", 30, { market: "KOSDAQ", date: "2022-01-04" as IsoDate }],
    ["KONEX stock today", 15, { market: "KONEX" }],
    ["ETF today", 30, { instrument: "etf" }],
    ["2× ETF today", 60, { instrument: "etf", leverage: 2 }],
    ["KOSPI stock 2015-03 (±15 %)", 15, { date: "2015-03-02" as IsoDate }],
  ];
  for (const [name, percent, context] of contexts) {
    await t.step(name, () => {
      for (let base = 1; base <= 210_000; base++) {
        const expected = referenceLimits(base, percent, context);
        const actual = priceLimits(base, context);
        if (actual.upper !== expected.upper || actual.lower !== expected.lower) {
          assert.deepEqual(actual, expected, `base ${base}`);
        }
      }
      for (let base = 210_000; base <= 2_000_000; base += 37) {
        assert.deepEqual(priceLimits(base, context), referenceLimits(base, percent, context));
      }
    });
  }
});

Deno.test("priceLimits: ±15 % before KRX widened the band to ±30 % on 2015-06-15", () => {
  // 10,000 on the old KOSPI table: 50-won tick, amount 1,500
  const before = { date: "2015-06-12" as IsoDate } as const;
  assert.deepEqual(priceLimits(10_000, before), { upper: 11_500, lower: 8_500 });
  assert.deepEqual(priceLimits(10_000, { ...before, market: "KOSDAQ" }), {
    upper: 11_500,
    lower: 8_500,
  });
  assert.deepEqual(priceLimits(10_000, { date: "2015-06-15" as IsoDate }), {
    upper: 13_000,
    lower: 7_000,
  });
  assert.equal(priceLimitPercent({ date: "2015-06-12" as IsoDate }), 15);
  assert.equal(priceLimitPercent({ market: "KONEX", date: "2016-01-04" as IsoDate }), 15);
  assert.equal(priceLimitPercent({ instrument: "etn", leverage: -2 }), 60);
  assert.equal(priceLimitPercent(), 30);
});
