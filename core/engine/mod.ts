/**
 * The running engine: the scheduled jobs with their real handlers, the trading desk that gates
 * orders on a start-up reconciliation, the worker's realtime alerts, and a cron registrar on the
 * demo's simulated clock. docs/jobs.md, docs/runtime.md.
 * @module
 */
export { type ClockCron, clockCron } from "./clock_cron.ts";
export { type Engine, type EngineJobInfo, type EngineOptions, startEngine } from "./engine.ts";
export { type DailyReportHandler, type EngineJobDeps, engineJobs } from "./jobs.ts";
export { type LivePrices, type LivePricesOptions, startLivePrices } from "./live_prices.ts";
export { preOpenCheck, preOpenNotification, type PreOpenReport } from "./pre_open_check.ts";
export {
  type RealtimeAlerts,
  type RealtimeAlertsOptions,
  startRealtimeAlerts,
} from "./realtime_alerts.ts";
export { TradingDesk, type TradingDeskOptions } from "./trading_desk.ts";
