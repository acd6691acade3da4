import type { IsoDate } from "../krx/mod.ts";
import { type Bars, getStrategy, sliceBars, type StrategyId } from "../strategies/mod.ts";
import { runBacktest } from "./engine.ts";
import type { BacktestOptions } from "./options.ts";
import { sweep } from "./sweep/sweep.ts";
import type { ParamGrid } from "./sweep/grid.ts";
import type { SweepPool } from "./sweep/pool.ts";
import type { SweepObjective } from "./sweep/run.ts";
import type { Metrics } from "./types.ts";

/** Rolling optimisation: choose parameters on `inSample` bars, then trade the next `outOfSample`. */
export interface WalkForwardRequest {
  readonly strategy: StrategyId;
  readonly grid: ParamGrid;
  readonly bars: Bars;
  readonly symbol?: string;
  readonly options: BacktestOptions;
  /** Bars per optimisation window. */
  readonly inSample: number;
  /** Bars per evaluation window; windows advance by this much. */
  readonly outOfSample: number;
  readonly objective?: SweepObjective;
  /** Threads for each window's sweep; 0 (the default) runs it in the calling thread. */
  readonly workers?: number;
  /** Where those threads come from; see {@link SweepPool}. */
  readonly pool?: SweepPool;
}

/** One window: the parameters chosen in-sample and how they did out of sample. */
export interface WalkForwardFold {
  readonly inSample: { readonly from: IsoDate; readonly to: IsoDate };
  readonly outOfSample: { readonly from: IsoDate; readonly to: IsoDate };
  readonly params: unknown;
  readonly inSampleScore: number | null;
  readonly metrics: Metrics;
}

/** All windows and their out-of-sample returns compounded. */
export interface WalkForwardResult {
  readonly folds: readonly WalkForwardFold[];
  readonly outOfSampleReturn: number;
}

/**
 * Walk-forward analysis on one symbol. Each out-of-sample run starts flat with `options.cash`;
 * its targets are computed over the in-sample and out-of-sample bars together, so indicators are
 * warm, but only out-of-sample bars are traded and the first order fills on its second bar.
 */
export async function walkForward(request: WalkForwardRequest): Promise<WalkForwardResult> {
  const { bars, inSample, outOfSample } = request;
  if (
    !Number.isInteger(inSample) || inSample < 2 || !Number.isInteger(outOfSample) || outOfSample < 1
  ) {
    throw new RangeError("walk-forward needs inSample ≥ 2 and outOfSample ≥ 1 whole bars");
  }
  const n = bars.close.length;
  if (n < inSample + outOfSample) {
    throw new RangeError(`walk-forward needs at least ${inSample + outOfSample} bars, got ${n}`);
  }
  const strategy = getStrategy(request.strategy);
  const symbol = request.symbol ?? "";
  const folds: WalkForwardFold[] = [];
  let growth = 1;
  for (let start = 0; start + inSample < n; start += outOfSample) {
    const split = start + inSample;
    const end = Math.min(split + outOfSample, n);
    const chosen = await sweep({
      strategy: request.strategy,
      grid: request.grid,
      universe: [{ symbol, bars: sliceBars(bars, start, split) }],
      options: request.options,
      objective: request.objective ?? "sharpe",
      workers: request.workers ?? 0,
      pool: request.pool,
    });
    if (chosen.best === null) break;
    const window = sliceBars(bars, start, end);
    const targets = (strategy.targets as (b: Bars, p: unknown) => Uint8Array)(
      window,
      chosen.best.params,
    );
    const result = runBacktest(
      sliceBars(bars, split, end),
      targets.subarray(inSample),
      request.options,
      symbol,
    );
    growth *= 1 + result.metrics.totalReturn;
    folds.push({
      inSample: { from: bars.dates[start] as IsoDate, to: bars.dates[split - 1] as IsoDate },
      outOfSample: { from: bars.dates[split] as IsoDate, to: bars.dates[end - 1] as IsoDate },
      params: chosen.best.params,
      inSampleScore: chosen.best.score,
      metrics: result.metrics,
    });
  }
  return { folds, outOfSampleReturn: growth - 1 };
}
