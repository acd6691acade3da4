import { Worker } from "node:worker_threads";
/**
 * A {@link SweepPool} of `node:worker_threads`: I/O, so only edges (the CLI, the API, notebooks,
 * benches and tests) import this module and hand the pool to `sweep`.
 * @module
 */
import type { SweepTask } from "./plan.ts";
import type { SweepPool } from "./pool.ts";

/** A worker's answer to one task: nothing, or why an item failed. */
interface Reply {
  readonly error?: string;
}

/**
 * One pooled thread. A node:worker_threads Worker, because only it can be unreferenced so that
 * an idle pool lets the process exit; each task travels over a MessageChannel of its own, which
 * clones a market in tens of milliseconds where that Worker's own postMessage takes seconds.
 */
class PoolWorker {
  readonly #worker: Worker;
  readonly #pending = new Set<(error: Error) => void>();

  constructor(onExit: (member: PoolWorker) => void) {
    this.#worker = new Worker(new URL("./worker.ts", import.meta.url));
    this.#worker.unref();
    const fail = (error: Error) => {
      onExit(this);
      for (const reject of this.#pending) {
        reject(new Error(`sweep worker failed: ${error.message}`));
      }
      this.#pending.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code: number) => fail(new Error(`thread exited with code ${code}`)));
  }

  /** Runs `task` on this thread; the open channel keeps the process alive until it answers. */
  run(task: SweepTask): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        port1.close();
        this.#pending.delete(settle);
        if (error === undefined) resolve();
        else reject(error);
      };
      this.#pending.add(settle);
      port1.onmessage = (event: MessageEvent<Reply>) => {
        const { error } = event.data;
        settle(error === undefined ? undefined : new Error(`sweep worker failed: ${error}`));
      };
      // The port itself must go through the Worker's own channel; node's types do not know web ports.
      this.#worker.postMessage({ port: port2 }, [port2 as never]);
      port1.postMessage(task);
    });
  }
}

/** The process's worker threads, shared by every pool this module hands out. */
const pool: PoolWorker[] = [];

/**
 * A pool of worker threads that claim a task's items until none are left, `size` threads by
 * default (one per core). Threads are started on first use and kept, unreferenced, for later
 * sweeps: a process exits as if they were not there, and the next sweep skips their start-up.
 */
export function workerThreadPool(size = navigator.hardwareConcurrency): SweepPool {
  return { size, run: runOnPool };
}

async function runOnPool(task: SweepTask, threads: number): Promise<void> {
  while (pool.length < threads) {
    pool.push(
      new PoolWorker((member) => {
        const at = pool.indexOf(member);
        if (at >= 0) pool.splice(at, 1);
      }),
    );
  }
  await Promise.all(pool.slice(0, threads).map((member) => member.run(task)));
}
