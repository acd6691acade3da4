import {
  type InstrumentContext,
  isOnTick,
  nxtSessionPhaseAt,
  type OrderRoute,
  priceLimits,
  type SessionPhase,
  sessionPhaseAt,
  sessionTimesOn,
  type Venue,
} from "../krx/mod.ts";
import { kstInstant } from "../krx/time.ts";
import { KIS_ERRORS, marketClosedError, type SimReply } from "./errors.ts";
import type { SimMarket } from "./market.ts";
import type { OrderType } from "./orders.ts";
import type { SimSymbol } from "./symbols.ts";
import type { SimEnv } from "./tr_ids.ts";

/** The KRX phases in which each environment takes regular orders. */
export const ACCEPTING: Record<SimEnv, readonly SessionPhase[]> = {
  // KRX takes regular orders for the opening auction from 08:30
  real: ["pre_open", "opening_auction", "continuous", "closing_auction"],
  // KIS mock trades the regular session only
  vts: ["continuous", "closing_auction"],
};

/**
 * KRX's price checks for a limit price against the day's `base`: on the tick grid and inside the
 * price limits of the instrument's market and date. Market orders carry no price to check.
 */
export function checkPrice(
  type: OrderType,
  price: number,
  base: number,
  context: InstrumentContext,
): SimReply | null {
  if (type === "market") return null;
  if (!isOnTick(price, context)) return KIS_ERRORS.offTick;
  const { upper, lower } = priceLimits(base, context);
  return price > upper || price < lower ? KIS_ERRORS.beyondLimit : null;
}

/** KIS's answer to an order at the market's instant outside the sessions `env` trades in. */
export function checkSession(market: SimMarket, env: SimEnv): SimReply | null {
  if (!market.isTradingDay) return KIS_ERRORS.notTradingDay;
  const phase = sessionPhaseAt(market.instant, market.calendar);
  if (ACCEPTING[env].includes(phase)) return null;
  // the open moves on special days (the year's first trading day, the exam day)
  const open = sessionTimesOn(market.date).open;
  const before = market.instant.getTime() < kstInstant(market.date, 0, open).getTime();
  return marketClosedError(env, before);
}

/** Whether Nextrade trades continuously at the market's instant (it has no auctions). */
export function nxtOpen(market: SimMarket): boolean {
  return nxtSessionPhaseAt(market.instant, market.calendar) !== "closed";
}

/**
 * The venue an order sent on `route` goes to now, or KIS's refusal. KRX orders follow KRX's
 * sessions; NXT orders Nextrade's (08:00–08:50, 09:00:30–15:20, 15:30–20:00; limit orders only,
 * NXT takes no market order) for the symbols it lists; smart routing (SOR) goes to KRX while KRX
 * takes orders and to Nextrade otherwise (sim choice: KIS does not publish its routing rule). The
 * mock server supports KRX only (sim choice: NXT/SOR in mock are unconfirmed).
 */
export function routeOrder(
  market: SimMarket,
  env: SimEnv,
  order: { readonly route: OrderRoute; readonly type: OrderType },
  symbol: SimSymbol,
): Venue | SimReply {
  const { route, type } = order;
  if (route !== "KRX" && env === "vts") return KIS_ERRORS.unsupportedOrderType;
  if (route === "NXT" && type === "market") return KIS_ERRORS.unsupportedOrderType;
  if (route === "NXT" && !symbol.nxt) return KIS_ERRORS.notNxtSymbol;
  const krx = checkSession(market, env);
  if (route === "KRX" || !symbol.nxt) return krx ?? "KRX";
  if (route === "SOR" && krx === null) return "KRX";
  if (nxtOpen(market)) return "NXT";
  return krx ?? KIS_ERRORS.closedReal;
}

/** KIS's refusal of a revision or cancel of an order resting on `venue` now, or null. */
export function checkVenueSession(market: SimMarket, env: SimEnv, venue: Venue): SimReply | null {
  if (venue === "KRX") return checkSession(market, env);
  if (nxtOpen(market)) return null;
  return market.isTradingDay ? KIS_ERRORS.closedReal : KIS_ERRORS.notTradingDay;
}

/** Whether `venue` matches incoming orders against the book now (continuous trading). */
export function venueMatchesNow(market: SimMarket, venue: Venue): boolean {
  if (venue === "NXT") return nxtOpen(market);
  return sessionPhaseAt(market.instant, market.calendar) === "continuous";
}
