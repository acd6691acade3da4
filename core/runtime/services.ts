/**
 * The running app's services, built from its settings: with no KIS keys the embedded demo (the
 * KIS simulator in-process on loopback with the `demo` clock, and a `KisBroker` pointed at it),
 * with keys a `KisBroker` on KIS; in both cases the store, on the simulated clock in the demo.
 * @module
 */
import { KisBroker, type RateBudgetSharing } from "../broker/kis/mod.ts";
import {
  demoResumeStart,
  SIMULATED_LABEL,
  type Simulator,
  startSimulator,
  storedLedgerDate,
} from "../kis-sim/mod.ts";
import { appMetrics } from "../obs/metrics.ts";
import { openStore, type Store } from "../store/mod.ts";
import { kisAccountOptions, type RuntimeEnv } from "./env.ts";

/** Settled cash of the demo account in won. */
export const DEMO_CASH = 10_000_000;

/** The app's services; `await using` (or `close`) shuts down the broker, simulator and store. */
export interface AppServices extends AsyncDisposable {
  readonly mode: RuntimeEnv["mode"];
  /** What the market is, for a log line or a banner: 모의 시장 in the demo. */
  readonly label: string;
  /** The traded account's id in the store (`12345678-01`; the simulator's in the demo). */
  readonly accountId: string;
  /** Its clock is the market's: the simulator's in the demo, the wall clock with KIS. */
  readonly store: Store;
  /** Orders, quotes and the realtime stream; also KIS's holiday inquiry. */
  readonly broker: KisBroker;
  /** The broker's KIS app key; one process per key holds the realtime stream (by its hash). */
  readonly appKey: string;
  /** The embedded market, in the demo only. */
  readonly simulator?: Simulator;
  /** Closes everything once; later calls wait for the first. */
  close(): Promise<void>;
}

/** Choices beyond the runtime's environment. */
export interface ServiceOptions {
  /**
   * The broker's rate budget (`KIS_RATE_BUDGET`, core/config/kis_rate_budget.ts): default
   * `leased` in the demo, whose token store nothing else uses, and `shared` with KIS keys, since
   * web and worker processes may share the key; `leased` suits a process that is the key's only
   * user (one `ROLE=all` process, or a worker whose web process does not call KIS).
   */
  readonly rateBudget?: RateBudgetSharing;
}

/**
 * Opens the store and starts the broker (and in the demo the simulator) that `env` describes.
 * @example
 * ```ts
 * await using services = await startServices(parseRuntimeEnv(Deno.env.toObject()));
 * ```
 */
export async function startServices(
  env: RuntimeEnv,
  options: ServiceOptions = {},
): Promise<AppServices> {
  const rateBudget = options.rateBudget ?? (env.mode === "demo" ? "leased" : "shared");
  let simulator: Simulator | undefined;
  let store: Store | undefined;
  let tokenKv: Deno.Kv | undefined;
  try {
    let broker: KisBroker;
    if (env.mode === "demo") {
      // the store's clock, and with it the journal's risk checks and the jobs' guards, is the
      // simulated market's (open whatever the wall-clock hour) once the simulator runs; the
      // simulator keeps its ledger in the same store, so a restart finds its accounts and orders
      let now = Date.now;
      store = await openStore({ path: env.kvPath, now: () => now() });
      const start = demoResumeStart(new Date(), await storedLedgerDate(store.kv));
      const sim = simulator = await startSimulator({
        clock: { mode: "demo", start },
        cash: DEMO_CASH,
        kv: store.kv,
      });
      now = () => sim.clock.now().getTime();
      // every start is a new simulator with the same keys: a token cached in the store by the
      // last one would be refused, and a new one held back by the issuance interval
      tokenKv = await Deno.openKv(":memory:");
      broker = new KisBroker({
        env: sim.env,
        credentials: sim.credentials,
        account: sim.credentials.account,
        htsId: sim.credentials.htsId,
        kv: tokenKv,
        restUrl: sim.restUrl,
        wsUrl: sim.wsUrl,
        metrics: appMetrics.kis,
        rateBudget,
      });
    } else {
      store = await openStore({ path: env.kvPath });
      broker = new KisBroker({
        ...kisAccountOptions(env.kis),
        kv: store.kv,
        metrics: appMetrics.kis,
        rateBudget,
      });
    }
    const opened = store;
    let closing: Promise<void> | undefined;
    const close = () =>
      closing ??= (async () => {
        try {
          await broker.close();
          await simulator?.close();
        } finally {
          tokenKv?.close();
          opened.close();
        }
      })();
    return {
      mode: env.mode,
      label: env.mode === "demo" ? SIMULATED_LABEL : `KIS ${env.kis.KIS_ENV}`,
      accountId: env.mode === "demo" ? simulator!.credentials.account : env.kis.KIS_ACCOUNT,
      store: opened,
      broker,
      appKey: env.mode === "demo" ? simulator!.credentials.appKey : env.kis.KIS_APP_KEY,
      simulator,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await simulator?.close();
    tokenKv?.close();
    store?.close();
    throw error;
  }
}
