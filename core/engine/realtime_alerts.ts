/**
 * The worker's realtime alerts: the watcher fed by the broker's trade stream for the symbols that
 * have active alerts, following the alerts as they change (core/engine/reloading_trade_stream.ts),
 * with trailing highs written back periodically and at stop.
 * @module
 */
import type { AlertObserver } from "../alerts/observer.ts";
import { AlertWatcher, type NotifyFunction, type TriggerOutcome } from "../alerts/watcher.ts";
import type { Broker } from "../broker/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";
import type { OrderJournal } from "../trading/mod.ts";
import { startReloadingTradeStream } from "./reloading_trade_stream.ts";
import type { TradingDesk } from "./trading_desk.ts";

/** What the realtime alerts need. */
export interface RealtimeAlertsOptions {
  readonly store: Store;
  readonly broker: Broker;
  readonly desk: TradingDesk;
  readonly notify: NotifyFunction;
  /** How often the alerts are re-read from the store, wall ms (default 5,000). */
  readonly reloadMs?: number;
  /** How often trailing highs are written back, wall ms (default 30,000). */
  readonly flushMs?: number;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Handed to the watcher, for metrics (default: nothing). */
  readonly observer?: AlertObserver;
}

/** Running realtime alerts. */
export interface RealtimeAlerts {
  /** The symbols the trade stream carries now. */
  symbols(): readonly string[];
  /** Re-reads the alerts and re-subscribes when their symbols changed (also done periodically). */
  refresh(): Promise<void>;
  /** Closes the stream, waits for the trigger in progress and writes back the trailing highs. */
  close(): Promise<void>;
}

/**
 * Waits for the desk's start-up reconciliation, places the exits a stopped process left pending,
 * then watches the trade stream.
 */
export async function startRealtimeAlerts(
  options: RealtimeAlertsOptions,
): Promise<RealtimeAlerts> {
  const { store, broker, desk, notify } = options;
  const log = options.log ?? defaultLog;
  await desk.ready();
  let journal: OrderJournal = await desk.journal();
  const watcher = await AlertWatcher.load({
    store,
    broker,
    notify,
    journalOf: (account) => account === desk.accountId ? journal : undefined,
    observer: options.observer,
    log,
  });
  (await watcher.resumeExits()).forEach((outcome) => report(outcome, log));
  const trades = startReloadingTradeStream({
    broker,
    read: async () => {
      await watcher.reload();
      journal = await desk.journal();
      return watcher.symbols();
    },
    watch: (stream) => watcher.watch(stream, (outcome) => report(outcome, log)),
    reloadMs: options.reloadMs ?? 5_000,
    label: "alerts",
    log,
  });
  await trades.refresh();
  const flushTimer = setInterval(
    () => watcher.flushHighs().catch((error) => log("warn", "alerts: flush failed", { error })),
    options.flushMs ?? 30_000,
  );
  return {
    symbols: trades.symbols,
    refresh: trades.refresh,
    async close() {
      clearInterval(flushTimer);
      await trades.close();
      await watcher.flushHighs();
    },
  };
}

function report(outcome: TriggerOutcome, log: NonNullable<RealtimeAlertsOptions["log"]>): void {
  if (outcome.result === "fired" || outcome.result === "resumed") {
    log("info", "alert triggered", {
      alert: outcome.alertId,
      symbol: outcome.record.symbol,
      kind: outcome.record.kind,
      result: outcome.result,
      price: outcome.record.price,
      exit: outcome.exit?.status ?? null,
    });
  } else if (outcome.result === "failed") {
    log("warn", "alert trigger failed", { alert: outcome.alertId, reason: outcome.reason });
  }
}
