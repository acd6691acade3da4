import assert from "node:assert/strict";
import {
  backtestOptions,
  type BacktestOptionsInput,
  fillPrice,
  type Side,
  slippedPrice,
} from "../../core/backtest/mod.ts";
import { type IsoDate, priceLimits } from "../../core/krx/mod.ts";

const DATE = "2025-03-04" as IsoDate;

/** The fill rule written out plainly, with the band looked up for every price. */
function reference(quote: number, side: Side, base: number, input: BacktestOptionsInput): number {
  const options = backtestOptions(input);
  const context = { instrument: options.instrument, market: options.market, date: DATE };
  const { upper, lower } = priceLimits(base, context);
  const price = slippedPrice(quote, side, options, DATE);
  const wait = options.lockedLimit === "wait";
  if (side === "buy") {
    return quote > upper || (quote === upper && wait) ? NaN : Math.min(price, upper);
  }
  return quote < lower || (quote === lower && wait) ? NaN : Math.max(price, lower);
}

Deno.test("the fill price agrees with the limit band for every base and quote sampled", async (t) => {
  const cases: [string, BacktestOptionsInput][] = [
    ["stock", {}],
    ["ETF", { instrument: "etf" }],
    ["KONEX, two ticks of slippage", { market: "KONEX", slippage: { kind: "ticks", ticks: 2 } }],
    ["KOSDAQ, 5 % slippage, locked limits fill", {
      market: "KOSDAQ",
      lockedLimit: "fill",
      slippage: { kind: "fraction", fraction: 0.05 },
    }],
  ];
  const factors = [0.5, 0.69, 0.7, 0.71, 0.84, 0.85, 0.86, 0.89, 0.9, 0.91, 1, 1.09, 1.1, 1.11];
  factors.push(1.14, 1.15, 1.16, 1.24, 1.25, 1.29, 1.3, 1.31, 2);
  for (const [name, input] of cases) {
    await t.step(name, () => {
      const options = backtestOptions(input);
      const context = { instrument: options.instrument, market: options.market, date: DATE };
      for (let base = 1; base < 3_000_000; base = Math.ceil(base * 1.013) + (base % 7)) {
        const { upper, lower } = priceLimits(base, context);
        const quotes = factors.flatMap((f) => [Math.floor(base * f), Math.ceil(base * f)]);
        quotes.push(upper, upper - 1, upper + 1, lower, lower - 1, lower + 1);
        for (const quote of quotes) {
          if (quote < 1) continue;
          for (const side of ["buy", "sell"] as const) {
            const bar = { quote, basePrice: base, volume: 1, date: DATE };
            assert.deepEqual(
              fillPrice(bar, side, options),
              reference(quote, side, base, input),
              `${side} at ${quote} on ${base}`,
            );
          }
        }
      }
    });
  }
});

Deno.test("fill price rules, one by one", async (t) => {
  const options = backtestOptions();
  const bar = { quote: 10_000, basePrice: 10_000, volume: 500, date: DATE };
  await t.step("a bar without volume fills nothing", () => {
    assert.ok(Number.isNaN(fillPrice({ ...bar, volume: 0 }, "buy", options)));
    assert.ok(Number.isNaN(fillPrice({ ...bar, volume: 0 }, "sell", options)));
  });
  await t.step(
    "a buy at a limit-up quote waits; with lockedLimit fill it fills at the limit",
    () => {
      const lockedUp = { ...bar, quote: 13_000 };
      assert.ok(Number.isNaN(fillPrice(lockedUp, "buy", options)));
      assert.equal(fillPrice(lockedUp, "sell", options), 13_000);
      assert.equal(fillPrice(lockedUp, "buy", backtestOptions({ lockedLimit: "fill" })), 13_000);
    },
  );
  await t.step("a sell at a limit-down quote waits; with lockedLimit fill it fills", () => {
    const lockedDown = { ...bar, quote: 7_000 };
    assert.ok(Number.isNaN(fillPrice(lockedDown, "sell", options)));
    assert.equal(fillPrice(lockedDown, "buy", options), 7_000);
    assert.equal(fillPrice(lockedDown, "sell", backtestOptions({ lockedLimit: "fill" })), 7_000);
  });
  await t.step("slippage stops at the limit instead of blocking the fill", () => {
    const slipped = backtestOptions({ slippage: { kind: "ticks", ticks: 3 } });
    // 12,980 + 3 ticks of 10 = 13,010 > the 13,000 upper limit; 7,020 − 3 ticks = 6,990 < 7,000
    assert.equal(fillPrice({ ...bar, quote: 12_980 }, "buy", slipped), 13_000);
    assert.equal(fillPrice({ ...bar, quote: 7_020 }, "sell", slipped), 7_000);
  });
  await t.step("a quote outside the band does not fill", () => {
    assert.ok(Number.isNaN(fillPrice({ ...bar, quote: 13_100 }, "buy", options)));
    assert.ok(Number.isNaN(fillPrice({ ...bar, quote: 6_900 }, "sell", options)));
  });
  await t.step("a series' first bar has no base and no limits", () => {
    assert.equal(
      fillPrice({ ...bar, quote: 20_000, basePrice: undefined }, "buy", options),
      20_000,
    );
  });
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

Deno.test("slippage below 1 won stops at 1 won, and a buy at 1 won still moves up", () => {
  const options = backtestOptions({ slippage: { kind: "ticks", ticks: 3 } });
  assert.equal(slippedPrice(2, "sell", options), 1);
  assert.equal(slippedPrice(1, "buy", options), 4);
});
