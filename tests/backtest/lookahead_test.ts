import assert from "node:assert/strict";
import { backtestOptions, runBacktest } from "../../core/backtest/mod.ts";
import {
  type Bars,
  createBars,
  getStrategy,
  parseStrategyParams,
  sliceBars,
} from "../../core/strategies/mod.ts";
import type { StrategyId } from "../../core/strategies/mod.ts";
import { days } from "../strategies/_bars.ts";

/** Two superposed waves on the 50-won grid, with opens between closes: every rule trades. */
function market(n: number): Bars {
  const wave = (i: number) =>
    50 * Math.round((20_000 + 3_000 * Math.sin(i / 6) + 700 * Math.sin(i / 1.7)) / 50);
  const close = Array.from({ length: n }, (_, i) => wave(i));
  const open = close.map((c, i) => (i === 0 ? c : 50 * Math.round((c + close[i - 1]!) / 100)));
  return createBars({
    dates: days(n),
    open,
    high: close.map((c, i) => Math.max(c, open[i]!)),
    low: close.map((c, i) => Math.min(c, open[i]!)),
    close,
    volume: close.map(() => 1),
  });
}

const CASES: [StrategyId, unknown][] = [
  ["ma-cross", { fast: 3, slow: 8 }],
  ["rsi", { period: 5, lower: 40, upper: 60 }],
  ["bollinger", { period: 6, k: 1 }],
  ["composite", {
    members: [{ id: "ma-cross", params: { fast: 2, slow: 5 } }, { id: "rsi" }],
    mode: "any",
  }],
];

Deno.test("decisions, fills and equity up to t never change when data after t is removed", async (t) => {
  const bars = market(160);
  for (const fill of ["open", "close"] as const) {
    for (const [id, raw] of CASES) {
      await t.step(`${id}, fill at ${fill}`, () => {
        const strategy = getStrategy(id);
        const params = parseStrategyParams(id, raw);
        const options = backtestOptions({
          cash: 5_000_000,
          fill,
          slippage: { kind: "ticks", ticks: 1 },
        });
        const run = (b: Bars) => {
          const targets = (strategy.targets as (b: Bars, p: unknown) => Uint8Array)(b, params);
          return runBacktest(b, targets, options);
        };
        const full = run(bars);
        assert.ok(
          full.fills.length >= 6,
          `the case must trade to prove anything: ${[...full.targets].join("")}`,
        );
        for (let end = 1; end <= bars.close.length; end++) {
          const cut = run(sliceBars(bars, 0, end));
          assert.deepEqual(
            [...cut.targets],
            [...full.targets.subarray(0, end)],
            `targets cut at ${end}`,
          );
          assert.deepEqual(
            [...cut.equity],
            [...full.equity.subarray(0, end)],
            `equity cut at ${end}`,
          );
          const lastDate = bars.dates[end - 1]!;
          assert.deepEqual(
            cut.fills,
            full.fills.filter((f) => f.date <= lastDate),
            `fills cut at ${end}`,
          );
        }
      });
    }
  }
});
