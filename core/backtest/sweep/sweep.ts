import type { StrategyId } from "../../strategies/mod.ts";
import type { BacktestOptions } from "../options.ts";
import { gridCombinations, type ParamGrid } from "./grid.ts";
import { planItems, sweepPlan, sweepTask, taskSums } from "./plan.ts";
import { IN_THREAD_POOL, type SweepPool } from "./pool.ts";
import {
  type SweepAccumulators,
  sweepChunk,
  type SweepObjective,
  type SweepRow,
  sweepRows,
  type SweepSymbol,
} from "./run.ts";

/** A grid search: every combination of `grid` backtested on every symbol of `universe`. */
export interface SweepRequest {
  readonly strategy: StrategyId;
  readonly grid: ParamGrid;
  readonly universe: readonly SweepSymbol[];
  readonly options: BacktestOptions;
  /** Metric to rank by (default `sharpe`). */
  readonly objective?: SweepObjective;
  /**
   * Threads to run on; 0 runs the whole sweep in the calling thread in one piece. Default: the
   * pool's size, or 0 without a pool.
   */
  readonly workers?: number;
  /** Where the threads come from (default {@link IN_THREAD_POOL}); see {@link SweepPool}. */
  readonly pool?: SweepPool;
}

/** Rows ranked by score, best first (undefined scores last). */
export interface SweepResult {
  readonly rows: readonly SweepRow[];
  readonly best: SweepRow | null;
}

/**
 * Runs a grid search, in the calling thread or on a pool's threads, which claim chunks of symbols
 * (and of combinations) as they become free. Bars backed by a `SharedArrayBuffer` reach worker
 * threads without a copy. Chunk sums are added in a fixed order, so the rows are the same bits
 * for any number of threads and any pool, though they may differ from a `workers: 0` run in the
 * last bits of the means.
 */
export async function sweep(request: SweepRequest): Promise<SweepResult> {
  const combos = gridCombinations(request.strategy, request.grid);
  const objective = request.objective ?? "sharpe";
  const pool = request.pool ?? IN_THREAD_POOL;
  const workers = request.workers ?? (request.pool === undefined ? 0 : pool.size);
  const sums = workers <= 0
    ? sweepChunk(request.strategy, combos, request.universe, request.options)
    : await inPool(request, combos, pool, workers);
  return rank(sweepRows(combos, sums, objective));
}

/** Ranks rows by score, best first, rows without a score last. */
function rank(rows: SweepRow[]): SweepResult {
  const sorted = rows.slice().sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  return { rows: sorted, best: sorted[0] ?? null };
}

async function inPool(
  request: SweepRequest,
  combos: readonly unknown[],
  pool: SweepPool,
  workers: number,
): Promise<SweepAccumulators> {
  const plan = sweepPlan(request.universe, combos.length);
  const task = sweepTask(request.strategy, combos, request.universe, request.options, plan);
  await pool.run(task, Math.min(workers, planItems(plan)));
  return taskSums(task);
}
