/**
 * The running app's services, built from its settings: with no KIS keys the embedded demo (the
 * KIS simulator in-process on loopback with the `demo` clock, and a `KisBroker` pointed at it),
 * with keys a `KisBroker` on KIS; in both cases the store.
 * @module
 */
import type { Broker } from "../broker/types.ts";
import { KisBroker } from "../broker/kis/mod.ts";
import { SIMULATED_LABEL, type Simulator, startSimulator } from "../kis-sim/mod.ts";
import { openStore, type Store } from "../store/mod.ts";
import type { RuntimeEnv } from "./env.ts";

/** Settled cash of the demo account in won. */
export const DEMO_CASH = 10_000_000;

/** The app's services; `await using` (or `close`) shuts down the broker, simulator and store. */
export interface AppServices extends AsyncDisposable {
  readonly mode: RuntimeEnv["mode"];
  /** What the market is, for a log line or a banner: 모의 시장 in the demo. */
  readonly label: string;
  readonly store: Store;
  readonly broker: Broker;
  /** The embedded market, in the demo only. */
  readonly simulator?: Simulator;
  /** Closes everything once; later calls wait for the first. */
  close(): Promise<void>;
}

/**
 * Opens the store and starts the broker (and in the demo the simulator) that `env` describes.
 * @example
 * ```ts
 * await using services = await startServices(parseRuntimeEnv(Deno.env.toObject()));
 * ```
 */
export async function startServices(env: RuntimeEnv): Promise<AppServices> {
  const store = await openStore({ path: env.kvPath });
  let simulator: Simulator | undefined;
  try {
    let broker: KisBroker;
    if (env.mode === "demo") {
      simulator = await startSimulator({ clock: { mode: "demo" }, cash: DEMO_CASH });
      broker = new KisBroker({
        env: simulator.env,
        credentials: simulator.credentials,
        account: simulator.credentials.account,
        htsId: simulator.credentials.htsId,
        kv: store.kv,
        restUrl: simulator.restUrl,
        wsUrl: simulator.wsUrl,
      });
    } else {
      broker = new KisBroker({
        env: env.kis.KIS_ENV,
        credentials: { appKey: env.kis.KIS_APP_KEY, appSecret: env.kis.KIS_APP_SECRET },
        account: env.kis.KIS_ACCOUNT,
        htsId: env.kis.KIS_HTS_ID,
        kv: store.kv,
        restUrl: env.kis.KIS_REST_URL,
        wsUrl: env.kis.KIS_WS_URL,
      });
    }
    let closing: Promise<void> | undefined;
    const close = () =>
      closing ??= (async () => {
        try {
          await broker.close();
          await simulator?.close();
        } finally {
          store.close();
        }
      })();
    return {
      mode: env.mode,
      label: env.mode === "demo" ? SIMULATED_LABEL : `KIS ${env.kis.KIS_ENV}`,
      store,
      broker,
      simulator,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await simulator?.close();
    store.close();
    throw error;
  }
}
