import {
  type Bars,
  getStrategy,
  IndicatorCache,
  type Strategy,
  type StrategyId,
} from "../../strategies/mod.ts";
import { summarize } from "../engine.ts";
import { fusedRun } from "../fused/mod.ts";
import { costModelFor } from "../ledger.ts";
import type { BacktestOptions } from "../options.ts";
import type { Metrics } from "../types.ts";

/** Metrics a sweep can rank by; higher is better for each. */
export type SweepObjective = "sharpe" | "sortino" | "totalReturn" | "cagr" | "calmar";

/** One symbol as a sweep receives it. */
export interface SweepSymbol {
  readonly symbol: string;
  readonly bars: Bars;
}

/** Per-combination sums over symbols; see {@link ACCUMULATOR_FIELDS} for the layout. */
export type SweepAccumulators = Float64Array;

/** Fields accumulated per parameter combination, in storage order. */
export const ACCUMULATOR_FIELDS = [
  "symbols",
  "totalReturn",
  "cagr",
  "sharpe",
  "sharpeCount",
  "sortino",
  "sortinoCount",
  "calmar",
  "calmarCount",
  "maxDrawdown",
  "trades",
  "finalEquity",
  "feesPaid",
  "taxPaid",
] as const;

const WIDTH = ACCUMULATOR_FIELDS.length;

/** Index of each {@link ACCUMULATOR_FIELDS} slot within a combination's accumulators. */
const SLOT = Object.fromEntries(ACCUMULATOR_FIELDS.map((name, i) => [name, i])) as {
  readonly [F in (typeof ACCUMULATOR_FIELDS)[number]]: number;
};

/**
 * Runs every combination over every symbol in this thread and sums the metrics per combination.
 * One indicator cache serves all combinations of a symbol, so each SMA period is computed once;
 * a strategy's fused kernel runs wherever it gives the general engine's results.
 */
export function sweepChunk(
  strategyId: StrategyId,
  combos: readonly unknown[],
  universe: readonly SweepSymbol[],
  options: BacktestOptions,
): SweepAccumulators {
  // The registry pairs each id with its own params type; combos were parsed for this id.
  const strategy = getStrategy(strategyId) as Strategy<unknown>;
  const cache = new IndicatorCache();
  const costs = costModelFor(options);
  const sums = new Float64Array(combos.length * WIDTH);
  const fused = fusedRun(strategy, options, { costs, keepTrades: false });
  let targets = new Uint8Array(0);
  let equity = new Float64Array(0);
  for (const { symbol, bars } of universe) {
    const n = bars.close.length;
    if (targets.length !== n) {
      targets = new Uint8Array(n);
      equity = new Float64Array(n);
    }
    for (let c = 0; c < combos.length; c++) {
      const fusedMetrics = fused === null ? null : fused.metrics(bars, combos[c]);
      if (fusedMetrics !== null) {
        add(sums, c * WIDTH, fusedMetrics);
        continue;
      }
      strategy.targets(bars, combos[c], targets, cache);
      const settings = { costs, keepTrades: false };
      add(sums, c * WIDTH, summarize(bars, targets, options, symbol, equity, settings).metrics);
    }
  }
  return sums;
}

/** Adds one symbol's metrics to the accumulators of the combination at `at`. */
function add(sums: Float64Array, at: number, m: Metrics): void {
  const plus = (slot: number, value: number) => {
    sums[at + slot] = (sums[at + slot] as number) + value;
  };
  plus(SLOT.symbols, 1);
  plus(SLOT.totalReturn, m.totalReturn);
  plus(SLOT.cagr, m.cagr);
  if (m.sharpe !== null) {
    plus(SLOT.sharpe, m.sharpe);
    plus(SLOT.sharpeCount, 1);
  }
  if (m.sortino !== null) {
    plus(SLOT.sortino, m.sortino);
    plus(SLOT.sortinoCount, 1);
  }
  if (m.calmar !== null) {
    plus(SLOT.calmar, m.calmar);
    plus(SLOT.calmarCount, 1);
  }
  plus(SLOT.maxDrawdown, m.maxDrawdown);
  plus(SLOT.trades, m.trades);
  plus(SLOT.finalEquity, m.finalEquity);
  plus(SLOT.feesPaid, m.feesPaid);
  plus(SLOT.taxPaid, m.taxPaid);
}

/** Summary of one parameter combination over all symbols: means of ratios, sums of KRW. */
export interface SweepRow<P = unknown> {
  readonly params: P;
  /** The objective's mean over symbols where it is defined (`null` where it never is). */
  readonly score: number | null;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdown: number;
  readonly trades: number;
  readonly finalEquity: number;
  readonly feesPaid: number;
  readonly taxPaid: number;
}

/** Turns summed accumulators into rows, in combination order. */
export function sweepRows<P>(
  combos: readonly P[],
  sums: SweepAccumulators,
  objective: SweepObjective,
): SweepRow<P>[] {
  return combos.map((params, c) => {
    const at = c * WIDTH;
    const get = (slot: number) => sums[at + slot] as number;
    const count = Math.max(get(SLOT.symbols), 1);
    const mean = (sum: number, n: number) => (n === 0 ? null : sum / n);
    const row = {
      params,
      totalReturn: get(SLOT.totalReturn) / count,
      cagr: get(SLOT.cagr) / count,
      sharpe: mean(get(SLOT.sharpe), get(SLOT.sharpeCount)),
      sortino: mean(get(SLOT.sortino), get(SLOT.sortinoCount)),
      calmar: mean(get(SLOT.calmar), get(SLOT.calmarCount)),
      maxDrawdown: get(SLOT.maxDrawdown) / count,
      trades: get(SLOT.trades),
      finalEquity: get(SLOT.finalEquity),
      feesPaid: get(SLOT.feesPaid),
      taxPaid: get(SLOT.taxPaid),
    };
    return { ...row, score: row[objective] };
  });
}
