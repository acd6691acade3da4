/**
 * Risk checks before every order: pure functions of the order, a snapshot of the account and
 * market at one instant, and the limits. Every failed check is one typed rejection with a message.
 * @module
 */
import type { OrderRequest } from "../broker/mod.ts";
import {
  DEFAULT_CALENDAR,
  isOnTick,
  nxtSessionPhaseAt,
  type OrderRoute,
  type PriceLimitContext,
  priceLimits,
  seoulDate,
  type SessionPhase,
  sessionPhaseAt,
  tickSize,
  type TradingCalendar,
} from "../krx/mod.ts";

/** The account's limits; KRW amounts are integers. */
export interface RiskLimits {
  /** Largest amount of one order. */
  readonly maxOrderKrw: number;
  /** Largest amount of all orders written on one KST day, this one included. */
  readonly maxDailyKrw: number;
  /** Largest share of equity one symbol may reach by a buy, in basis points (10,000 = 100 %). */
  readonly maxPositionWeightBps: number;
  /** Most orders open (intent, unknown, submitted, partially filled) at once, this one included. */
  readonly maxOpenOrders: number;
}

/** The account and market as they stand when the order is checked. */
export interface RiskSnapshot {
  /** Epoch ms of the check; the session and the rules' date follow from it. */
  readonly at: number;
  readonly killSwitchOn: boolean;
  /** Instrument, market and leverage of the symbol (the date is taken from `at`). */
  readonly instrument: Omit<PriceLimitContext, "date">;
  /**
   * The day's base price (previous close), which the price limits derive from; null when no quote
   * was read (a market sell checked against a trade just seen: none of its checks uses the limits).
   */
  readonly basePrice: number | null;
  /** Last traded price, which a market sell is valued at. */
  readonly lastPrice: number;
  /** Cash that buys can use now. */
  readonly buyableCash: number;
  /** KRW already written as orders today. */
  readonly orderedTodayKrw: number;
  readonly openOrders: number;
  /** Value of the symbol's holding now. */
  readonly positionValueKrw: number;
  /** The account's total value (cash and securities). */
  readonly equityKrw: number;
  /** The route an order without one goes to. */
  readonly defaultRoute: OrderRoute;
  readonly calendar?: TradingCalendar;
  /** The KRX phases the broker takes orders in (default {@link KRX_ACCEPTING_PHASES}). */
  readonly orderPhases?: readonly SessionPhase[];
}

/** Why an order was refused before it was written; `code` names the check. */
export type RiskRejection =
  | { readonly code: "kill_switch"; readonly message: string }
  | { readonly code: "invalid_quantity"; readonly message: string }
  | { readonly code: "order_amount"; readonly message: string; readonly amount: number }
  | { readonly code: "daily_amount"; readonly message: string; readonly total: number }
  | { readonly code: "position_weight"; readonly message: string; readonly weightBps: number }
  | { readonly code: "open_orders"; readonly message: string; readonly open: number }
  | { readonly code: "off_tick"; readonly message: string; readonly tick: number }
  | {
    readonly code: "price_limit";
    readonly message: string;
    readonly lower: number;
    readonly upper: number;
  }
  | { readonly code: "session_closed"; readonly message: string; readonly route: OrderRoute }
  | { readonly code: "insufficient_cash"; readonly message: string; readonly needed: number };

/** An order refused by the risk checks; `rejections` lists every failed check. */
export class RiskRejected extends Error {
  /** Every failed check, in the order they are checked. */
  readonly rejections: readonly RiskRejection[];

  /** An order refused for `rejections` (at least one). */
  constructor(rejections: readonly RiskRejection[]) {
    super(`order refused by risk checks: ${rejections.map((r) => r.message).join("; ")}`);
    this.name = "RiskRejected";
    this.rejections = rejections;
  }
}

/** The KRX phases that take regular (limit and market) orders: from 08:30 to the close. */
export const KRX_ACCEPTING_PHASES: readonly SessionPhase[] = [
  "pre_open",
  "opening_auction",
  "continuous",
  "closing_auction",
];

/**
 * The KRW an order commits: a limit order its price × quantity; a market buy the upper price
 * limit × quantity (KIS reserves cash at the upper limit); a market sell the last price × quantity.
 */
