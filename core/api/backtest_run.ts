/**
 * Runs a validated backtest request exactly as `deno task backtest` runs its files: the same
 * parsing of bars, the same engine, the same report. A series named only by symbol gets the
 * broker's daily bars, which go through the same parser as rows sent inline.
 * @module
 */
import { backtestOptionsSchema, type BacktestReport, backtestReport } from "../backtest/mod.ts";
import { BrokerError } from "../broker/errors.ts";
import {
  BAR_COLUMNS,
  type BarRow,
  CsvError,
  type DailyBarSource,
  parseBarsCsv,
} from "../data/mod.ts";
import { type IsoDate, parseIsoDate, type SymbolCode } from "../krx/mod.ts";
import {
  type Bars,
  getStrategy,
  parseStrategyParams,
  StrategyParamsError,
} from "../strategies/mod.ts";
import { type BacktestRequest, isBySymbol, MAX_ROWS } from "./backtest_input.ts";
import { ApiError, type ErrorDetail, fieldName } from "./errors.ts";

/** The request's `from` and `to` as dates (the schema checked them). */
function requestRange(request: { from?: string; to?: string }): { from?: IsoDate; to?: IsoDate } {
  return {
    from: request.from === undefined ? undefined : parseIsoDate(request.from),
    to: request.to === undefined ? undefined : parseIsoDate(request.to),
  };
}

/** One series' symbol and its parsed bars, ready for the engine. */
export interface LoadedSeries {
  readonly symbol: string;
  readonly bars: Bars;
}

/**
 * The report for `request`, its bars from {@link loadRequestSeries}. Throws `ApiError` 400 naming
 * the parameter or bar at fault, 422 when valid input is outside what the engine computes or a
 * symbol has no bars, and 503 when a series needs the broker and there is none.
 */
export async function runBacktestRequest(
  request: BacktestRequest,
  source?: DailyBarSource,
): Promise<BacktestReport> {
  const params = requestParams(request);
  return reportFor(request, params, await loadRequestSeries(request, source));
}

/**
 * Every series of `request` as bars: inline CSV or rows parsed, a series named only by symbol
 * fetched from `source`. Errors are `ApiError`s naming the series (see {@link runBacktestRequest}).
 */
export async function loadRequestSeries(
  request: Pick<BacktestRequest, "series" | "from" | "to">,
  source?: DailyBarSource,
  onLoaded?: (done: number, total: number) => Promise<void>,
): Promise<LoadedSeries[]> {
  const range = requestRange(request);
  const loaded: LoadedSeries[] = [];
  for (const [i, s] of request.series.entries()) {
    if (!isBySymbol(s)) {
      loaded.push({ symbol: s.symbol, bars: seriesBars(s, i, range) });
      await onLoaded?.(i + 1, request.series.length);
      continue;
    }
    const rows = await fetchedRows(s.symbol as SymbolCode, i, range, source);
    try {
      loaded.push({ symbol: s.symbol, bars: seriesBars({ ...s, rows }, i, range) });
    } catch (error) {
      // the broker's bars, not the caller's: refused as unusable input, naming the series
      if (!(error instanceof ApiError)) throw error;
      const message = `the broker's bars of ${s.symbol}: ${error.message}`;
      throw new ApiError(422, "invalid_bars", message, {
        details: [{ field: `body.series[${i}]`, message }],
      });
    }
    await onLoaded?.(i + 1, request.series.length);
  }
  return loaded;
}

/**
 * Parses the inline series of `request` as {@link loadRequestSeries} would, without fetching the
 * ones named by symbol: a queued job's bad bar is the queuing request's 400, named as there.
 */
export function checkInlineSeries(request: Pick<BacktestRequest, "series" | "from" | "to">): void {
  const range = requestRange(request);
  for (const [i, s] of request.series.entries()) {
    if (!isBySymbol(s)) seriesBars(s, i, range);
  }
}

/** The report of `series` under `request`'s strategy and options, as the CLI computes it. */
export function reportFor(
  request: Omit<BacktestRequest, "series">,
  params: unknown,
  series: readonly LoadedSeries[],
): BacktestReport {
  const options = backtestOptionsSchema.parse({
    cash: request.cash,
    feeRate: request.feeRate,
    taxRate: request.taxRate,
    slippage: request.slippage,
    fill: request.fill,
    market: request.market,
  });
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

async function fetchedRows(
  symbol: SymbolCode,
  index: number,
  range: { from?: IsoDate; to?: IsoDate },
  source: DailyBarSource | undefined,
): Promise<BarRow[]> {
  const where = `body.series[${index}]`;
  const { from, to } = range;
  // the request schema asks for both dates whenever a series is named only by symbol
  if (from === undefined || to === undefined) throw new Error(`${where} has no date range`);
  if (from > to) {
    throw new ApiError(400, "validation_failed", `from (${from}) is after to (${to})`, {
      details: [{ field: "body.from", message: `${from} is after to (${to})` }],
    });
  }
  if (source === undefined) {
    throw new ApiError(503, "broker_unavailable", `${where}: no broker is configured for bars`);
  }
  let rows: BarRow[];
  try {
    rows = await source.bars(symbol, { from, to });
  } catch (error) {
    if (error instanceof BrokerError && error.category === "invalid_symbol") {
      const message = `the broker does not know ${symbol}`;
      throw new ApiError(422, "unknown_symbol", `${where}.symbol: ${message}`, {
        details: [{ field: `${where}.symbol`, message }],
      });
    }
    throw error;
  }
  if (rows.length === 0) {
    const message = `the broker has no bars of ${symbol} from ${from} to ${to}`;
    throw new ApiError(422, "no_bars", `${where}: ${message}`, {
      details: [{ field: where, message }],
    });
  }
  if (rows.length > MAX_ROWS) {
    const message = `${rows.length} bars of ${symbol} from ${from} to ${to}; at most ${MAX_ROWS}`;
    throw new ApiError(422, "too_many_bars", `${where}: ${message}`, {
      details: [{ field: where, message }],
    });
  }
  return rows;
}

/** The strategy parameters of `request`, parsed; a bad one is `ApiError` 400 naming it. */
export function requestParams(request: BacktestRequest): unknown {
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
