import { runTaskItems, type SweepTask } from "./plan.ts";

/**
 * Runs the items of a sweep task on threads. The sweep itself does no I/O: the edge that calls it
 * (the CLI, the API, a notebook) passes a pool of worker threads (`workerThreadPool` in
 * worker_pool.ts) or lets the sweep use {@link IN_THREAD_POOL}.
 */
export interface SweepPool {
  /** Threads a sweep uses when its request does not say. */
  readonly size: number;
  /** Runs `task` on `threads` threads until no item is left; rejects with a failed item's error. */
  run(task: SweepTask, threads: number): Promise<void>;
}

/** Runs every item in the calling thread, one after another; the default pool. */
export const IN_THREAD_POOL: SweepPool = {
  size: 1,
  run: (task) => new Promise<void>((resolve) => resolve(runTaskItems(task))),
};
