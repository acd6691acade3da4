/**
 * The engine's scheduled jobs with their real handlers, one per row of the jobs table
 * (`jobSchedules`): the holiday refresh, the pre-open check, the strategy run, the alert sweep,
 * reconciliation and, when a handler is given, the daily report.
 * @module
 */
import type { AlertObserver } from "../alerts/observer.ts";
import { AlertWatcher, type NotifyFunction } from "../alerts/watcher.ts";
import type { Broker } from "../broker/mod.ts";
import { type MarketDaySource, refreshMarketDays, systemClock } from "../broker/kis/mod.ts";
import { defineJob, type Job, type JobContext, jobSchedules } from "../jobs/mod.ts";
import type { IsoDate } from "../krx/mod.ts";
import type { LogFields, LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";
import { runEnabledStrategies } from "../trading/mod.ts";
import { preOpenCheck, preOpenNotification } from "./pre_open_check.ts";
import type { TradingDesk } from "./trading_desk.ts";

/** Builds the day's report and sends it; another module assembles it (core/report). */
export type DailyReportHandler = (context: { date: IsoDate; now: number }) => Promise<void>;

/** What the handlers work with. */
export interface EngineJobDeps {
  /** The store; its clock is the market's (the simulator's in the demo). */
  readonly store: Store;
  readonly broker: Broker & MarketDaySource;
  readonly desk: TradingDesk;
  readonly notify: NotifyFunction;
  readonly log: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** The `daily-report` job is registered only with this. */
  readonly dailyReport?: DailyReportHandler;
  /** The schedule's configurable parts (`jobScheduleConfigSchema`); default the table's. */
  readonly schedule?: unknown;
  /** Handed to the alert sweep's watcher, for metrics (default: nothing). */
  readonly alertObserver?: AlertObserver;
}

/** Every job the engine registers, with its handler. */
export function engineJobs(deps: EngineJobDeps): Job[] {
  const { store, broker, desk, notify, log } = deps;
  const schedules = jobSchedules(deps.schedule ?? {});
  const clock = { now: store.now, sleep: systemClock.sleep };
  const jobs: Job[] = [
    defineJob({
      name: "holiday-refresh",
      schedule: schedules["holiday-refresh"],
      run: async ({ date }) => {
        const days = await refreshMarketDays(store.kv, broker, date, clock);
        log("info", "market days refreshed", { from: date, days });
      },
    }),
    defineJob({
      name: "pre-open-check",
      schedule: schedules["pre-open-check"],
      run: async ({ date }) => {
        const report = await preOpenCheck({ broker, kv: store.kv }, date);
        log(report.problems.length === 0 ? "info" : "warn", "pre-open check", { ...report });
        if (report.problems.length > 0) await notify(preOpenNotification(report));
        if (report.broker !== "ok") throw new Error(report.broker);
      },
    }),
    defineJob({
      name: "strategy-run",
      schedule: schedules["strategy-run"],
      run: async () => {
        await desk.ready();
        const journal = await desk.journal();
        const calendar = await desk.calendar();
        const byConfig = await runEnabledStrategies({ store, broker, journal, calendar, log });
        const signals = [...byConfig.values()].flat();
        log("info", "strategies ran", {
          configs: byConfig.size,
          signals: signals.length,
          orders: signals.filter((signal) => signal.outcome.kind === "order").length,
        });
      },
    }),
    defineJob({
      name: "alert-sweep",
      schedule: schedules["alert-sweep"],
      run: async () => {
        await desk.ready();
        const journal = await desk.journal();
        const watcher = await AlertWatcher.load({
          store,
          broker,
          notify,
          journalOf: (account) => account === desk.accountId ? journal : undefined,
          observer: deps.alertObserver,
          log,
        });
        const fired = (await watcher.sweep())
          .filter((outcome) => outcome.result === "fired" || outcome.result === "resumed");
        await watcher.flushHighs();
        if (fired.length > 0) log("info", "alert sweep fired", { alerts: fired.length });
      },
    }),
    defineJob({
      name: "reconcile",
      schedule: schedules["reconcile"],
      // reconciling places nothing, so it need not wait for the start-up one; the positions
      // snapshot is refreshed after it, so fills it learnt of show in the holdings
      run: async () => {
        await desk.reconcile();
        await desk.syncPositions();
      },
    }),
  ];
  const { dailyReport } = deps;
  if (dailyReport) {
    jobs.push(defineJob({
      name: "daily-report",
      schedule: schedules["daily-report"],
      run: ({ date, now }: JobContext) => dailyReport({ date, now }),
    }));
  }
  return jobs;
}