export function orderAmount(order: OrderRequest, snapshot: RiskSnapshot): number {
  if (order.type === "limit") return order.price * order.quantity;
  if (order.side === "sell") return snapshot.lastPrice * order.quantity;
  return limitsOf(snapshot).upper * order.quantity;
}

/**
 * Whether `route` takes orders at `at`: KRX in `krxPhases` (the broker's), NXT when open, SOR when
 * either is.
 */
export function routeOpen(
  route: OrderRoute,
  at: number,
  calendar = DEFAULT_CALENDAR,
  krxPhases: readonly SessionPhase[] = KRX_ACCEPTING_PHASES,
): boolean {
  const krx = krxPhases.includes(sessionPhaseAt(at, calendar));
  const nxt = nxtSessionPhaseAt(at, calendar) !== "closed";
  return route === "KRX" ? krx : route === "NXT" ? nxt : krx || nxt;
}

/**
 * Every check `order` fails against `snapshot` and `limits`; empty when it may be placed.
 *
 * @example
 * const rejections = checkOrder(order, snapshot, limits);
 * if (rejections.length > 0) throw new RiskRejected(rejections);
 */
export function checkOrder(
  order: OrderRequest,
  snapshot: RiskSnapshot,
  limits: RiskLimits,
): RiskRejection[] {
  const out: RiskRejection[] = [];
  if (snapshot.killSwitchOn) {
    out.push({ code: "kill_switch", message: "the kill switch is on: no new orders" });
  }
  if (!Number.isInteger(order.quantity) || order.quantity <= 0) {
    out.push({ code: "invalid_quantity", message: `quantity ${order.quantity} is not a whole >0` });
    return out;
  }
  const context = { ...snapshot.instrument, date: seoulDate(snapshot.at) };
  if (order.type === "limit") {
    if (!isOnTick(order.price, context)) {
      const tick = tickSize(Math.max(order.price, 1), context);
      out.push({
        code: "off_tick",
        message: `price ${order.price} is off the ${tick}-won tick`,
        tick,
      });
    }
    const { upper, lower } = limitsOf(snapshot);
    if (order.price > upper || order.price < lower) {
      out.push({
        code: "price_limit",
        message: `price ${order.price} is outside today's limits ${lower}–${upper}`,
        lower,
        upper,
      });
    }
  }
  const route = order.route ?? snapshot.defaultRoute;
  if (!routeOpen(route, snapshot.at, snapshot.calendar, snapshot.orderPhases)) {
    out.push({ code: "session_closed", message: `${route} takes no orders now`, route });
  }
  const amount = orderAmount(order, snapshot);
  if (amount > limits.maxOrderKrw) {
    out.push({
      code: "order_amount",
      message: `order amount ₩${amount} is over the ₩${limits.maxOrderKrw} per-order limit`,
      amount,
    });
  }
  const total = snapshot.orderedTodayKrw + amount;
  if (total > limits.maxDailyKrw) {
    out.push({
      code: "daily_amount",
      message: `today's orders would reach ₩${total}, over the ₩${limits.maxDailyKrw} daily limit`,
      total,
    });
  }
  if (snapshot.openOrders + 1 > limits.maxOpenOrders) {
    out.push({
      code: "open_orders",
      message: `${snapshot.openOrders} orders are open; the limit is ${limits.maxOpenOrders}`,
      open: snapshot.openOrders,
    });
  }
  if (order.side === "buy") {
    const weightBps = snapshot.equityKrw <= 0
      ? Infinity
      : Math.ceil(((snapshot.positionValueKrw + amount) * 10_000) / snapshot.equityKrw);
    if (weightBps > limits.maxPositionWeightBps) {
      out.push({
        code: "position_weight",
        message: `${order.symbol} would be ${weightBps / 100} % of equity, over ${
          limits.maxPositionWeightBps / 100
        } %`,
        weightBps,
      });
    }
    if (amount > snapshot.buyableCash) {
      out.push({
        code: "insufficient_cash",
        message: `needs ₩${amount}, only ₩${snapshot.buyableCash} can buy`,
        needed: amount,
      });
    }
  }
  return out;
}

function limitsOf(snapshot: RiskSnapshot): { upper: number; lower: number } {
  if (snapshot.basePrice === null) {
    throw new RangeError("the price limits need the day's base price: read a quote");
  }
  return priceLimits(snapshot.basePrice, {
    ...snapshot.instrument,
    date: seoulDate(snapshot.at),
  });
}
