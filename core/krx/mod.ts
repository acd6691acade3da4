/**
 * KRX market rules: symbol codes, dates, tick sizes, price limits, fees and sell tax, the
 * trading calendar and session phases. Pure: no I/O, clocks are passed in.
 *
 * @module
 */
export { isSymbolCode, parseSymbolCode, type SymbolCode } from "./symbol.ts";
export {
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  parseIsoDate,
  weekdayOfEpochDay,
} from "./date.ts";
export type { InstrumentContext, InstrumentKind, Market } from "./market.ts";
export {
  FUND_TICK,
  isOnTick,
  roundRatioToTick,
  roundToTick,
  STOCK_TICK_BANDS,
  type TickRounding,
  tickSize,
} from "./tick.ts";
export { PRICE_LIMIT_PERCENT, type PriceLimitContext, priceLimits } from "./limits.ts";
export {
  type CostRates,
  DEFAULT_FEE_RATE,
  type Fill,
  fillCosts,
  RATE_SCALE,
  SELL_TAX_SCHEDULE,
  sellTaxRate,
  wholeWon,
} from "./costs.ts";
export { KRX_HOLIDAYS } from "./holidays.ts";
export { DEFAULT_CALENDAR, TradingCalendar } from "./calendar.ts";
export { SESSION_SCHEDULE, type SessionPhase, sessionPhaseAt } from "./session.ts";
export {
  compactDate,
  dashedDate,
  KST_OFFSET_MS,
  kstDateTime,
  kstInstant,
  type KstWallClock,
  kstWallClock,
  parseKstDateTime,
  seoulDate,
} from "./time.ts";
export {
  NXT_FIRST_DAY,
  NXT_SESSION_SCHEDULE,
  type NxtSessionPhase,
  nxtSessionPhaseAt,
  type OrderRoute,
  type Venue,
} from "./venue.ts";
