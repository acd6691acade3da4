import type { StrategyId } from "../strategies/mod.ts";
import type { BacktestOptions } from "./options.ts";
import { gridCombinations, type ParamGrid } from "./sweep_grid.ts";
import {
  ACCUMULATOR_FIELDS,
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

/** The message a sweep worker receives. */
export interface SweepJob {
  readonly strategy: StrategyId;
  readonly combos: readonly unknown[];
  readonly universe: readonly SweepSymbol[];
  readonly options: BacktestOptions;
}

/**
 * Runs a grid search, spread over Web Workers by symbol (or by combination when there are fewer
 * symbols than workers). Bars backed by a `SharedArrayBuffer` reach workers without a copy.
 * Sums from different workers are added in a fixed order, so results are reproducible but may
 * differ from a single-thread run in the last bits of the means.
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
  const width = ACCUMULATOR_FIELDS.length;
  const bySymbol = request.universe.length >= workers;
  const parts = bySymbol
    ? splitByBars(request.universe, workers).map((universe) => ({
      universe,
      from: 0,
      to: combos.length,
    }))
    : splitRange(combos.length, workers).map(([from, to]) => ({
      universe: request.universe,
      from,
      to,
    }));
  const results = await Promise.all(parts.map((part) =>
    runWorker({
      strategy: request.strategy,
      combos: combos.slice(part.from, part.to),
      universe: part.universe,
      options: request.options,
    })
  ));
  const sums = new Float64Array(combos.length * width);
  results.forEach((partial, i) => {
    const offset = (parts[i] as { from: number }).from * width;
    for (let j = 0; j < partial.length; j++) {
      sums[offset + j] = (sums[offset + j] as number) + (partial[j] as number);
    }
  });
  return sums;
}

function runWorker(job: SweepJob): Promise<SweepAccumulators> {
  const worker = new Worker(new URL("./sweep_worker.ts", import.meta.url), { type: "module" });
  return new Promise<SweepAccumulators>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ sums?: Float64Array; error?: string }>) => {
      worker.terminate();
      if (event.data.sums !== undefined) resolve(event.data.sums);
      else reject(new Error(`sweep worker failed: ${event.data.error}`));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`sweep worker failed: ${event.message}`));
    };
    worker.postMessage(job);
  });
}

/** Contiguous chunks of about equal total bar count, at most `parts` of them, none empty. */
function splitByBars(universe: readonly SweepSymbol[], parts: number): SweepSymbol[][] {
  const total = universe.reduce((sum, s) => sum + s.bars.close.length, 0);
  const chunks: SweepSymbol[][] = [];
  let current: SweepSymbol[] = [];
  let done = 0;
  for (const item of universe) {
    current.push(item);
    done += item.bars.close.length;
    if (done >= total * (chunks.length + 1) / parts && chunks.length < parts - 1) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function splitRange(n: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let i = 0; i < parts; i++) {
    const from = Math.floor(n * i / parts);
    const to = Math.floor(n * (i + 1) / parts);
    if (to > from) ranges.push([from, to]);
  }
  return ranges;
}
