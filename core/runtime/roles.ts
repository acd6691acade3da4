/**
 * What each role runs on top of the services: `web` the engine's scheduled jobs, `worker` the
 * realtime alerts, `all` both. In the demo the jobs fire on the simulated clock, and the holiday
 * refresh, the strategy run and a reconciliation also run once right after start-up.
 * @module
 */
import type { NotifyFunction } from "../alerts/watcher.ts";
import {
  clockCron,
  type DailyReportHandler,
  type Engine,
  type LivePrices,
  type RealtimeAlerts,
  startEngine,
  startLivePrices,
  startRealtimeAlerts,
  TradingDesk,
} from "../engine/mod.ts";
import type { CronRegistrar } from "../jobs/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { type AppMetrics, appMetrics } from "../obs/metrics.ts";
import { notifyQueueDepth } from "../notify/mod.ts";
import { probeKv } from "../store/mod.ts";
import { readKillSwitch } from "../trading/mod.ts";
import type { Role } from "./env.ts";
import type { AppServices } from "./services.ts";
import { holdStreamLease, type StreamLeaseOptions, type StreamRole } from "./stream_lease.ts";

/**
 * The demo's schedule: reconciliation every simulated minute instead of every five, so an order
 * placed at start-up shows as filled within the first minute.
 */
export const DEMO_SCHEDULE = { reconcileEveryMinutes: 1 } as const;

/** How long the worker waits before trying the realtime alerts again after a failed start. */
const REALTIME_RETRY_MS = 30_000;

/** What starting a role needs besides the services. */
export interface RoleOptions {
  readonly notify: NotifyFunction;
  /** Registers the `daily-report` job (see docs/jobs.md); without it the job is not scheduled. */
  readonly dailyReport?: DailyReportHandler;
  /**
   * Where the jobs are registered instead of `Deno.cron` (KIS) or the simulated clock (demo): a
   * test's registrar that fires them as its stepped clock reaches their times.
   */
  readonly cron?: CronRegistrar;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Where the desk, the alerts, the jobs and the notification queue report (default `appMetrics`). */
  readonly metrics?: Pick<AppMetrics, "trading" | "alerts" | "jobs" | "notify" | "store">;
  /** The stream lease's timings and holder name (default `STREAM_LEASE_*`, a random UUID). */
  readonly streamLease?: Pick<StreamLeaseOptions, "ttlMs" | "renewMs" | "holder">;
}

/** A started role. */
export interface RoleRuntime {
  readonly role: Role;
  /** The scheduled jobs (web and all). */
  readonly engine?: Engine;
  /**
   * Whether this process holds the realtime stream (`holder`) or waits for the process that does
   * (`standby`); undefined in the web role, which streams nothing.
   */
  stream(): StreamRole | undefined;
  /**
   * Runs what the demo does once the server listens: the holiday refresh, the strategies, then a
   * reconciliation so their fills show without waiting for the next scheduled one.
   */
  afterListen(): void;
  /**
   * Re-reads the alerts and subscribes their symbols now rather than at the next periodic reload
   * (every 5 s); nothing when the role watches no stream or it has not started.
   */
  refreshAlerts(): Promise<void>;
  /** Stops the jobs and the realtime alerts, waiting for what is in progress. */
  close(): Promise<void>;
}

/**
 * Starts `role` on `services`: reconciles the journal first (a failure is logged, and every job
 * that places orders waits until a later attempt succeeds), then registers the jobs (`Deno.cron`
 * with KIS, the simulated clock in the demo) and, outside the web role, the realtime alerts once
 * this process holds the app key's stream lease (standing by while another process does).
 */
export async function startRole(
  role: Role,
  services: AppServices,
  options: RoleOptions,
): Promise<RoleRuntime> {
  const log = options.log ?? defaultLog;
  const { store, broker, accountId, mode } = services;
  const metrics = options.metrics ?? appMetrics;
  const desk = new TradingDesk({ store, broker, accountId, log, observer: metrics.trading });
  metrics.trading.killSwitchFrom(async () => (await readKillSwitch(store.kv)).state.on);
  metrics.notify.queueFrom(() => notifyQueueDepth(store.kv));
  metrics.store.kvFrom(() => probeKv(store.kv));
  await desk.ready().catch((error) =>
    log("error", "start-up reconciliation failed; orders wait for the next attempt", { error })
  );
  const demoCron = mode === "demo" && options.cron === undefined ? clockCron(store.now) : undefined;
  const engine = role === "worker" ? undefined : startEngine({
    store,
    broker,
    desk,
    notify: options.notify,
    dailyReport: options.dailyReport,
    schedule: mode === "demo" ? DEMO_SCHEDULE : undefined,
    cron: options.cron ?? demoCron?.cron ?? Deno.cron,
    log,
    alertObserver: metrics.alerts,
    jobObserver: metrics.jobs,
  });
  let alerts: RealtimeAlerts | undefined;
  let closed = false;
  // whether the stream should run: this process holds the stream lease and is not closing
  let streaming = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const startAlerts = async (): Promise<void> => {
    try {
      const started = await startRealtimeAlerts({
        store,
        broker,
        desk,
        notify: options.notify,
        log,
        observer: metrics.alerts,
      });
      if (streaming) alerts = started;
      else await started.close();
    } catch (error) {
      if (!streaming) return;
      log("error", "realtime alerts could not start; retrying", { error });
      retry = setTimeout(startAlerts, REALTIME_RETRY_MS);
    }
  };
  // the dashboard's live prices come from the process that holds the trade stream, through KV
  let prices: LivePrices | undefined;
  const stopAlerts = async (): Promise<void> => {
    streaming = false;
    clearTimeout(retry);
    const running = alerts;
    const pricing = prices;
    alerts = undefined;
    prices = undefined;
    // the prices first: their symbols are the alerts' too, and an alert stream's unsubscribe
    // right before a price stream's subscribe of the same symbol would wait for an ack
    await pricing?.close();
    await running?.close();
  };
  const streamLease = role === "web" ? undefined : await holdStreamLease({
    kv: store.kv,
    appKey: services.appKey,
    log,
    start: async () => {
      streaming = true;
      await startAlerts();
      if (streaming) prices = startLivePrices({ store, broker, log });
    },
    stop: stopAlerts,
    ...options.streamLease,
  });
  demoCron?.start();
  let firstRuns: Promise<void> = Promise.resolve();
  return {
    role,
    engine,
    stream: () => streamLease?.role(),
    afterListen() {
      if (mode !== "demo" || engine === undefined) return;
      firstRuns = (async () => {
        await engine.run("holiday-refresh");
        await engine.run("strategy-run");
        if (!closed) await desk.reconcile();
      })().catch((error) => log("error", "demo start-up runs failed", { error }));
    },
    refreshAlerts: () => alerts?.refresh() ?? Promise.resolve(),
    async close() {
      closed = true;
      clearTimeout(retry);
      demoCron?.stop();
      await firstRuns;
      await streamLease?.close();
      await stopAlerts();
      await engine?.close();
    },
  };
}
