import type { StrategyId } from "../../strategies/mod.ts";
import type { BacktestOptions } from "../options.ts";
import { ACCUMULATOR_FIELDS, type SweepAccumulators, sweepChunk, type SweepSymbol } from "./run.ts";

const WIDTH = ACCUMULATOR_FIELDS.length;

/** About this many work items per sweep, so threads that start late still get a fair share. */
const TARGET_ITEMS = 64;

/**
 * A sweep cut into work items: contiguous symbol chunks of about equal bar count, times
 * contiguous ranges of combinations. The cut depends only on the universe and the number of
 * combinations, never on how many threads run it, so the summed rows are the same bits whichever
 * thread runs which item and however many there are.
 */
export interface SweepPlan {
  /** `[from, to)` ranges of symbol indexes. */
  readonly symbolChunks: readonly (readonly [number, number])[];
  /** `[from, to)` ranges of combination indexes. */
  readonly comboChunks: readonly (readonly [number, number])[];
}

/** What a thread needs to run items of a plan; `sums` and `next` are shared between threads. */
export interface SweepTask {
  readonly strategy: StrategyId;
  readonly combos: readonly unknown[];
  readonly universe: readonly SweepSymbol[];
  readonly options: BacktestOptions;
  readonly plan: SweepPlan;
  /** Per symbol chunk, per combination: {@link ACCUMULATOR_FIELDS}, on a SharedArrayBuffer. */
  readonly sums: Float64Array;
  /** `next[0]` is the next item to claim, on a SharedArrayBuffer. */
  readonly next: Int32Array;
}

/** Cuts `universe` × `comboCount` combinations into about {@link TARGET_ITEMS} items. */
export function sweepPlan(universe: readonly SweepSymbol[], comboCount: number): SweepPlan {
  const symbolChunks = splitByBars(universe, Math.min(universe.length, TARGET_ITEMS));
  const comboParts = Math.min(comboCount, Math.ceil(TARGET_ITEMS / symbolChunks.length));
  return { symbolChunks, comboChunks: splitRange(comboCount, comboParts) };
}

/** Number of items in a plan. */
export function planItems(plan: SweepPlan): number {
  return plan.symbolChunks.length * plan.comboChunks.length;
}

/** A task with fresh shared sums and counter for `plan`. */
export function sweepTask(
  strategy: StrategyId,
  combos: readonly unknown[],
  universe: readonly SweepSymbol[],
  options: BacktestOptions,
  plan: SweepPlan,
): SweepTask {
  const size = plan.symbolChunks.length * combos.length * WIDTH;
  return {
    strategy,
    combos,
    universe,
    options,
    plan,
    sums: new Float64Array(new SharedArrayBuffer(size * Float64Array.BYTES_PER_ELEMENT)),
    next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  };
}

/**
 * Claims and runs items of `task` until none are left; several threads may do this at once.
 * After an error no further items are claimed by anyone, and the error is thrown.
 */
export function runTaskItems(task: SweepTask): void {
  const { plan, combos, sums } = task;
  const items = planItems(plan);
  const perCombo = plan.comboChunks.length;
  for (let item = Atomics.add(task.next, 0, 1); item < items; item = Atomics.add(task.next, 0, 1)) {
    const [symbolFrom, symbolTo] = plan.symbolChunks[Math.floor(item / perCombo)] as [
      number,
      number,
    ];
    const [comboFrom, comboTo] = plan.comboChunks[item % perCombo] as [number, number];
    try {
      const part = sweepChunk(
        task.strategy,
        combos.slice(comboFrom, comboTo),
        task.universe.slice(symbolFrom, symbolTo),
        task.options,
      );
      sums.set(part, (Math.floor(item / perCombo) * combos.length + comboFrom) * WIDTH);
    } catch (error) {
      Atomics.store(task.next, 0, items);
      throw error;
    }
  }
}

/** The per-combination sums of a finished task, symbol chunks added in order. */
export function taskSums(task: SweepTask): SweepAccumulators {
  const span = task.combos.length * WIDTH;
  const total = new Float64Array(span);
  for (let chunk = 0; chunk < task.plan.symbolChunks.length; chunk++) {
    const at = chunk * span;
    for (let i = 0; i < span; i++) total[i] = (total[i] as number) + (task.sums[at + i] as number);
  }
  return total;
}

/** Contiguous `[from, to)` symbol ranges of about equal total bar count, at most `parts`, none empty. */
function splitByBars(universe: readonly SweepSymbol[], parts: number): [number, number][] {
  const total = universe.reduce((sum, s) => sum + s.bars.close.length, 0);
  const chunks: [number, number][] = [];
  let from = 0;
  let done = 0;
  for (let i = 0; i < universe.length; i++) {
    done += (universe[i] as SweepSymbol).bars.close.length;
    if (done >= total * (chunks.length + 1) / parts && chunks.length < parts - 1) {
      chunks.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < universe.length) chunks.push([from, universe.length]);
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
