/**
 * A lab on real parts: the simulator behind a real KisBroker, an in-memory store, and the app's
 * one queue dispatcher listening on the store's KV with the lab's handler, as main.ts wires it.
 * @module
 */
import assert from "node:assert/strict";
import { CachedBrokerBars } from "@/core/data/mod.ts";
import { QueueDispatcher } from "@/core/jobs/mod.ts";
import { labQueueHandler, type LabWorkerOptions } from "@/core/lab/mod.ts";
import { openStore, type Store } from "@/core/store/mod.ts";
import { type E2e, startE2e } from "../broker/kis/_e2e.ts";

/** The parts of a lab test; dispose to close them. */
export interface Lab extends AsyncDisposable {
  readonly e2e: E2e;
  readonly store: Store;
  readonly queue: QueueDispatcher;
  readonly bars: CachedBrokerBars;
}

/** Starts the simulator, the store and the listening dispatcher (`worker` tunes the handler). */
export async function startLab(worker: Partial<LabWorkerOptions> = {}): Promise<Lab> {
  const e2e = await startE2e();
  const store = await openStore({ path: ":memory:" });
  const bars = new CachedBrokerBars({ broker: e2e.broker, kv: store.kv });
  const queue = new QueueDispatcher(store.kv);
  queue.register(labQueueHandler({ store, bars, ...worker }));
  const listening = queue.listen();
  return {
    e2e,
    store,
    queue,
    bars,
    async [Symbol.asyncDispose]() {
      store.close();
      await listening;
      await e2e[Symbol.asyncDispose]();
    },
  };
}

/** Polls `read` until `done` holds of its value (real time, at most `limitMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  limitMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    assert.ok(Date.now() < deadline, `${what} did not happen in ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
