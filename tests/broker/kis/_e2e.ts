import type { StreamEvent } from "../../../core/broker/mod.ts";
import { type Clock, KisBroker, type KisBrokerOptions } from "../../../core/broker/kis/mod.ts";
import type { Simulator, SimulatorOptions } from "../../../core/kis-sim/mod.ts";
import { manualSimulator } from "../../_support/simulator.ts";

/**
 * The client's clock in an end-to-end test: the simulator's manual clock plus the real time that
 * has passed since the test began, so the client's token expiry and "today" follow simulated time
 * while its sleeps stay real (its rate budget keeps wall time: KisBroker's `rateClock`).
 */
export function followingClock(sim: Simulator): Clock {
  const began = performance.now();
  return {
    now: () => sim.clock.now().getTime() + Math.round(performance.now() - began),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  };
}

/** A simulator, an in-memory KV and a `KisBroker` wired to them; dispose to close all three. */
export interface E2e extends AsyncDisposable {
  readonly sim: Simulator;
  readonly kv: Deno.Kv;
  readonly broker: KisBroker;
  readonly clock: Clock;
  /** A second broker on the same simulator and KV (another component of the same app). */
  newBroker(overrides?: Partial<KisBrokerOptions>): KisBroker;
}

/** Starts the simulator on loopback with a manual clock (default: an open session) and a broker. */
export async function startE2e(
  options: SimulatorOptions = {},
  brokerOptions: Partial<KisBrokerOptions> = {},
): Promise<E2e> {
  const sim = await manualSimulator({ seed: 7, ...options });
  const kv = await Deno.openKv(":memory:");
  const clock = followingClock(sim);
  const brokers: KisBroker[] = [];
  const newBroker = (overrides: Partial<KisBrokerOptions> = {}) => {
    const broker = new KisBroker({
      env: sim.env,
      credentials: { appKey: sim.credentials.appKey, appSecret: sim.credentials.appSecret },
      account: sim.credentials.account,
      htsId: sim.credentials.htsId,
      kv,
      restUrl: sim.restUrl,
      wsUrl: sim.wsUrl,
      clock,
      reconnectInitialMs: 20,
      ...brokerOptions,
      ...overrides,
    });
    brokers.push(broker);
    return broker;
  };
  const broker = newBroker();
  return {
    sim,
    kv,
    broker,
    clock,
    newBroker,
    async [Symbol.asyncDispose]() {
      for (const each of brokers) await each.close();
      kv.close();
      await sim.close();
    },
  };
}

/** `promise`, or a failure naming `what` after `limitMs` of real time (a guard against a hang). */
export async function within<T>(promise: Promise<T>, what: string, limitMs = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen in ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads `stream` until `done` says the collected events are enough; fails after `limitMs` of real
 * time with what arrived so far (a guard against a hang, not a timing assertion).
 */
export async function collect(
  stream: AsyncIterable<StreamEvent>,
  done: (events: readonly StreamEvent[]) => boolean,
  limitMs = 10_000,
): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  const reading = (async () => {
    while (!done(events)) {
      const next = await iterator.next();
      if (next.done) break;
      events.push(next.value);
    }
    return events;
  })();
  return await within(reading, `the awaited records (got ${events.length})`, limitMs);
}
