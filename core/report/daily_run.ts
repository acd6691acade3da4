/**
 * Assembling, storing and sending one account's daily report: the balance from the broker, the
 * day's records from the store (journal orders, fills, alert triggers, strategy signals,
 * rebalancing runs, job errors), {@link buildDailyReport}, the report stored under its account
 * and day, and its notification queued (delivered once per channel, `reportDedupeKey`).
 * @module
 */
import type { Trigger } from "../alerts/mod.ts";
import { AlertRepository } from "../alerts/repository.ts";
import type { Balance, Broker, Holding } from "../broker/mod.ts";
import type { JobStatusStore } from "../jobs/status.ts";
import {
  type InstrumentKind,
  type IsoDate,
  type Market,
  seoulDate,
  type SymbolCode,
} from "../krx/mod.ts";
import type { Notifier } from "../notify/mod.ts";
import { listRuns, rebalanceOrderKey, type RebalanceRun } from "../rebalance/mod.ts";
import { listPage, type Page, PREFIXES, type Store } from "../store/mod.ts";
import {
  type Fill,
  fillsOn,
  type JournalOrder,
  journalOrderSchema,
  listPositions,
  listStrategyConfigs,
  type Position,
  type StrategyConfig,
  type StrategySignal,
  strategySignalSchema,
} from "../trading/mod.ts";
import { buildDailyReport } from "./build.ts";
import { dayTradeCosts } from "./day_trade_costs.ts";
import { formatKstTime } from "./format.ts";
import type { ReportError, ReportFill, ReportRebalance, ReportSignal } from "./input.ts";
import { reportNotification } from "./notification.ts";
import { getReport, reportBefore, saveReport } from "./repository.ts";
import type { DailyReport } from "./schema.ts";

/** What a daily report run reads from and writes to. */
export interface DailyReportDeps {
  readonly store: Store;
  readonly broker: Broker;
  readonly accountId: string;
  /** Queues the report's notification; without it the report is only stored. */
  readonly notifier?: Notifier;
  /** Epoch ms of the run (default the store's clock). */
  readonly now?: () => number;
  /**
   * Starting capital for the account's first report; later reports carry the previous report's
   * capital. Without it a rerun of the first day keeps the capital it stored, and a first run
   * takes the day's equity, so its day PnL is 0.
   */
  readonly capital?: number;
  /** Deposits minus withdrawals on the day reported (default 0); added to the capital. */
  readonly netDeposit?: number;
  /** The jobs' last runs, whose errors of the day are reported (core/jobs `KvJobStatusStore`). */
  readonly jobStatus?: Pick<JobStatusStore, "list">;
  /** Market and instrument of a symbol for estimated costs (default a KOSPI stock). */
  readonly instrumentOf?: (symbol: SymbolCode) => {
    readonly market: Market;
    readonly instrument?: InstrumentKind;
  };
  /** The account's commission rate for estimated costs. */
  readonly feeRate?: number;
}

/** The stored report and how many notification jobs were queued for it. */
export interface DailyReportOutcome {
  readonly report: DailyReport;
  readonly notificationsQueued: number;
}

/**
 * Builds the report of `deps.accountId` for KST day `date`, stores it (replacing an earlier run's
 * report of the same day) and queues its notification. Running it again for the same day stores
 * the new figures and queues the same dedupe key, which each channel delivers once.
 */
export async function runDailyReport(
  deps: DailyReportDeps,
  date: IsoDate,
): Promise<DailyReportOutcome> {
  const { store, accountId } = deps;
  const generatedAt = (deps.now ?? store.now)();
  const balance = await deps.broker.getBalance();
  const previous = await reportBefore(store, accountId, date);
  const netDeposit = deps.netDeposit ?? 0;
  const capital = previous !== null
    ? previous.pnl.capital + netDeposit
    : deps.capital ?? (await getReport(store, accountId, date))?.pnl.capital ?? equityOf(balance);
  const [orders, fills, alerts, signals, runs] = await Promise.all([
    ordersOn(store, accountId, date),
    fillsOn(store, accountId, date),
    triggersOn(store, accountId, date),
    signalsOn(store, date),
    runsOn(store, accountId, date),
  ]);
  const positions = await allPages((cursor) => listPositions(store, accountId, { cursor }));
  const held = balance.holdings.filter((h) => h.quantity > 0).map((h) => h.symbol);
  const dayCosts = dayTradeCosts(fills, new Set(held));
  const report = buildDailyReport({
    accountId,
    date,
    generatedAt,
    balance,
    previousEquity: previous?.equity.total ?? null,
    capital,
    netDeposit,
    orders,
    fills: fills.map((fill) => reportFill(fill, balance.holdings, positions, dayCosts, deps)),
    alerts,
    signals: signals.flatMap((signal) => reportSignal(signal)),
    rebalances: runs.map(reportRebalance),
    errors: [
      ...runs.flatMap(runErrors),
      ...signals.flatMap(signalErrors),
      ...await jobErrors(deps.jobStatus, date),
    ],
    ...(deps.feeRate === undefined ? {} : { feeRate: deps.feeRate }),
  });
  await saveReport(store, report);
  const notificationsQueued = deps.notifier === undefined
    ? 0
    : await deps.notifier.notify(reportNotification(report));
  return { report, notificationsQueued };
}

/** Equity the way the report counts it: D+2 cash plus holdings at their last prices. */
function equityOf(balance: Balance): number {
  return balance.holdings.reduce(
    (sum, h) => sum + h.price * h.quantity,
    balance.summary.settledCashD2,
  );
}

