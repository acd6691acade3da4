import assert from "node:assert/strict";
import { backtestOptions, gridCombinations } from "../../../core/backtest/mod.ts";
import { ACCUMULATOR_FIELDS, sweepChunk } from "../../../core/backtest/sweep/run.ts";
import {
  planItems,
  runTaskItems,
  sweepPlan,
  sweepTask,
  taskSums,
} from "../../../core/backtest/sweep/plan.ts";
import { createBars } from "../../../core/strategies/mod.ts";
import { days } from "../../strategies/_bars.ts";

function waves(n: number, phase: number) {
  const close = Array.from(
    { length: n },
    (_, i) => 10 * Math.round((20_000 + 3_000 * Math.sin(i / 7 + phase)) / 10),
  );
  return createBars({ dates: days(n), open: close, high: close, low: close, close, volume: close });
}

const UNIVERSE = Array.from({ length: 70 }, (_, i) => ({
  symbol: String(i).padStart(6, "0"),
  bars: waves(120 + (i % 5) * 40, i / 3),
}));
const OPTIONS = backtestOptions();
const COMBOS = gridCombinations("ma-cross", { fast: [2, 4, 6], slow: [10, 30] });

Deno.test("a sweep plan covers every symbol and combination exactly once", async (t) => {
  for (const [symbols, combos] of [[70, 6], [3, 6], [1, 100], [0, 4]] as const) {
    await t.step(`${symbols} symbols × ${combos} combinations`, () => {
      const plan = sweepPlan(UNIVERSE.slice(0, symbols), combos);
      const seen = new Uint8Array(symbols * combos);
      for (const [symbolFrom, symbolTo] of plan.symbolChunks) {
        assert.ok(symbolTo > symbolFrom);
        for (const [comboFrom, comboTo] of plan.comboChunks) {
          for (let s = symbolFrom; s < symbolTo; s++) {
            for (let c = comboFrom; c < comboTo; c++) seen[s * combos + c]!++;
          }
        }
      }
      assert.deepEqual([...seen], new Array(symbols * combos).fill(1));
      assert.equal(planItems(plan), plan.symbolChunks.length * plan.comboChunks.length);
    });
  }
});

Deno.test("a task's items summed in chunk order give each combination's sums", () => {
  const plan = sweepPlan(UNIVERSE, COMBOS.length);
  assert.ok(plan.symbolChunks.length > 1);
  const task = sweepTask("ma-cross", COMBOS, UNIVERSE, OPTIONS, plan);
  runTaskItems(task);
  const chunked = taskSums(task);
  const whole = sweepChunk("ma-cross", COMBOS, UNIVERSE, OPTIONS);
  const exact = new Set(["symbols", "trades", "finalEquity", "feesPaid", "taxPaid"]);
  ACCUMULATOR_FIELDS.forEach((field, f) => {
    for (let c = 0; c < COMBOS.length; c++) {
      const at = c * ACCUMULATOR_FIELDS.length + f;
      const [got, want] = [chunked[at]!, whole[at]!];
      if (exact.has(field)) assert.equal(got, want, `${field} of combination ${c}`);
      else assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), field);
    }
  });
  assert.equal(chunked[0], UNIVERSE.length);
});

Deno.test("a failing item stops the task and names the failure", () => {
  const early = UNIVERSE.map(({ symbol, bars }) => ({
    symbol,
    bars: { ...bars, dates: days(bars.close.length, "1990-01-02") },
  }));
  const task = sweepTask("ma-cross", COMBOS, early, OPTIONS, sweepPlan(early, COMBOS.length));
  assert.throws(() => runTaskItems(task), RangeError);
  assert.equal(Atomics.load(task.next, 0), planItems(task.plan));
});
