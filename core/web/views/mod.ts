/**
 * The dashboard pages' view models: what each page shows, read from the store and the broker
 * through their repositories. See docs/dashboard.md.
 * @module
 */
export { type BrokerRead, readBroker } from "./broker_read.ts";
export { recentBalance, type TimedBalance } from "./balance_cache.ts";
export { type AlertRow, type AlertsView, loadAlerts } from "./alerts.ts";
export { type HealthView, type JobRow, loadHealth } from "./health.ts";
export {
  loadOrders,
  type OrderRow,
  type OrdersQuery,
  type OrdersView,
  parseOrderStatus,
} from "./orders.ts";
export {
  type AllocationSlice,
  type HoldingRow,
  loadPortfolio,
  type PortfolioBalanceView,
  portfolioOfBalance,
  type PortfolioTotals,
  type PortfolioView,
} from "./portfolio.ts";
export { loadStrategies, type StrategyRow } from "./strategies.ts";
export { loadEquity } from "./equity.ts";
