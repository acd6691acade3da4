/**
 * A simulator that engines in child processes share with the test: it runs on a realtime clock
 * from {@link OPEN_SESSION}, and {@link CrashSim} is what a child needs to reach it and follow its
 * clock. {@link brokerOn} builds the KIS client every side of such a test uses.
 * @module
 */
import { KisBroker } from "../../core/broker/kis/mod.ts";
import {
  type SimEnv,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../core/kis-sim/mod.ts";
import { OPEN_SESSION } from "./simulator.ts";

/** Where the simulator listens and whose account the engine trades. */
export interface CrashSim {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly env: SimEnv;
  readonly appKey: string;
  readonly appSecret: string;
  readonly account: string;
  /** Simulated minus wall epoch ms: the engine's clock follows the simulator's realtime clock. */
  readonly offsetMs: number;
}

/** A simulator shared with child processes, its address for them, and its clock. */
export interface SharedSimulator extends AsyncDisposable {
  readonly sim: Simulator;
  readonly shared: CrashSim;
  /** The simulated instant, epoch ms, as every process computes it. */
  readonly now: () => number;
}

/**
 * Starts a simulator in the continuous session (realtime from {@link OPEN_SESSION}, no pings, no
 * rate limit, ₩10,000,000,000 of cash unless `options` say otherwise).
 */
export async function startSharedSimulator(
  seed: number,
  options: SimulatorOptions = {},
): Promise<SharedSimulator> {
  const sim = await startSimulator({
    seed,
    clock: { mode: "realtime", start: OPEN_SESSION },
    pingIntervalMs: 0,
    rateLimit: false,
    cash: 10_000_000_000,
    ...options,
  });
  const offsetMs = sim.clock.now().getTime() - Date.now();
  const shared: CrashSim = {
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    env: sim.env,
    appKey: sim.credentials.appKey,
    appSecret: sim.credentials.appSecret,
    account: sim.credentials.account,
    offsetMs,
  };
  return {
    sim,
    shared,
    now: () => Date.now() + offsetMs,
    [Symbol.asyncDispose]: () => sim.close(),
  };
}

/**
 * A KIS client on the shared simulator, its tokens and rate budget in `kv`, its clock the
 * simulator's (`requestsPerSecond` as KisBroker's option).
 */
export function brokerOn(shared: CrashSim, kv: Deno.Kv, requestsPerSecond?: number): KisBroker {
  const now = () => Date.now() + shared.offsetMs;
  return new KisBroker({
    env: shared.env,
    credentials: { appKey: shared.appKey, appSecret: shared.appSecret },
    account: shared.account,
    kv,
    restUrl: shared.restUrl,
    wsUrl: shared.wsUrl,
    clock: { now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    requestsPerSecond,
  });
}
