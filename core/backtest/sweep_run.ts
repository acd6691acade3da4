import {
  getStrategy,
  IndicatorCache,
  type MaCrossParams,
  type StrategyId,
} from "../strategies/mod.ts";
import type { Bars } from "../strategies/mod.ts";
import { CostModel } from "./cost_model.ts";
import { CrossRunner } from "./cross_run.ts";
import { summarize } from "./engine.ts";
import type { BacktestOptions } from "./options.ts";
import type { Metrics } from "./types.ts";

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

/**
 * Runs every combination over every symbol in this thread and sums the metrics per combination.
 * One indicator cache serves all combinations of a symbol, so each SMA period is computed once;
 * ma-cross runs through the fused {@link CrossRunner} over one prefix sum per symbol.
 */
export function sweepChunk(
  strategyId: StrategyId,
  combos: readonly unknown[],
  universe: readonly SweepSymbol[],
  options: BacktestOptions,
): SweepAccumulators {
  const strategy = getStrategy(strategyId);
  const cache = new IndicatorCache();
  const costs = new CostModel(options.market, options.feeRate, options.taxRate);
  const sums = new Float64Array(combos.length * WIDTH);
  const runner = strategyId === "ma-cross" ? new CrossRunner(options, costs, false) : null;
  let targets = new Uint8Array(0);
  let equity = new Float64Array(0);
  for (const { symbol, bars } of universe) {
    const n = bars.close.length;
    if (targets.length !== n) {
      targets = new Uint8Array(n);
      equity = new Float64Array(n);
    }
    for (let c = 0; c < combos.length; c++) {
      if (runner !== null) {
        const { fast, slow } = combos[c] as MaCrossParams;
        const metrics = runner.metrics(bars, fast, slow);
        if (metrics !== null) {
          add(sums, c * WIDTH, metrics);
          continue;
        }
      }
      // The registry pairs each id with its own params type; combos were parsed for this id.
      (strategy.targets as (b: Bars, p: unknown, o: Uint8Array, k: IndicatorCache) => Uint8Array)(
        bars,
        combos[c],
        targets,
        cache,
      );
      add(sums, c * WIDTH, summarize(bars, targets, options, symbol, equity, costs, false).metrics);
    }
  }
  return sums;
}

function add(sums: Float64Array, at: number, m: Metrics): void {
  sums[at] = (sums[at] as number) + 1;
  sums[at + 1] = (sums[at + 1] as number) + m.totalReturn;
  sums[at + 2] = (sums[at + 2] as number) + m.cagr;
  if (m.sharpe !== null) {
    sums[at + 3] = (sums[at + 3] as number) + m.sharpe;
    sums[at + 4] = (sums[at + 4] as number) + 1;
  }
  if (m.sortino !== null) {
    sums[at + 5] = (sums[at + 5] as number) + m.sortino;
    sums[at + 6] = (sums[at + 6] as number) + 1;
  }
  if (m.calmar !== null) {
    sums[at + 7] = (sums[at + 7] as number) + m.calmar;
    sums[at + 8] = (sums[at + 8] as number) + 1;
  }
  sums[at + 9] = (sums[at + 9] as number) + m.maxDrawdown;
  sums[at + 10] = (sums[at + 10] as number) + m.trades;
  sums[at + 11] = (sums[at + 11] as number) + m.finalEquity;
  sums[at + 12] = (sums[at + 12] as number) + m.feesPaid;
  sums[at + 13] = (sums[at + 13] as number) + m.taxPaid;
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
    const get = (i: number) => sums[at + i] as number;
    const count = Math.max(get(0), 1);
    const mean = (sum: number, n: number) => (n === 0 ? null : sum / n);
    const row = {
      params,
      totalReturn: get(1) / count,
      cagr: get(2) / count,
      sharpe: mean(get(3), get(4)),
      sortino: mean(get(5), get(6)),
      calmar: mean(get(7), get(8)),
      maxDrawdown: get(9) / count,
      trades: get(10),
      finalEquity: get(11),
      feesPaid: get(12),
      taxPaid: get(13),
    };
    return { ...row, score: row[objective] };
  });
}
