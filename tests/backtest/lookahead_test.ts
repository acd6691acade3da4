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

function market(n: number): Bars {
  let state = 99;
  let close = 20_000;
  const rows = Array.from({ length: n }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const open = close + 50 * ((state % 21) - 10);
    close = Math.max(5_000, open + 50 * (((state >> 8) % 41) - 20));
    return { open, close };
  });
  return createBars({
    dates: days(n),
    open: rows.map((r) => r.open),
    high: rows.map((r) => Math.max(r.open, r.close)),
    low: rows.map((r) => Math.min(r.open, r.close)),
    close: rows.map((r) => r.close),
    volume: rows.map(() => 1),
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
        assert.ok(full.fills.length >= 2, "the case must trade to prove anything");
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
