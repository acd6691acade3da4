import {
  DEFAULT_CALENDAR,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  priceLimits,
  seoulDate,
  tickSize,
  type TradingCalendar,
} from "../krx/mod.ts";
import { generateHistory, type SimDailyBar, type SimOhlcv } from "./history.ts";
import {
  barSoFar,
  CONTINUOUS_STEPS,
  DAY_EVENTS,
  eventOffsetMs,
  eventsDone,
  generateIntraday,
  type IntradayPath,
} from "./intraday.ts";
import { kstInstant } from "../krx/time.ts";
import { type OrderBook, syntheticBook } from "./order_book.ts";
import type { VolatilityState } from "./price_model.ts";
import { deriveSeed, Rng } from "./rng.ts";
import { DEFAULT_SYMBOLS, type SimSymbol } from "./symbols.ts";

/** A symbol's state at the market's current instant; prices in won, 0 where KIS shows 0. */
export interface SimQuote {
  readonly symbol: SimSymbol;
  readonly date: IsoDate;
  /** Base price (previous close) the limits and changes refer to. */
  readonly base: number;
  readonly last: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly volume: number;
  readonly turnover: number;
  readonly upper: number;
  readonly lower: number;
  readonly tick: number;
}

/** One trade of the simulated tape. */
export interface TradePrint {
  readonly symbol: SimSymbol;
  readonly at: Date;
  readonly path: IntradayPath;
  /** Index of the event in `path`. */
  readonly k: number;
}

/** A one-minute bar labelled by its starting minute (`HHMM00`, KST). */
export interface SimMinuteBar extends SimOhlcv {
  readonly time: string;
  readonly turnover: number;
}

/** Market configuration; history covers `historyDays` trading days before the start date. */
export interface MarketOptions {
  seed: number;
  start: Date;
  symbols?: readonly SimSymbol[];
  calendar?: TradingCalendar;
  historyDays?: number;
}

interface SymbolState {
  readonly symbol: SimSymbol;
  readonly rng: Rng;
  readonly volatility: VolatilityState;
  readonly bars: SimDailyBar[];
  path: IntradayPath | null;
}

const EVENTS_PER_MINUTE = 60_000 / 5_000;

/**
 * The seeded market: daily history before the start date, then one generated trade tape per
 * trading day. Pure: the caller moves it with {@link SimMarket.advanceTo} and
 * {@link SimMarket.rollToNextDay}; it never rewinds.
 */
export class SimMarket {
  /** Trading days and holidays. */
  readonly calendar: TradingCalendar;
  /** The listed symbols, in display order. */
  readonly symbols: readonly SimSymbol[];
  #seed: number;
  #states = new Map<string, SymbolState>();
  #date: IsoDate;
  #instant: Date;

  /** Builds the history up to the start date and today's tapes. */
  constructor(options: MarketOptions) {
    this.calendar = options.calendar ?? DEFAULT_CALENDAR;
    this.symbols = options.symbols ?? DEFAULT_SYMBOLS;
    this.#seed = options.seed;
    this.#instant = options.start;
    this.#date = seoulDate(options.start);
    const historyDates = this.#historyDates(options.historyDays ?? 750);
    for (const symbol of this.symbols) {
      const rng = new Rng(deriveSeed(options.seed, "history", symbol.code));
      const { bars, state } = generateHistory(symbol, historyDates, rng);
      this.#states.set(symbol.code, { symbol, rng, volatility: state, bars, path: null });
    }
    this.#openDay();
  }

  /** The market's current instant. */
  get instant(): Date {
    return this.#instant;
  }

  /** The current KST calendar date (trading day or not). */
  get date(): IsoDate {
    return this.#date;
  }

