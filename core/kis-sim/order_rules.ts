import {
  type InstrumentContext,
  isOnTick,
  priceLimits,
  type SessionPhase,
  sessionPhaseAt,
  sessionTimesOn,
} from "../krx/mod.ts";
import { kstInstant } from "../krx/time.ts";
import { KIS_ERRORS, marketClosedError, type SimReply } from "./errors.ts";
import type { SimMarket } from "./market.ts";
import type { OrderType } from "./orders.ts";
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