/**
 * A recorded fill as a report row. A sell's average cost is the position's before the sale: the
 * balance's if some shares are still held (selling does not change it), else the last synced
 * position's, else, for a position opened and closed within the day, the average of the day's buys
 * before it (`dayTradeCosts`), else the fill price (no realised PnL can be told then).
 */
function reportFill(
  fill: Fill,
  holdings: readonly Holding[],
  positions: readonly Position[],
  dayCosts: ReadonlyMap<Fill, number>,
  deps: DailyReportDeps,
): ReportFill {
  const held = holdings.find((h) => h.symbol === fill.symbol);
  const position = positions.find((p) => p.symbol === fill.symbol);
  const rules = deps.instrumentOf?.(fill.symbol) ?? { market: "KOSPI" as const };
  const common = {
    time: formatKstTime(fill.recordedAt),
    symbol: fill.symbol,
    name: held?.name ?? position?.name ?? fill.symbol,
    quantity: fill.quantity,
    price: fill.price,
    market: rules.market,
    ...(rules.instrument === undefined ? {} : { instrument: rules.instrument }),
  };
  if (fill.side === "buy") return { ...common, side: "buy" };
  const averageCost = held?.averagePrice ?? position?.averagePrice ?? dayCosts.get(fill) ??
    fill.price;
  return { ...common, side: "sell", averageCost };
}

function reportSignal(signal: StrategySignal): ReportSignal[] {
  if (signal.action === "none") return [];
  return [{
    at: signal.at,
    strategy: signal.strategy,
    symbol: signal.symbol as SymbolCode,
    signal: signal.action,
  }];
}

/**
 * A run as the report shows it: its plan narrowed to the orders it placed, so buys it skipped for
 * cash or that the risk checks refused count as no trade, and the equity after moves only by what
 * the placed orders change (their costs, and a limit price away from the last one), as the
 * planner computes it for the whole plan.
 */
function reportRebalance(run: RebalanceRun): ReportRebalance {
  const placed = new Set(
    run.orders.filter((o) => o.outcome.kind === "placed").map((o) => o.idempotencyKey),
  );
  const orders = run.plan.orders.filter((o) => placed.has(rebalanceOrderKey(run.id, o)));
  const priceOf = new Map(run.plan.symbols.map((s) => [s.symbol, s.price]));
  const equityChange = orders.reduce((sum, o) => {
    const atPrice = o.qty * (priceOf.get(o.symbol) ?? 0);
    return sum + (o.side === "buy" ? atPrice - o.value : o.value - atPrice) - o.fee - o.tax;
  }, 0);
  const plan = orders.length === run.plan.orders.length
    ? run.plan
    : { ...run.plan, orders, equityAfter: run.plan.equity + equityChange };
  return { runId: run.id, at: run.startedAt, mode: "executed", plan };
}

function runErrors(run: RebalanceRun): ReportError[] {
  return run.error === null
    ? []
    : [{ at: run.finishedAt ?? run.startedAt, source: `rebalance:${run.id}`, message: run.error }];
}

function signalErrors(signal: StrategySignal): ReportError[] {
  return signal.outcome.kind === "error"
    ? [{ at: signal.at, source: `strategy:${signal.configId}`, message: signal.outcome.message }]
    : [];
}

async function jobErrors(
  jobStatus: DailyReportDeps["jobStatus"],
  date: IsoDate,
): Promise<ReportError[]> {
  if (jobStatus === undefined) return [];
  return (await jobStatus.list()).flatMap((status) =>
    status.state === "error" && seoulDate(status.finishedAt) === date
      ? [{ at: status.finishedAt, source: `job:${status.name}`, message: status.error ?? "" }]
      : []
  );
}

/** The journal orders of the account written on `date` (KST). */
async function ordersOn(store: Store, accountId: string, date: IsoDate): Promise<JournalOrder[]> {
  const all = await allPages((cursor) =>
    listPage(store.kv, { prefix: [...PREFIXES.orders, accountId] }, journalOrderSchema, {
      cursor,
      limit: 500,
    })
  );
  return all.filter((order) => seoulDate(order.createdAt) === date);
}

/** The account's alerts that fired on `date`, with the alert as it stands. */
async function triggersOn(store: Store, accountId: string, date: IsoDate): Promise<Trigger[]> {
  const alerts = new AlertRepository(store);
  const records = await allPages((cursor) => alerts.triggers(accountId, { cursor, limit: 500 }));
  const triggers: Trigger[] = [];
  for (const record of records.filter((r) => seoulDate(r.at) === date)) {
    const stored = await alerts.get(accountId, record.alertId);
    if (stored === null) continue;
    triggers.push({
      alert: stored.alert,
      price: record.price,
      at: record.at,
      level: record.level,
      direction: record.direction,
    });
  }
  return triggers;
}

/** Every strategy config's signals of `date` (configs are not tied to one account). */
async function signalsOn(store: Store, date: IsoDate): Promise<StrategySignal[]> {
  const configs = await allPages<StrategyConfig>((cursor) =>
    listStrategyConfigs(store.kv, { cursor, limit: 500 })
  );
  const signals: StrategySignal[] = [];
  for (const config of configs) {
    signals.push(
      ...await allPages((cursor) =>
        listPage(
          store.kv,
          { prefix: [...PREFIXES.signals, config.id, date] },
          strategySignalSchema,
          { cursor, limit: 500 },
        )
      ),
    );
  }
  return signals;
}

/** The account's rebalancing runs started on `date`. */
async function runsOn(store: Store, accountId: string, date: IsoDate): Promise<RebalanceRun[]> {
  const runs = await allPages((cursor) => listRuns(store, accountId, { cursor, limit: 100 }));
  return runs.filter((run) => seoulDate(run.startedAt) === date);
}

async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return items;
}
