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
  /**
   * How many of an account's orders are open (intent, unknown, submitted, partially filled), a
   * `Deno.KvU64` moved by every write that moves an order into or out of those statuses.
   */
  openOrderCount: (accountId: string): Deno.KvKey => ["open_order_count", accountId],
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
  /**
   * One fill of a journal order (`Fill`, core/trading/fills.ts), keyed by the KIS order date and
   * number and the order's cumulative filled quantity after it, which only ever grows.
   */
  fill: (accountId: string, date: IsoDate, orderNo: string, cumulativeQty: number): Deno.KvKey => [
    "fills",
    accountId,
    date,
    orderNo,
    cumulativeQty,
  ],
  /** One position of an account as the broker last reported it (`Position`, core/trading). */
  position: (accountId: string, symbol: string): Deno.KvKey => ["positions", accountId, symbol],
  /** A symbol's latest traded price, as the worker saw it (`LivePrice`, core/live/price_record.ts). */
  livePrice: (symbol: string): Deno.KvKey => ["live_prices", symbol],
  /** A cancel or revision of a journal order (`OrderAmendment`, core/trading/amendment.ts). */
  amendment: (accountId: string, amendmentId: string): Deno.KvKey => [
    "order_amendments",
    accountId,
    amendmentId,
  ],
  /** Index: the caller's idempotency key of a cancel or revision, value its id (unique). */
  amendmentByKey: (accountId: string, key: string): Deno.KvKey => [
    "order_amendments_by_key",
    accountId,
    key,
  ],
  /** Index: a cancel or revision still pending or unknown, value its id. */
  amendmentOpen: (accountId: string, amendmentId: string): Deno.KvKey => [
    "order_amendments_open",
    accountId,
    amendmentId,
  ],
  /**
   * Index: the KIS row (date, branch, number) of an accepted cancel or revision, value the
   * amendment's id (unique: one KIS row settles one amendment).
   */
  amendmentByKisNo: (
    accountId: string,
    date: IsoDate,
    branchNo: string,
    orderNo: string,
  ): Deno.KvKey => ["order_amendments_by_kis_no", accountId, date, branchNo, orderNo],
  /** An account's rebalancing targets (`StoredTargets`, core/rebalance/targets_store.ts). */
  targets: (accountId: string): Deno.KvKey => ["targets", accountId],
  /** One rebalancing run (`RebalanceRun`, core/rebalance/run.ts), by the caller's run id. */
  rebalanceRun: (accountId: string, runId: string): Deno.KvKey => [
    "rebalance_runs",
    accountId,
    runId,
  ],
  /** Index: an account's rebalancing runs by start time (epoch ms), value the run id. */
  rebalanceRunByTime: (accountId: string, startedAt: number, runId: string): Deno.KvKey => [
    "rebalance_runs_by_time",
    accountId,
    startedAt,
    runId,
  ],
  /** An account's daily report of one KST day (`DailyReport`, core/report). */
  report: (accountId: string, date: IsoDate): Deno.KvKey => ["reports", accountId, date],
  /**
   * The equity record of a daily report (`EquityRow`, core/report/repository.ts): its equity and
   * PnL, written in the same atomic operation as the report.
   */
  reportEquity: (accountId: string, date: IsoDate): Deno.KvKey => [
    "report_equity",
    accountId,
    date,
  ],
  /** A config's signal for one symbol on one KST trading day (`StrategySignal`). */
  signal: (configId: string, date: IsoDate, symbol: string): Deno.KvKey => [
    "signals",
    configId,
    date,
    symbol,
  ],
  /**
   * The head of one cached fetch of a symbol's daily bars for a day range (`BarCacheHead`,
   * core/data/broker_bars.ts): when it was fetched and how many chunks hold the bars.
   */
  barCache: (symbol: string, from: IsoDate, to: IsoDate): Deno.KvKey => [
    "bar_cache",
    symbol,
    from,
    to,
  ],
  /** Chunk `index` of a cached fetch: up to 800 bars as columns (`BarChunk`). */
  barCacheChunk: (symbol: string, from: IsoDate, to: IsoDate, index: number): Deno.KvKey => [
    "bar_cache",
    symbol,
    from,
    to,
    index,
  ],
  /** A backtest run or sweep queued through the API (`LabJob`, core/lab/job.ts), by its id. */
  labJob: (kind: "run" | "sweep", id: string): Deno.KvKey => [
    kind === "run" ? "backtest_runs" : "backtest_sweeps",
    id,
  ],
  /**
   * Part `index` of a lab job's JSON (`what`: its `request` or its `result`), a string of at most
   * 30,000 characters; the parts joined are the JSON text.
   */
  labJobPart: (id: string, what: "request" | "result", index: number): Deno.KvKey => [
    "backtest_parts",
    id,
    what,
    index,
  ],
  /** A user (`User`, core/auth/users.ts). */
  user: (userId: string): Deno.KvKey => ["auth", "users", userId],
  /** How many times any user was written, a `Deno.KvU64` bumped with each write (caches watch it). */
  usersVersion: (): Deno.KvKey => ["auth", "users_version"],
  /** Index: a user's (lower-case) name, value the user id (unique). */
  userByName: (username: string): Deno.KvKey => ["auth", "users_by_name", username],
  /** When a user last signed in, epoch ms (written at each successful sign-in). */
  userLastLogin: (userId: string): Deno.KvKey => ["auth", "last_login", userId],
  /** A refresh token by the SHA-256 of its secret (`RefreshToken`, core/auth/refresh_tokens.ts). */
  refreshToken: (hash: string): Deno.KvKey => ["auth", "refresh_tokens", hash],
  /** A refresh token family: one login and its rotations (`RefreshFamily`). */
  refreshFamily: (familyId: string): Deno.KvKey => ["auth", "refresh_families", familyId],
  /** Index: a user's refresh families, value the family id. */
  refreshFamilyByUser: (userId: string, familyId: string): Deno.KvKey => [
    "auth",
    "refresh_families_by_user",
    userId,
    familyId,
  ],
  /** An API key, its secret only as a hash (`ApiKey`, core/auth/api_keys.ts). */
  apiKey: (keyId: string): Deno.KvKey => ["auth", "api_keys", keyId],
  /** Index: a user's API keys, value the key id. */
  apiKeyByUser: (userId: string, keyId: string): Deno.KvKey => [
    "auth",
    "api_keys_by_user",
    userId,
    keyId,
  ],
  /** The signing secret generated in dev when `JWT_SECRET` is unset (base64url text). */
  jwtSecret: (): Deno.KvKey => ["auth", "jwt_secret"],
  /** Failed logins of one username or address and its lockout (`LoginFailures`). */
  loginFailures: (scope: "user" | "ip", id: string): Deno.KvKey => [
    "auth",
    "login_failures",
    scope,
    id,
  ],
  /** Requests of one caller in one rate window, a `Deno.KvU64` count. */
  rateWindow: (caller: string, window: number): Deno.KvKey => [
    "auth",
    "rate",
    caller,
    window,
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
  openOrderCount: ["open_order_count"],
  fills: ["fills"],
  orderAmendments: ["order_amendments"],
  orderAmendmentsByKey: ["order_amendments_by_key"],
  orderAmendmentsOpen: ["order_amendments_open"],
  orderAmendmentsByKisNo: ["order_amendments_by_kis_no"],
  alerts: ["alerts"],
  alertsBySymbol: ["alerts_by_symbol"],
  alertTriggers: ["alert_triggers"],
  alertExitsPending: ["alert_exits_pending"],
  livePrices: ["live_prices"],
  targets: ["targets"],
  rebalanceRuns: ["rebalance_runs"],
  rebalanceRunsByTime: ["rebalance_runs_by_time"],
  strategyConfigs: ["strategy_configs"],
  signals: ["signals"],
  reports: ["reports"],
  reportEquity: ["report_equity"],
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
  /** Users, refresh tokens, API keys, login lockouts and API budgets (core/auth, docs/security.md). */
  auth: ["auth"],
  /** The KIS simulator's own ledger: accounts, orders, fills (core/kis-sim/ledger.ts). */
  kisSim: ["kis_sim"],
  /** Daily bars fetched from the broker for backtests, kept for a while (core/data). */
  barCache: ["bar_cache"],
  /** Backtest runs and sweeps queued through the API, and their JSON parts (core/lab). */
  backtestRuns: ["backtest_runs"],
  backtestSweeps: ["backtest_sweeps"],
  backtestParts: ["backtest_parts"],
} as const satisfies Record<string, readonly [Part]>;
