import assert from "node:assert/strict";
import { backtestOptions, slippedPrice, withinLimits } from "../../core/backtest/mod.ts";
import { priceLimits } from "../../core/krx/mod.ts";

Deno.test("the limit check agrees with priceLimits for every base and price sampled", async (t) => {
  for (const instrument of ["stock", "etf"] as const) {
    await t.step(instrument, () => {
      const options = backtestOptions({ instrument });
      for (let base = 1; base < 3_000_000; base = Math.ceil(base * 1.013) + (base % 7)) {
        const { upper, lower } = priceLimits(base, { instrument: instrument });
        for (
          const f of [
            0.5,
            0.69,
            0.7,
            0.71,
            0.74,
            0.75,
            0.76,
            1,
            1.24,
            1.25,
            1.26,
            1.29,
            1.3,
            1.31,
            2,
          ]
        ) {
          for (const price of [Math.floor(base * f), Math.ceil(base * f)]) {
            if (price < 1) continue;
            assert.equal(
              withinLimits(price, "buy", base, options),
              price <= upper,
              `buy ${price} on ${base}`,
            );
            assert.equal(
              withinLimits(price, "sell", base, options),
              price >= lower,
              `sell ${price} on ${base}`,
            );
          }
        }
        for (const price of [upper, upper + 1, lower, lower - 1]) {
          if (price < 1) continue;
          assert.equal(withinLimits(price, "buy", base, options), price <= upper);
          assert.equal(withinLimits(price, "sell", base, options), price >= lower);
        }
      }
    });
  }
});

Deno.test("slipped prices", async (t) => {
  await t.step("no slippage keeps the quote", () => {
    assert.equal(slippedPrice(10_005, "buy", backtestOptions()), 10_005);
  });
  await t.step("ticks for an ETF are 5 won", () => {
    const options = backtestOptions({ instrument: "etf", slippage: { kind: "ticks", ticks: 3 } });
    assert.equal(slippedPrice(10_000, "buy", options), 10_015);
    assert.equal(slippedPrice(10_000, "sell", options), 9_985);
  });
  await t.step("a sell tick below a band edge takes the narrower tick", () => {
    const options = backtestOptions({ slippage: { kind: "ticks", ticks: 2 } });
    // 5,000 → 4,995 → 4,990
    assert.equal(slippedPrice(5_000, "sell", options), 4_990);
  });
  await t.step("an exact fraction does not round a further tick", () => {
    const options = backtestOptions({ slippage: { kind: "fraction", fraction: 0.001 } });
    // 10,000 × 1.001 = 10,010 exactly in decimal
    assert.equal(slippedPrice(10_000, "buy", options), 10_010);
    assert.equal(slippedPrice(10_000, "sell", options), 9_990);
  });
});
