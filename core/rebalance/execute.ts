/**
 * Rebalancing against the broker: a preview plans on the live balance and quotes; an execution
 * stores the run with its plan first, then places the plan's orders through the order journal
 * under deterministic keys (`rebalance:<runId>:<symbol>:<side>`), sells before buys, and buys
 * only what the cash actually available pays for. Running a run id again re-places the stored
 * plan's keys, so it never doubles an order.
 * @module
 */
import type { Broker, OrderRequest, Quote } from "../broker/mod.ts";
import { type IsoDate, seoulDate } from "../krx/mod.ts";
import type { LogFields, LogLevel } from "../obs/log.ts";
import { type Store, StoreConflictError } from "../store/mod.ts";
import {
  OrderJournal,
  readRiskLimits,
  type RiskLimits,
  RiskRejected,
  type TradingObserver,
} from "../trading/mod.ts";
import type { RebalanceConfig } from "./config.ts";
import { planRebalance } from "./plan.ts";
import {
  getRun,
  type RebalanceRun,
  type RunOrder,
  type RunOrderOutcome,
  type RunResult,
  saveRun,
} from "./run.ts";
import { NoTargetsError, readTargets } from "./targets_store.ts";
import type { PlannedOrder, PriceQuote, RebalancePlan } from "./types.ts";

/** What previewing and executing need. */
export interface RebalanceDeps {
  readonly store: Store;
  readonly broker: Broker;
  /** The journal's risk limits (default: the stored ones, `readRiskLimits`). */
  readonly limits?: RiskLimits;
  /** Where the journal's log lines go (default core/obs/log). */
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Hears the run's orders, for metrics (default: nothing). */
  readonly observer?: TradingObserver;
}

/** A plan on the account as it is now, with the settings it used. */
export interface RebalancePreview {
  readonly accountId: string;
  readonly config: RebalanceConfig;
  readonly plan: RebalancePlan;
  /** Epoch ms of the reads. */
  readonly at: number;
}

/** The journal key of a run's order for one symbol and side. */
export function rebalanceOrderKey(runId: string, order: Pick<PlannedOrder, "symbol" | "side">) {
  return `rebalance:${runId}:${order.symbol}:${order.side}`;
}

/**
 * Plans a rebalance of `accountId` towards its stored targets on the broker's balance (D+2 cash,
 * holdings) and a quote of every symbol held or targeted. Writes nothing.
 *
 * @throws {NoTargetsError} when the account has no targets.
 * @throws {RebalanceInputError} when a symbol cannot be priced or the account has no equity.
 */
export async function previewRebalance(
  deps: RebalanceDeps,
  accountId: string,
): Promise<RebalancePreview> {
  const stored = await readTargets(deps.store, accountId);
  if (stored === null) throw new NoTargetsError(accountId);
  const config = stored.targets.config;
  const balance = await deps.broker.getBalance();
  const at = deps.store.now();
  const symbols = new Set<string>([
    ...config.targets.map((t) => t.symbol),
    ...balance.holdings.filter((h) => h.quantity > 0).map((h) => h.symbol),
  ]);
  const quotes: Record<string, PriceQuote> = {};
  for (const symbol of symbols) {
    const quote: Quote = await deps.broker.getQuote(symbol as Quote["symbol"]);
    quotes[symbol] = { price: quote.price, basePrice: quote.basePrice, halted: quote.halted };
  }
  const plan = planRebalance(config, {
    date: seoulDate(at) as IsoDate,
    cash: balance.summary.settledCashD2,
    holdings: balance.holdings.filter((h) => h.quantity > 0).map((h) => ({
      symbol: h.symbol,
      quantity: h.quantity,
      orderableQuantity: h.orderableQuantity,
    })),
    quotes,
  });
  return { accountId, config, plan, at };
}

function requestOf(order: PlannedOrder): OrderRequest {
  return order.type === "limit"
    ? {
      type: "limit",
      side: order.side,
      symbol: order.symbol,
      quantity: order.qty,
      price: order.price,
    }
    : { type: "market", side: order.side, symbol: order.symbol, quantity: order.qty };
}

/** KRW a buy holds against cash: its reserve price (a market buy's upper limit) plus commission. */
function buyCost(order: PlannedOrder): number {
  const price = order.type === "limit" ? order.price : order.reservePrice;
  return price * order.qty + order.fee;
}

/**
 * Executes a rebalance of `accountId`: with a new run id, previews, stores the run (`running`,
 * with its plan) and then places its orders; with the id of a stored run, places that run's
 * stored plan again (orders already placed are returned by the journal, nothing is sent twice).
 * Sells go first; each buy is placed only if the cash available (the broker's orderable cash,
 * capped at the plan's D+2 cash unless the settings let buys spend unsettled sale proceeds)
 * still pays for it, otherwise it is `skipped`. Risk refusals are outcomes, not errors. The run
 * is stored after every order, so the timeline shows how far it got.
 *
 * @throws {NoTargetsError} and the planner's errors for a new run (nothing is stored then).
 */
