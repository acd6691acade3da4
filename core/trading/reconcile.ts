/**
 * Reconciliation: the journal's open orders against the broker's daily orders. KIS has no client
 * order id, so an intent (or an order whose outcome is unknown) is matched to a broker order by
 * its fields and time (see {@link matchesIntent}); a placed order is followed by its KIS number.
 * @module
 */
import type { Broker, OrderRecord } from "../broker/mod.ts";
import { kstInstant, seoulDate } from "../krx/mod.ts";
import type { LogFields, LogLevel } from "../obs/log.ts";
import { type OrderRepository, RefClaimedError } from "./order_repository.ts";
import {
  type BrokerRef,
  canTransition,
  type JournalOrder,
  OPEN_STATUSES,
  type OrderStateChange,
} from "./order_state.ts";

/** How reconciliation matches and when it gives up on finding an order. */
export interface ReconcileOptions {
  /**
   * How long after an intent was written its broker order may appear, and after which an intent
   * with no match is resolved as not sent (default 5 minutes). It must exceed the longest a broker
   * call can take, and KIS's lag in listing today's orders.
   */
  readonly horizonMs?: number;
  /** How far a broker order's time may precede the intent (clock skew; default 5 s). */
  readonly skewMs?: number;
}

/** What one reconciliation run did, by order id. */
export interface ReconcileReport {
  /** Intents or unknowns matched to a broker order. */
  readonly matched: readonly string[];
  /** Intents or unknowns with no broker order after the horizon. */
  readonly notSent: readonly string[];
  /** Placed orders whose fills or state changed. */
  readonly updated: readonly string[];
  /** Intents or unknowns still within the horizon, left for a later run. */
  readonly pending: readonly string[];
}

/** Defaults of {@link ReconcileOptions}. */
export const RECONCILE_DEFAULTS = { horizonMs: 5 * 60_000, skewMs: 5_000 } as const;

/** A new order's row, not a revision's or cancel's (those name the order they change). */
export function isNewOrder(record: OrderRecord): boolean {
  return /^0*$/.test(record.originalOrderNo) || record.originalOrderNo === record.orderNo;
}

/** Epoch ms of a broker record's order time (second precision, KST). */
export function recordInstant(record: OrderRecord): number {
  const [h, m, s] = record.time.split(":").map(Number) as [number, number, number];
  return kstInstant(record.date, h, m, s).getTime();
}

/**
 * Whether broker order `record` can be the one `order` placed: a new order with the same symbol,
 * side, type, quantity, limit price (0 for market orders) and route (the order's own, else
 * `defaultRoute`), timed from `skewMs` before the intent was written to `horizonMs` after it.
 * Limits: two identical orders inside one window (ours or another app's) cannot be told apart;
 * each broker order is given to at most one journal order, earliest intent first.
 */
export function matchesIntent(
  order: JournalOrder,
  record: OrderRecord,
  defaultRoute: OrderRecord["route"],
  options: Required<ReconcileOptions>,
): boolean {
  const request = order.request;
  const at = recordInstant(record);
  return isNewOrder(record) &&
    record.symbol === request.symbol &&
    record.side === request.side &&
    record.type === request.type &&
    record.quantity === request.quantity &&
    record.price === (request.type === "limit" ? request.price : 0) &&
    record.route === (request.route ?? defaultRoute) &&
    at >= Math.floor((order.createdAt - options.skewMs) / 1000) * 1000 &&
    at <= order.createdAt + options.horizonMs;
}

/** The journal state a broker record shows, for the order it identifies as `ref`. */
export function changeFromRecord(record: OrderRecord, ref: BrokerRef): OrderStateChange {
  const totals = {
    filledQuantity: record.filledQuantity,
    filledAmount: Math.round(record.filledAmount),
  };
  switch (record.state.status) {
    case "open":
      return { status: "submitted", ref };
    case "partially_filled":
      return { status: "partially_filled", ref, ...totals };
    case "filled":
      return { status: "filled", ref, ...totals };
    case "cancelled":
      return { status: "cancelled", ref, ...totals };
    case "rejected":
      return {
        status: "rejected",
        reason: `KIS rejected ${record.state.rejectedQuantity} shares (order ${record.orderNo})`,
      };
  }
}

