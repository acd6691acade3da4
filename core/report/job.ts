/**
 * The `daily-report` job's handler: a run of {@link runDailyReport} for the firing's KST day at the
 * firing's instant, for the engine's job table to register.
 * @module
 */
import type { IsoDate } from "../krx/mod.ts";
import { type DailyReportDeps, runDailyReport } from "./daily_run.ts";

/** What the job runner tells a handler (core/jobs `JobContext`). */
export interface DailyReportJobContext {
  /** The KST day of the firing. */
  readonly date: IsoDate;
  /** The firing's instant, epoch ms. */
  readonly now: number;
}

/**
 * The `daily-report` handler for one account: reports `ctx.date` as of `ctx.now`.
 *
 * @example
 * defineJob("daily-report", schedule, dailyReportJob({ store, broker, accountId, notifier }));
 */
export function dailyReportJob(
  deps: Omit<DailyReportDeps, "now">,
): (ctx: DailyReportJobContext) => Promise<void> {
  return async (ctx) => {
    await runDailyReport({ ...deps, now: () => ctx.now }, ctx.date);
  };
}