export async function executeRebalance(
  deps: RebalanceDeps,
  accountId: string,
  options: { readonly runId?: string } = {},
): Promise<RebalanceRun> {
  const { store, broker } = deps;
  const runId = options.runId ?? store.nextId();
  const started = await startRun(deps, accountId, runId);
  const journal = new OrderJournal({
    store,
    broker,
    accountId,
    limits: deps.limits ?? await readRiskLimits(store.kv),
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.observer ? { observer: deps.observer } : {}),
  });
  const orders = [...started.orders];
  const planned = new Map(started.plan.orders.map((o) => [rebalanceOrderKey(runId, o), o]));
  let available: number | null = null;
  /** Takes `cost` from the cash available; returns what was available when it does not cover it. */
  const reserve = async (request: OrderRequest, cost: number): Promise<number | null> => {
    available ??= await availableCash(broker, started, request);
    if (cost > available) return available;
    available -= cost;
    return null;
  };
  let failure: string | null = null;
  for (let i = 0; i < orders.length; i++) {
    const entry = orders[i]!;
    const outcome = await placeRunOrder(
      journal,
      entry,
      planned.get(entry.idempotencyKey)!,
      reserve,
    );
    orders[i] = { ...entry, outcome };
    if (outcome.kind === "error") failure ??= outcome.message;
    // stored after each order, so the timeline shows how far a run got
    await saveRun(store, { ...started, orders: [...orders] });
  }
  const finished: RebalanceRun = {
    ...started,
    orders,
    result: resultOf(orders),
    error: failure,
    finishedAt: store.now(),
  };
  await saveRun(store, finished);
  return finished;
}

/**
 * The stored run `runId`; or, for a new id, a preview stored as a `running` run before any order
 * is placed (the create checks the id is new: a process that loses the race takes the winner's).
 */
async function startRun(
  deps: RebalanceDeps,
  accountId: string,
  runId: string,
): Promise<RebalanceRun> {
  const { store } = deps;
  const stored = await getRun(store, accountId, runId);
  if (stored !== null) return stored;
  const preview = await previewRebalance(deps, accountId);
  const sells = preview.plan.orders.filter((o) => o.side === "sell");
  const buys = preview.plan.orders.filter((o) => o.side === "buy");
  const run: RebalanceRun = {
    id: runId,
    accountId,
    plan: preview.plan,
    orders: [...sells, ...buys].map((o) => ({
      idempotencyKey: rebalanceOrderKey(runId, o),
      request: requestOf(o),
      outcome: { kind: "pending" },
    })),
    useUnsettledSellProceeds: preview.config.useUnsettledSellProceeds,
    result: "running",
    error: null,
    startedAt: store.now(),
    finishedAt: null,
  };
  try {
    await saveRun(store, run, true);
    return run;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    return (await getRun(store, accountId, runId))!;
  }
}

/**
 * Places one order of a run through the journal and says what happened. A buy not yet placed
 * under its key must first `reserve` its cost from the cash available.
 */
async function placeRunOrder(
  journal: OrderJournal,
  entry: RunOrder,
  planned: PlannedOrder,
  reserve: (request: OrderRequest, cost: number) => Promise<number | null>,
): Promise<RunOrderOutcome> {
  try {
    const existing = await journal.byIdempotencyKey(entry.idempotencyKey);
    if (entry.request.side === "buy" && (existing === null || existing.status === "not_sent")) {
      const short = await reserve(entry.request, buyCost(planned));
      if (short !== null) {
        return { kind: "skipped", reason: "insufficient_cash", availableKrw: short };
      }
    }
    const placed = await journal.placeOrder({
      idempotencyKey: entry.idempotencyKey,
      order: entry.request,
      signalPrice: planned.type === "limit" ? planned.price : planned.lastPrice,
    });
    return { kind: "placed", orderId: placed.id, status: placed.status };
  } catch (error) {
    if (error instanceof RiskRejected) return { kind: "rejected", rejections: error.rejections };
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Cash the run's buys may spend: the broker's orderable cash now (after the sells, which KIS
 * counts once filled), capped at the plan's D+2 cash when the run's settings do not let buys
 * spend unsettled sale proceeds.
 */
async function availableCash(
  broker: Broker,
  run: RebalanceRun,
  firstBuy: OrderRequest,
): Promise<number> {
  const buyable = await broker.getBuyable(
    firstBuy.symbol,
    firstBuy.type === "limit" ? firstBuy.price : undefined,
  );
  return run.useUnsettledSellProceeds ? buyable.cash : Math.min(buyable.cash, run.plan.cash);
}

function resultOf(orders: readonly RunOrder[]): RunResult {
  if (orders.length === 0) return "nothing_to_do";
  const placed = orders.filter((o) => o.outcome.kind === "placed").length;
  if (placed === orders.length) return "completed";
  if (orders.some((o) => o.outcome.kind === "error") && placed === 0) return "failed";
  return placed === 0 ? "rejected" : "partial";
}