/** What {@link reconcileOrders} works with. */
export interface ReconcileContext {
  readonly repository: OrderRepository;
  readonly broker: Broker;
  readonly now: () => number;
  readonly defaultRoute: OrderRecord["route"];
  readonly log: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/**
 * Brings every open journal order in line with the broker's daily orders since the oldest one:
 * placed orders take their broker record's fills and state; intents and unknowns are matched
 * ({@link matchesIntent}), or resolved as not sent once the horizon has passed.
 */
export async function reconcileOrders(
  context: ReconcileContext,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const settings = { ...RECONCILE_DEFAULTS, ...options };
  const { repository, now } = context;
  const open = (await repository.allInStatuses(OPEN_STATUSES))
    .sort((a, b) => a.createdAt - b.createdAt);
  const report = { matched: [] as string[], notSent: [] as string[], updated: [] as string[] };
  const pending: string[] = [];
  if (open.length === 0) return { ...report, pending };
  const from = seoulDate(Math.min(...open.map((o) => o.createdAt)));
  const records = await context.broker.getOrders({ from, to: seoulDate(now()) });
  const claimed = new Set<string>();
  const refOf = (r: OrderRecord): BrokerRef => ({
    orderNo: r.orderNo,
    branchNo: r.branchNo,
    route: r.route,
    date: r.date,
  });
  /** Applies `change` where still legal; true when it was applied. */
  const apply = async (order: JournalOrder, change: OrderStateChange, why: string) => {
    let applied = false;
    await repository.update(order.id, (current) => {
      applied = canTransition(current, change);
      return applied ? change : null;
    }, why);
    return applied;
  };

  for (const order of open) {
    if ("ref" in order) {
      const { ref } = order;
      claimed.add(`${ref.date}/${ref.branchNo}/${ref.orderNo}`);
      const record = records.find((r) =>
        r.date === ref.date && r.orderNo === ref.orderNo && r.branchNo === ref.branchNo
      );
      if (!record) continue;
      if (await apply(order, changeFromRecord(record, ref), "reconciled with KIS")) {
        report.updated.push(order.id);
      }
    }
  }
  for (const order of open) {
    if (order.status !== "intent" && order.status !== "unknown") continue;
    const candidates = records.filter((r) =>
      !claimed.has(`${r.date}/${r.branchNo}/${r.orderNo}`) &&
      matchesIntent(order, r, context.defaultRoute, settings)
    ).sort((a, b) => recordInstant(a) - recordInstant(b));
    let matched = false;
    for (const record of candidates) {
      const ref = refOf(record);
      claimed.add(`${ref.date}/${ref.branchNo}/${ref.orderNo}`);
      if (await repository.idOfBrokerOrder(ref) !== null) continue;
      try {
        if (!await apply(order, changeFromRecord(record, ref), "matched a KIS order")) break;
      } catch (error) {
        if (error instanceof RefClaimedError) continue;
        throw error;
      }
      context.log("info", "journal: intent matched a KIS order", { order: order.id, ref });
      report.matched.push(order.id);
      matched = true;
      break;
    }
    if (matched) continue;
    if (now() - order.createdAt >= settings.horizonMs) {
      const reason = `no KIS order within ${settings.horizonMs} ms of the intent`;
      if (await apply(order, { status: "not_sent", reason }, "reconciled: not sent")) {
        context.log("warn", "journal: intent resolved as not sent", { order: order.id });
        report.notSent.push(order.id);
      }
    } else {
      pending.push(order.id);
    }
  }
  return { ...report, pending };
}
