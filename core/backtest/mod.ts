/**
 * Bar-by-bar backtesting on KRX rules: fills, costs, limits, metrics, sweeps and walk-forward.
 * The public surface, by name; kernels, accumulator layouts and the sweep's plan stay inside.
 * A sweep runs in the calling thread unless the caller passes a pool of worker threads
 * (`workerThreadPool` from ./sweep/worker_pool.ts, for edges only: it starts threads).
 * @module
 */
export {
  type BacktestOptions,
  backtestOptions,
  type BacktestOptionsInput,
  backtestOptionsSchema,
  sizingSchema,
  slippageSchema,
} from "./options.ts";
export { buyBudget } from "./sizing.ts";
export type { FillRecord, Metrics, Trade } from "./types.ts";
export { type FillBar, fillPrice, type Side, slippedPrice } from "./fill_price.ts";
export { CostModel } from "./cost_model.ts";
export { costModelFor } from "./ledger.ts";
export {
  computeMetrics,
  type MetricsInput,
  tallyTrades,
  type TradeTally,
  TRADING_DAYS_PER_YEAR,
} from "./metrics.ts";
export {
  backtestMarket,
  type BacktestResult,
  backtestStrategy,
  runBacktest,
  summarize,
  type SummarySettings,
  type SymbolSummary,
} from "./engine.ts";
export {
  type PortfolioMember,
  type PortfolioResult,
  type PortfolioSettings,
  portfolioSettingsSchema,
  runPortfolio,
} from "./portfolio.ts";
export { type BacktestReport, backtestReport, type BacktestReportRequest } from "./report.ts";
export { gridCombinations, type ParamGrid } from "./sweep/grid.ts";
export type { SweepObjective, SweepRow, SweepSymbol } from "./sweep/run.ts";
export { IN_THREAD_POOL, type SweepPool } from "./sweep/pool.ts";
export type { SweepTask } from "./sweep/plan.ts";
export { sweep, type SweepRequest, type SweepResult } from "./sweep/sweep.ts";
export {
  walkForward,
  type WalkForwardFold,
  type WalkForwardRequest,
  type WalkForwardResult,
} from "./walk_forward.ts";
