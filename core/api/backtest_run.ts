/**
 * Runs a validated backtest request exactly as `deno task backtest` runs its files: the same
 * parsing of bars, the same engine, the same report.
 * @module
 */
import { backtestOptionsSchema, type BacktestReport, backtestReport } from "../backtest/mod.ts";
import { BAR_COLUMNS, CsvError, parseBarsCsv } from "../data/mod.ts";
import { type IsoDate, parseIsoDate } from "../krx/mod.ts";
import {
  type Bars,
  getStrategy,
  parseStrategyParams,
  StrategyParamsError,
} from "../strategies/mod.ts";
import type { BacktestRequest } from "./backtest_input.ts";
import { ApiError, type ErrorDetail, fieldName } from "./errors.ts";

/**
 * The report for `request`. Throws `ApiError` 400 naming the parameter or bar at fault, or 422
 * when valid input is outside what the engine computes.
 */
export function runBacktestRequest(request: BacktestRequest): BacktestReport {
  const params = strategyParams(request);
  const options = backtestOptionsSchema.parse({
    cash: request.cash,
    feeRate: request.feeRate,
    taxRate: request.taxRate,
    slippage: request.slippage,
    fill: request.fill,
    market: request.market,
  });
  const range = {
    from: request.from === undefined ? undefined : parseIsoDate(request.from),
    to: request.to === undefined ? undefined : parseIsoDate(request.to),
  };
  const series = request.series.map((s, i) => ({
    symbol: s.symbol,
    bars: seriesBars(s, i, range),
  }));
  try {
    return backtestReport({
      strategy: request.strategy,
      params,
      series,
      options,
      portfolio: series.length === 1 ? undefined : { rebalanceEvery: request.rebalanceEvery },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new ApiError(422, "unprocessable", error.message);
    throw error;
  }
}

function strategyParams(request: BacktestRequest): unknown {
  try {
    return parseStrategyParams(request.strategy, request.params);
  } catch (error) {
    if (!(error instanceof StrategyParamsError)) throw error;
    // The registry's messages name the parameter and its bounds; the issues give its path.
    const issues = getStrategy(request.strategy).params.safeParse(request.params).error?.issues ??
      [];
    const details: ErrorDetail[] = error.problems.flatMap((message, i) => {
      const issue = issues[i];
      const path = issue?.path ?? [];
      return issue?.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({ field: fieldName("body.params", [...path, key]), message }))
        : [{ field: fieldName("body.params", path), message }];
    });
    throw new ApiError(400, "invalid_params", error.message, { details });
  }
}

type Series = BacktestRequest["series"][number];

function seriesBars(series: Series, index: number, range: { from?: IsoDate; to?: IsoDate }): Bars {
  const where = `body.series[${index}]`;
  if (series.csv !== undefined) {
    try {
      return parseBarsCsv(series.csv, { source: `${where}.csv`, ...range });
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      throw new ApiError(400, "invalid_bars", error.message, {
        details: [{ field: `${where}.csv`, message: error.message }],
      });
    }
  }
  const rows = series.rows ?? [];
  const csv = [
    BAR_COLUMNS.join(","),
    ...rows.map((row) => BAR_COLUMNS.map((column) => String(row[column])).join(",")),
  ].join("\n");
  try {
    return parseBarsCsv(csv, { source: `${where}.rows`, ...range });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // Line 1 is the header, so line n holds row n - 2.
    const row = error.line === null ? "" : `[${error.line - 2}]`;
    const column = error.column === null ? "" : `.${BAR_COLUMNS[error.column - 1]}`;
    const reason = error.message.slice(error.message.indexOf(": ") + 2);
    throw new ApiError(400, "invalid_bars", `${where}.rows${row}${column}: ${reason}`, {
      details: [{ field: `${where}.rows${row}${column}`, message: reason }],
    });
  }
}