  /** Whether the current date is a trading day. */
  get isTradingDay(): boolean {
    return this.calendar.isTradingDay(this.#date);
  }

  /** The listed symbol with `code`, if any. */
  symbol(code: string): SimSymbol | undefined {
    return this.#states.get(code)?.symbol;
  }

  /** Today's tape of `code`, or null on a non-trading day or for an unknown code. */
  path(code: string): IntradayPath | null {
    return this.#states.get(code)?.path ?? null;
  }

  /** How many of today's events have happened. */
  eventsDone(): number {
    if (!this.isTradingDay) return 0;
    return eventsDone(this.#instant.getTime() - kstInstant(this.#date, 9).getTime());
  }

  /** Moves to `instant` (same KST date, not earlier) and returns the trades in between, in time order. */
  advanceTo(instant: Date): TradePrint[] {
    if (seoulDate(instant) !== this.#date) {
      throw new RangeError(
        `advanceTo ${instant.toISOString()} leaves ${this.#date}; roll the day first`,
      );
    }
    if (instant.getTime() <= this.#instant.getTime()) return [];
    const before = this.eventsDone();
    this.#instant = instant;
    const after = this.eventsDone();
    const prints: TradePrint[] = [];
    const open = kstInstant(this.#date, 9).getTime();
    for (let k = before; k < after; k++) {
      const at = new Date(open + eventOffsetMs(k));
      for (const state of this.#states.values()) {
        if (state.path) prints.push({ symbol: state.symbol, at, path: state.path, k });
      }
    }
    return prints;
  }

  /** Closes the current date (finishing its tape into history) and moves to 00:00 KST of the next date. */
  rollToNextDay(): void {
    for (const state of this.#states.values()) {
      const bar = state.path && barSoFar(state.path, DAY_EVENTS);
      if (bar) state.bars.push(bar);
      state.path = null;
    }
    this.#date = epochDayToIsoDate(isoDateToEpochDay(this.#date) + 1);
    this.#instant = kstInstant(this.#date, 0);
    this.#openDay();
  }

  /** The quote of `code` now. */
  quote(code: string): SimQuote {
    const state = this.#state(code);
    const { symbol, path } = state;
    if (path) {
      const done = this.eventsDone();
      const bar = barSoFar(path, done);
      return this.#makeQuote(symbol, path.base, bar, bar?.close ?? path.base);
    }
    const last = state.bars.at(-1);
    const base = state.bars.at(-2)?.close ?? last?.close ?? symbol.startPrice;
    return this.#makeQuote(symbol, base, last ?? null, last?.close ?? base);
  }

  /** Daily bars of `code`, oldest first, including today's bar once trading has started. */
  dailyBars(code: string): SimDailyBar[] {
    const state = this.#state(code);
    const today = state.path && barSoFar(state.path, this.eventsDone());
    return today ? [...state.bars, today] : [...state.bars];
  }

  /** Today's one-minute bars of `code` so far, oldest first. */
  minuteBars(code: string): SimMinuteBar[] {
    const path = this.#state(code).path;
    if (!path) return [];
    const done = this.eventsDone();
    const bars: SimMinuteBar[] = [];
    const continuous = Math.min(done, CONTINUOUS_STEPS);
    for (let first = 0; first < continuous; first += EVENTS_PER_MINUTE) {
      bars.push(minuteBar(path, first, Math.min(first + EVENTS_PER_MINUTE, continuous)));
    }
    if (done === DAY_EVENTS) bars.push(minuteBar(path, CONTINUOUS_STEPS, DAY_EVENTS));
    return bars;
  }

  /** The resting book of `code` now (deterministic per seed, symbol, date and event). */
  book(code: string): OrderBook {
    return this.bookAt(code, this.eventsDone());
  }

  /** The resting book of `code` just after today's event `done - 1` (before the open: around the base). */
  bookAt(code: string, done: number): OrderBook {
    const state = this.#state(code);
    const quote = this.quote(code);
    const last = state.path && done > 0 ? state.path.prices[done - 1] ?? quote.last : quote.last;
    const rng = new Rng(deriveSeed(this.#seed, "book", code, this.#date, done));
    return syntheticBook(state.symbol, quote.base, last, rng);
  }

  #state(code: string): SymbolState {
    const state = this.#states.get(code);
    if (!state) throw new RangeError(`unknown symbol ${code}`);
    return state;
  }

  #makeQuote(symbol: SimSymbol, base: number, bar: SimDailyBar | null, last: number): SimQuote {
    const { upper, lower } = priceLimits(base, { instrument: symbol.kind });
    return {
      symbol,
      date: bar?.date ?? this.#date,
      base,
      last,
      open: bar?.open ?? 0,
      high: bar?.high ?? 0,
      low: bar?.low ?? 0,
      volume: bar?.volume ?? 0,
      turnover: bar?.turnover ?? 0,
      upper,
      lower,
      tick: tickSize(last, { instrument: symbol.kind }),
    };
  }

  #openDay(): void {
    if (!this.isTradingDay) return;
    for (const state of this.#states.values()) {
      const base = state.bars.at(-1)?.close ?? state.symbol.startPrice;
      const rng = new Rng(deriveSeed(this.#seed, "day", state.symbol.code, this.#date));
      state.path = generateIntraday(state.symbol, this.#date, base, rng, state.volatility);
    }
  }

  #historyDates(count: number): IsoDate[] {
    const dates: IsoDate[] = [];
    let date = this.#date;
    for (let i = 0; i < count; i++) {
      date = this.calendar.previousTradingDay(date);
      dates.push(date);
    }
    return dates.reverse();
  }
}

function minuteBar(path: IntradayPath, from: number, to: number): SimMinuteBar {
  let high = 0;
  let low = Infinity;
  let volume = 0;
  let turnover = 0;
  for (let k = from; k < to; k++) {
    const price = path.prices[k] ?? 0;
    const qty = path.volumes[k] ?? 0;
    high = Math.max(high, price);
    low = Math.min(low, price);
    volume += qty;
    turnover += price * qty;
  }
  const minutes = 9 * 60 + Math.floor(eventOffsetMs(from) / 60_000);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}${
    String(minutes % 60).padStart(2, "0")
  }00`;
  return {
    time,
    open: path.prices[from] ?? 0,
    high,
    low,
    close: path.prices[to - 1] ?? 0,
    volume,
    turnover,
  };
}
