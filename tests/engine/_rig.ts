import type { KisBroker } from "../../core/broker/kis/mod.ts";
import {
  type DailyReportHandler,
  type Engine,
  startEngine,
  TradingDesk,
} from "../../core/engine/mod.ts";
import type { Notification } from "../../core/notify/mod.ts";
import type { LogFields, LogLevel } from "../../core/obs/log.ts";
import { openStore, type Store } from "../../core/store/mod.ts";
import { saveStrategyConfig } from "../../core/trading/mod.ts";
import { type E2e, startE2e } from "../broker/kis/_e2e.ts";

/** One line the engine logged. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** One cron the engine registered, with the handler a test fires by hand. */
export interface Registered {
  readonly name: string;
  readonly expression: string;
  readonly handler: () => Promise<void>;
}

/**
 * The simulator (manual clock, seed 1 as in the demo) with a real `KisBroker` over loopback, a
 * store on the simulator's clock, the desk, and an engine whose crons are recorded, not run.
 */
export interface EngineRig extends AsyncDisposable {
  readonly e2e: E2e;
  readonly store: Store;
  readonly desk: TradingDesk;
  readonly engine: Engine;
  readonly registered: Registered[];
  readonly notified: Notification[];
  readonly lines: LogLine[];
}

/** What a rig may change. */
export interface EngineRigOptions {
  readonly dailyReport?: DailyReportHandler;
  /** The broker the engine uses instead of the rig's (e.g. one that cannot reach KIS). */
  readonly broker?: (e2e: E2e) => KisBroker;
  /** A KV file shared with another rig; default in-memory. */
  readonly path?: string;
  /** An existing simulator setup to share (two engines on one market). */
  readonly e2e?: E2e;
}

/** Starts an {@link EngineRig}; the ma-cross config of the demo is saved and enabled. */
export async function startEngineRig(options: EngineRigOptions = {}): Promise<EngineRig> {
  const e2e = options.e2e ??
    await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const store = await openStore({
    path: options.path ?? ":memory:",
    now: () => e2e.sim.clock.now().getTime(),
  });
  await saveStrategyConfig(store, {
    id: "ma-5-20",
    strategy: "ma-cross",
    params: { fast: 5, slow: 20 },
    symbols: ["005930", "000660"],
    sizing: { kind: "fixed", amount: 2_000_000 },
  }, null).catch(() => {});
  const broker: KisBroker = options.broker?.(e2e) ?? e2e.broker;
  const lines: LogLine[] = [];
  const log = (level: LogLevel, message: string, fields: LogFields = {}) =>
    lines.push({ level, message, fields });
  const desk = new TradingDesk({ store, broker, accountId: e2e.sim.credentials.account, log });
  const registered: Registered[] = [];
  const notified: Notification[] = [];
  const engine = startEngine({
    store,
    broker,
    desk,
    notify: (notification) => {
      notified.push(notification);
      return Promise.resolve();
    },
    dailyReport: options.dailyReport,
    cron: (name, expression, handler) => registered.push({ name, expression, handler }),
    log,
  });
  return {
    e2e,
    store,
    desk,
    engine,
    registered,
    notified,
    lines,
    async [Symbol.asyncDispose]() {
      await engine.close();
      store.close();
      if (options.broker) await broker.close();
      if (!options.e2e) await e2e[Symbol.asyncDispose]();
    },
  };
}
