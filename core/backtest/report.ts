/**
 * The backtest report that `deno task backtest --json`, `POST /api/v1/backtests` and the
 * notebooks all give: one strategy over one symbol, or over a portfolio of symbols, with its
 * metrics, the buy-and-hold benchmark's, the trades and the equity curve by date.
 * @module
 */
import type { IsoDate } from "../krx/mod.ts";
import { type Bars, getStrategy } from "../strategies/mod.ts";
import { runBacktest } from "./engine.ts";
import type { BacktestOptions } from "./options.ts";
import { type PortfolioSettings, runPortfolio } from "./portfolio.ts";
import type { Metrics, Trade } from "./types.ts";

/** What a backtest reports. */
export interface BacktestReport {
  readonly strategy: string;
  readonly params: unknown;
  readonly metrics: Metrics;
  readonly benchmark: Metrics;
  readonly trades: Trade[];
  readonly equity: { date: IsoDate; equity: number }[];
  /** Buy-and-hold's equity on the same dates, for an equity-versus-benchmark chart. */
  readonly benchmarkEquity: { date: IsoDate; equity: number }[];
}

/** What to backtest: parsed parameters, bars per symbol, and the options. */
export interface BacktestReportRequest {
  /**
   * A strategy id of the registry (an unknown one throws `StrategyParamsError`), or any name when
   * `targets` is given.
   */
  readonly strategy: string;
  /** Parameters already parsed by the strategy's schema (`parseStrategyParams`). */
  readonly params: unknown;
  readonly series: readonly { readonly symbol: string; readonly bars: Bars }[];
  readonly options: BacktestOptions;
  /**
   * Runs the series as one portfolio with these settings; without it the request must hold one
   * series, backtested alone.
   */
  readonly portfolio?: PortfolioSettings;
  /** Target positions per series instead of the strategy's (e.g. always long, to hold). */
  readonly targets?: (bars: Bars) => Uint8Array;
}

/**
 * Runs `request` and reports it.
 *
 * @throws {RangeError} when no portfolio is asked for and there is not exactly one series, or
 *   when the engine refuses the input (e.g. bars it cannot trade).
 */
export function backtestReport(request: BacktestReportRequest): BacktestReport {
  const targetsOf = request.targets ??
    ((bars: Bars) =>
      (getStrategy(request.strategy).targets as (b: Bars, p: unknown) => Uint8Array)(
        bars,
        request.params,
      ));
  const report = (
    result: {
      metrics: Metrics;
      benchmark: { metrics: Metrics; equity: Float64Array };
      trades: readonly Trade[];
      equity: Float64Array;
    },
    dates: readonly IsoDate[],
  ): BacktestReport => ({
    strategy: request.strategy,
    params: request.params,
    metrics: result.metrics,
    benchmark: result.benchmark.metrics,
    trades: [...result.trades],
    equity: byDate(result.equity, dates),
    benchmarkEquity: byDate(result.benchmark.equity, dates),
  });
  if (request.portfolio === undefined) {
    if (request.series.length !== 1) {
      throw new RangeError(`one series is backtested alone; got ${request.series.length}`);
    }
    const { symbol, bars } = request.series[0]!;
    return report(runBacktest(bars, targetsOf(bars), request.options, symbol), bars.dates);
  }
  const members = request.series.map(({ symbol, bars }) => ({
    symbol,
    bars,
    targets: targetsOf(bars),
  }));
  const result = runPortfolio(members, request.options, request.portfolio);
  return report(result, result.dates);
}

function byDate(
  curve: Float64Array,
  dates: readonly IsoDate[],
): { date: IsoDate; equity: number }[] {
  return [...curve].map((equity, i) => ({ date: dates[i] as IsoDate, equity }));
}
