/**
 * Web Worker entry for {@link sweep}: runs one {@link SweepJob} and posts back its sums.
 * @module
 */
import type { SweepJob } from "./sweep.ts";
import { sweepChunk } from "./sweep_run.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<SweepJob>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const job = event.data;
  try {
    const sums = sweepChunk(job.strategy, job.combos, job.universe, job.options);
    scope.postMessage({ sums }, [sums.buffer]);
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
