import type { StrategyId } from "../strategies/mod.ts";
import type { BacktestOptions } from "./options.ts";
import { gridCombinations, type ParamGrid } from "./sweep_grid.ts";
import { planItems, sweepPlan, sweepTask, taskSums } from "./sweep_plan.ts";
import { runOnPool } from "./sweep_pool.ts";
import {
  type SweepAccumulators,
  sweepChunk,
  type SweepObjective,
  type SweepRow,
  sweepRows,
  type SweepSymbol,
} from "./sweep_run.ts";

/** A grid search: every combination of `grid` backtested on every symbol of `universe`. */
export interface SweepRequest {
  readonly strategy: StrategyId;
  readonly grid: ParamGrid;
  readonly universe: readonly SweepSymbol[];
  readonly options: BacktestOptions;
  /** Metric to rank by (default `sharpe`). */
  readonly objective?: SweepObjective;
  /** Worker threads to use; 0 runs in the calling thread. Default: one per core. */
  readonly workers?: number;
}

/** Rows ranked by score, best first (undefined scores last). */
export interface SweepResult {
  readonly rows: readonly SweepRow[];
  readonly best: SweepRow | null;
}

/**
 * Runs a grid search, in the calling thread or on a pool of worker threads that claim chunks of
 * symbols (and of combinations) as they become free. Bars backed by a `SharedArrayBuffer` reach
 * the threads without a copy. Chunk sums are added in a fixed order, so the rows are the same
 * bits for any number of workers, though they may differ from a calling-thread run in the last
 * bits of the means.
 */
export async function sweep(request: SweepRequest): Promise<SweepResult> {
  const combos = gridCombinations(request.strategy, request.grid);
  const objective = request.objective ?? "sharpe";
  const workers = request.workers ?? navigator.hardwareConcurrency;
  const sums = workers <= 0
    ? sweepChunk(request.strategy, combos, request.universe, request.options)
    : await inWorkers(request, combos, workers);
  return rank(sweepRows(combos, sums, objective));
}

/** Ranks rows by score, best first, rows without a score last. */
function rank(rows: SweepRow[]): SweepResult {
  const sorted = rows.slice().sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  return { rows: sorted, best: sorted[0] ?? null };
}

async function inWorkers(
  request: SweepRequest,
  combos: readonly unknown[],
  workers: number,
): Promise<SweepAccumulators> {
  const plan = sweepPlan(request.universe, combos.length);
  const task = sweepTask(request.strategy, combos, request.universe, request.options, plan);
  await runOnPool(task, Math.min(workers, planItems(plan)));
  return taskSums(task);
}
