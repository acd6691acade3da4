/**
 * The key layout of the store: every KV key the application writes is built here, so the layout
 * is one table (docs/storage.md mirrors it). Tuple keys, entity first; secondary indexes are
 * pointer keys (their value is the primary id) written in the same atomic operation as the entity.
 * @module
 */
import type { IsoDate } from "../krx/mod.ts";

/** One key part; dates are `YYYY-MM-DD` strings so they sort as dates. */
type Part = string | number;

/**
 * Key builders of the entities that have code today. Each builder names its value in its JSDoc;
 * the value schemas live with the module that owns the entity.
 */
export const KEYS = {
  /** The schema version, a number: the last migration applied. */
  schemaVersion: (): Deno.KvKey => ["schema", "version"],
  /** The lease of the process running migrations: `{ owner, until }`. */
  migrationLease: (): Deno.KvKey => ["schema", "lease"],
  /** A journal order (`JournalOrder`, core/trading). */
  order: (accountId: string, orderId: string): Deno.KvKey => ["orders", accountId, orderId],
  /** Index: orders by status, value the order id. */
  orderByStatus: (accountId: string, status: string, orderId: string): Deno.KvKey => [
    "orders_by_status",
    accountId,
    status,
    orderId,
  ],
  /** Index: orders by KIS order date, branch and number (`ODNO`), value the order id. */
  orderByKisNo: (
    accountId: string,
    date: IsoDate,
    branchNo: string,
    orderNo: string,
  ): Deno.KvKey => ["orders_by_kis_no", accountId, date, branchNo, orderNo],
  /** Index: the caller's idempotency key of an order, value the order id (unique). */
  orderByIdempotencyKey: (accountId: string, key: string): Deno.KvKey => [
    "orders_by_idempotency_key",
    accountId,
    key,
  ],
  /** KRW amount of the orders written on one KST day, a `Deno.KvU64` sum. */
  orderAmountByDay: (accountId: string, date: IsoDate): Deno.KvKey => [
    "order_amount_by_day",
    accountId,
    date,
  ],
  /** One audit entry (`AuditEntry`); ids sort by time and are never reused. */
  audit: (id: string): Deno.KvKey => ["audit", id],
  /** An alert (`Alert`, core/alerts/schema.ts). */
  alert: (accountId: string, alertId: string): Deno.KvKey => ["alerts", accountId, alertId],
  /** Index: alerts by symbol, every state; value `[accountId, alertId]`, the alert's key. */
  alertBySymbol: (symbol: string, accountId: string, alertId: string): Deno.KvKey => [
    "alerts_by_symbol",
    symbol,
    accountId,
    alertId,
  ],
  /** The one trigger of an alert (`AlertTriggerRecord`, core/alerts/repository.ts). */
  alertTrigger: (accountId: string, alertId: string): Deno.KvKey => [
    "alert_triggers",
    accountId,
    alertId,
  ],
  /** Index: a fired `notify_and_exit` alert whose exit sell is not yet placed, value its id. */
  alertExitPending: (accountId: string, alertId: string): Deno.KvKey => [
    "alert_exits_pending",
    accountId,
    alertId,
  ],
  /** The marker `{ at }` written once the embedded demo's seed has run (core/runtime). */
  demoSeeded: (): Deno.KvKey => ["runtime", "demo_seeded"],
  /** One setting (its value schema lives with its owner, e.g. the kill switch). */
  setting: (name: string): Deno.KvKey => ["settings", name],
  /** A strategy config (`StrategyConfig`, core/trading/strategy_config.ts). */
  strategyConfig: (configId: string): Deno.KvKey => ["strategy_configs", configId],
  /** A config's signal for one symbol on one KST trading day (`StrategySignal`). */
  signal: (configId: string, date: IsoDate, symbol: string): Deno.KvKey => [
    "signals",
    configId,
    date,
    symbol,
  ],
} as const;

/**
 * Prefixes of the entities whose modules come later (alerts, rebalancing, strategies, reports) or
 * that other modules already own; declared here so no two modules claim the same first part.
 */
export const PREFIXES = {
  accounts: ["accounts"],
  positions: ["positions"],
  orders: ["orders"],
  ordersByStatus: ["orders_by_status"],
  ordersByKisNo: ["orders_by_kis_no"],
  ordersByIdempotencyKey: ["orders_by_idempotency_key"],
  orderAmountByDay: ["order_amount_by_day"],
  fills: ["fills"],
  alerts: ["alerts"],
  alertsBySymbol: ["alerts_by_symbol"],
  alertTriggers: ["alert_triggers"],
  alertExitsPending: ["alert_exits_pending"],
  targets: ["targets"],
  rebalanceRuns: ["rebalance_runs"],
  strategyConfigs: ["strategy_configs"],
  signals: ["signals"],
  reports: ["reports"],
  audit: ["audit"],
  settings: ["settings"],
  schema: ["schema"],
  /** The KIS client's token cache, rate budget and market days (core/broker/kis). */
  kis: ["kis"],
  /** Job leases and each job's last run (core/jobs, docs/jobs.md). */
  jobs: ["jobs"],
  /** Notification delivery records and the Kakao tokens (core/notify, docs/notifications.md). */
  notify: ["notify"],
  /** The embedded demo's own markers (core/runtime, docs/runtime.md). */
  runtime: ["runtime"],
  /** The KIS simulator's own ledger: accounts, orders, fills (core/kis-sim/ledger.ts). */
  kisSim: ["kis_sim"],
} as const satisfies Record<string, readonly [Part]>;
