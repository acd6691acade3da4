/**
 * Backtests for notebooks, composed exactly as `POST /api/v1/backtests` composes them (strategy
 * targets, then the engine; several series are one portfolio with shared cash), so a notebook's
 * numbers are the API's for the same bars and inputs. The result adds what charts need: the
 * buy-and-hold equity curve and the bars.
 * @module
 */
import { z } from "zod";
import { backtestOptionsSchema, type BacktestReport, backtestReport } from "../backtest/mod.ts";
import type { SymbolBars } from "../data/mod.ts";
import { parseStrategyParams, STRATEGIES } from "../strategies/mod.ts";
import { parseInput } from "./input.ts";

/** The notebook-only strategy that is always long: with rebalancing, a plain weighted portfolio. */
export const HOLD = "hold";

const strategyIds: [string, ...string[]] = [HOLD, ...Object.keys(STRATEGIES)];

const backtestInputSchema = z.strictObject({
  strategy: z.enum(strategyIds).default("ma-cross"),
  params: z.record(z.string(), z.unknown()).default({}),
  options: backtestOptionsSchema.prefault({}),
  rebalanceEvery: z.int().min(0).max(10_000).default(0),
});

/** What to backtest: the API's fields (`options` holds cash, fees, slippage...); all optional. */
export type BacktestInput = z.input<typeof backtestInputSchema>;

/** The API's report plus the bars, for charts. */
export interface NotebookBacktest extends BacktestReport {
  readonly series: readonly SymbolBars[];
}

/**
 * Backtests `series` (one symbol, or several as one portfolio). Bad input throws
 * `NotebookInputError` or `StrategyParamsError` naming the field.
 * @example
 * const result = backtest(seededBars({ symbols: ["005930"] }), { params: { fast: 5, slow: 20 } });
 */
export function backtest(
  series: readonly SymbolBars[],
  input: BacktestInput = {},
): NotebookBacktest {
  if (series.length === 0) throw new RangeError("backtest needs at least one series of bars");
  const { strategy, params: rawParams, options, rebalanceEvery } = parseInput(
    backtestInputSchema,
    input,
    "backtest input",
  );
  const params = strategy === HOLD ? {} : parseStrategyParams(strategy, rawParams);
  const report = backtestReport({
    strategy,
    params,
    series,
    options,
    portfolio: series.length === 1 ? undefined : { rebalanceEvery },
    targets: strategy === HOLD ? (bars) => new Uint8Array(bars.close.length).fill(1) : undefined,
  });
  return { ...report, series };
}

/** The part of a result the API answers with (to compare a notebook with the API). */
export function apiReport(result: NotebookBacktest): BacktestReport {
  const { series: _series, ...report } = result;
  return report;
}
