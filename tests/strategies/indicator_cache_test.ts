import assert from "node:assert/strict";
import { sma } from "../../core/indicators/mod.ts";
import { createBars, IndicatorCache } from "../../core/strategies/mod.ts";
import { days } from "./_bars.ts";

function walk(n: number, seed: number): number[] {
  let state = seed;
  let price = 50_000;
  return Array.from({ length: n }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    price = Math.max(1, price + (state % 2_001) - 1_000);
    return price;
  });
}

function barsOf(closes: number[]) {
  return createBars({
    dates: days(closes.length),
    open: closes,
    high: closes,
    low: closes,
    close: closes,
    volume: closes,
  });
}

Deno.test("cached SMAs from prefix sums equal core/indicators' sma bit for bit on whole-won prices", () => {
  const bars = barsOf(walk(3_000, 7));
  const cache = new IndicatorCache();
  for (const period of [1, 2, 5, 20, 120, 2_999, 3_000, 3_001]) {
    const cached = cache.sma(bars, period);
    const direct = sma(bars.close, period);
    assert.equal(cached.length, direct.length);
    for (let i = 0; i < direct.length; i++) {
      assert.ok(
        Object.is(cached[i], direct[i]),
        `period ${period}, bar ${i}: ${cached[i]} vs ${direct[i]}`,
      );
    }
  }
});

Deno.test("the cache answers for the bars it is asked about", async (t) => {
  const cache = new IndicatorCache();
  const a = barsOf([10, 20, 30, 40]);
  const b = barsOf([1, 1, 1, 1]);
  await t.step("a second series does not see the first one's averages", () => {
    assert.deepEqual([...cache.sma(a, 2)].slice(1), [15, 25, 35]);
    assert.deepEqual([...cache.sma(b, 2)].slice(1), [1, 1, 1]);
  });
  await t.step("the same period on the same bars is served from the memo", () => {
    assert.equal(cache.sma(b, 2), cache.sma(b, 2));
  });
  await t.step("RSI and bands match the indicator functions", () => {
    const c = barsOf(walk(200, 3));
    const bands = cache.bollinger(c, 20, 2);
    assert.deepEqual([...bands.middle].slice(19), [...sma(c.close, 20)].slice(19));
    assert.ok(Number.isNaN(bands.upper[18]!) && bands.upper[19]! > bands.middle[19]!);
  });
});
