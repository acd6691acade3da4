/**
 * What a lab job computes: a run is `POST /backtests`'s report on the stored request; a sweep is
 * core/backtest's `sweep` over the grid, one slice per value of the grid's first parameter so the
 * job can report progress (and let other work in) between slices.
 * @module
 */
import {
  backtestOptionsSchema,
  type BacktestReport,
  gridCombinations,
  sweep,
  type SweepRow,
} from "../backtest/mod.ts";
import type { DailyBarSource } from "../data/mod.ts";
import { StrategyParamsError } from "../strategies/mod.ts";
import { ApiError } from "../api/errors.ts";
import type { BacktestRequest } from "../api/backtest_input.ts";
import type { BacktestSweepRequest } from "../api/backtest_sweep_input.ts";
import { loadRequestSeries, reportFor, requestParams } from "../api/backtest_run.ts";

/** Reports how far a job is, 0..1; throws to stop the job (it was deleted or taken over). */
export type ReportProgress = (fraction: number) => Promise<void>;

/** A job's outcome: the result stored as parts, and a run's metrics for the record. */
export interface Execution {
  readonly result: unknown;
  readonly metrics: Record<string, number | null> | null;
}

/** Share of the progress bar given to loading bars; the rest is computing. */
const LOADING_SHARE = 0.3;

/** Runs a backtest request as `POST /api/v1/backtests` does, reporting progress per series. */
export async function executeRun(
  request: BacktestRequest,
  source: DailyBarSource | undefined,
  progress: ReportProgress,
): Promise<Execution> {
  const params = requestParams(request);
  const series = await loadRequestSeries(
    request,
    source,
    (done, total) => progress(LOADING_SHARE * done / total),
  );
  const report: BacktestReport = reportFor(request, params, series);
  return { result: report, metrics: finiteMetrics(report.metrics) };
}

/** The metrics with any non-finite figure as null, as JSON would carry it. */
function finiteMetrics(metrics: object): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => [
      name,
      typeof value === "number" && Number.isFinite(value) ? value : null,
    ]),
  );
}

/** What a sweep stores: its inputs' names and the ranked rows, best first. */
export interface SweepOutcome {
  readonly strategy: string;
  readonly objective: BacktestSweepRequest["objective"];
  readonly grid: BacktestSweepRequest["grid"];
  readonly rows: readonly SweepRow[];
}

/**
 * The combinations of a sweep's grid, parsed by the strategy's schema; a grid whose every
 * combination is refused is `ApiError` 400 naming `body.grid`.
 */
export function sweepCombinations(request: BacktestSweepRequest): unknown[] {
  try {
    return gridCombinations(request.strategy, request.grid);
  } catch (error) {
    if (!(error instanceof StrategyParamsError)) throw error;
    throw new ApiError(400, "invalid_params", error.message, {
      details: error.problems.map((message) => ({ field: "body.grid", message })),
    });
  }
}

/** Runs a sweep, one slice of the grid at a time, reporting progress after each. */
export async function executeSweep(
  request: BacktestSweepRequest,
  source: DailyBarSource | undefined,
  progress: ReportProgress,
): Promise<Execution> {
  sweepCombinations(request);
  const options = backtestOptionsSchema.parse({
    cash: request.cash,
    feeRate: request.feeRate,
    taxRate: request.taxRate,
    slippage: request.slippage,
    fill: request.fill,
    market: request.market,
  });
  const universe = await loadRequestSeries(
    request,
    source,
    (done, total) => progress(LOADING_SHARE * done / total),
  );
  const [first] = Object.keys(request.grid) as [string];
  const values = request.grid[first] ?? [];
  const rows: SweepRow[] = [];
  for (const [i, value] of values.entries()) {
    const grid = { ...request.grid, [first]: [value] };
    try {
      const slice = await sweep({
        strategy: request.strategy,
        grid,
        universe,
        options,
        objective: request.objective,
      });
      rows.push(...slice.rows);
    } catch (error) {
      // every combination of this slice is refused (say fast ≥ slow); others may not be
      if (!(error instanceof StrategyParamsError)) throw error;
    }
    await progress(LOADING_SHARE + (1 - LOADING_SHARE) * (i + 1) / values.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  rows.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  const outcome: SweepOutcome = {
    strategy: request.strategy,
    objective: request.objective,
    grid: request.grid,
    rows,
  };
  return { result: outcome, metrics: null };
}
