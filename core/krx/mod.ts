/**
 * KRX market rules: symbol codes, dates, tick sizes, price limits, fees and sell tax, the
 * trading calendar and session phases. Pure: no I/O, clocks are passed in.
 *
 * @module
 */
export { isSymbolCode, parseSymbolCode, type SymbolCode } from "./symbol.ts";
export {
  addDays,
  type DateRange,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  parseIsoDate,
  weekdayOfEpochDay,
} from "./date.ts";
export type { InstrumentContext, InstrumentKind, Market } from "./market.ts";
export {
  FUND_TICK_BANDS,
  FUND_TICK_BEFORE_2023_12_18,
  isOnTick,
  KOSDAQ_TICK_BANDS_BEFORE_2023,
  KOSPI_TICK_BANDS_BEFORE_2023,
  roundRatioToTick,
  roundToTick,
  STOCK_TICK_BANDS,
  TICK_TABLES,
  type TickBands,
  tickBands,
  type TickRounding,
  tickSize,
  type TickTable,
} from "./tick.ts";
export {
  PRICE_LIMIT_PERCENT,
  PRICE_LIMIT_SCHEDULE,
  type PriceLimitContext,
  priceLimitPercent,
  type PriceLimitRow,
  priceLimits,
} from "./limits.ts";
export {
  affordableQty,
  type CostRates,
  DEFAULT_FEE_RATE,
  type Fill,
  fillCosts,
  RATE_SCALE,
  SELL_TAX_BY_TRADE_DATE,
  SELL_TAX_SCHEDULE,
  sellTaxRate,
  type SellTaxRow,
  SETTLEMENT_DAYS,
  wholeWon,
} from "./costs.ts";
export { KRX_CALENDAR_YEARS, KRX_HOLIDAYS } from "./holidays.ts";
export {
  type CalendarYears,
  DEFAULT_CALENDAR,
  type KnownDay,
  TradingCalendar,
} from "./calendar.ts";
export {
  REGULAR_SESSION,
  REGULAR_SESSION_BEFORE_2016_08_01,
  REGULAR_SESSION_FROM,
  type SessionPhase,
  sessionPhaseAt,
  type SessionTimes,
  sessionTimesOn,
  shiftedSession,
} from "./session.ts";
export { KRX_SPECIAL_DAYS, type SpecialDayKind, specialDayKind } from "./special_days.ts";
export {
  clockTime,
  compactDate,
  compactTimeOfDay,
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
  NXT_SPECIAL_SCHEDULES,
  type NxtSchedule,
  nxtScheduleOn,
  type NxtSessionPhase,
  nxtSessionPhaseAt,
  type NxtSpan,
  type OrderRoute,
  type Venue,
} from "./venue.ts";
