import {
  DEFAULT_CALENDAR,
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  kstInstant,
  kstWallClock,
  nxtSessionPhaseAt,
  priceLimits,
  seoulDate,
  tickSize,
  type TradingCalendar,
  type Venue,
} from "../krx/mod.ts";
import { generateHistory, type SimDailyBar, type SimOhlcv } from "./history.ts";
import {
  barSoFar,
  eventKind,
  eventsDone,
  generateIntraday,
  type IntradayPath,
  type TapeView,
} from "./intraday.ts";
import { type OrderBook, syntheticBook } from "./order_book.ts";
import type { VolatilityState } from "./price_model.ts";
import { deriveSeed, Rng } from "./rng.ts";
import { DEFAULT_SYMBOLS, type SimSymbol } from "./symbols.ts";
import { tapeTimes } from "./tape_schedule.ts";

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
  /** The venues the trade counts for (both in Nextrade's main market, which shares KRX's trades). */
  readonly venues: readonly Venue[];
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
  /**
   * The next trading day's tape, built ahead by {@link SimMarket.prepareNextDay} (the calendar is
   * fixed, so the roll reaches that day next).
   */
  next: IntradayPath | null;
}

const KRX_ONLY: readonly Venue[] = ["KRX"];
const NXT_ONLY: readonly Venue[] = ["NXT"];
const BOTH_VENUES: readonly Venue[] = ["KRX", "NXT"];

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
      this.#states.set(symbol.code, {
        symbol,
        rng,
        volatility: state,
        bars,
        path: null,
        next: null,
      });
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

  /** How many of today's events of `code` have happened. */
  eventsDone(code: string): number {
    const path = this.#state(code).path;
    return path ? eventsDone(path, this.#instant.getTime()) : 0;
  }

  /** Moves to `instant` (same KST date, not earlier) and returns the trades in between, in time order. */
  advanceTo(instant: Date): TradePrint[] {
    if (seoulDate(instant) !== this.#date) {
      throw new RangeError(
        `advanceTo ${instant.toISOString()} leaves ${this.#date}; roll the day first`,
      );
    }
    if (instant.getTime() <= this.#instant.getTime()) return [];
    const from = this.#instant.getTime();
    this.#instant = instant;
    const prints: TradePrint[] = [];
    for (const { symbol, path } of this.#states.values()) {
      if (!path) continue;
      const after = eventsDone(path, instant.getTime());
      for (let k = eventsDone(path, from); k < after; k++) {
        const at = new Date(path.times[k] ?? 0);
        prints.push({ symbol, at, path, k, venues: this.#venues(symbol, path, k, at) });
      }
    }
    // stable: trades at the same instant keep the symbols' display order
    return prints.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Closes the current date (finishing its tape into history) and moves to 00:00 KST of the next date. */
  rollToNextDay(): void {
    for (const state of this.#states.values()) {
      const bar = state.path && barSoFar(state.path, state.path.times.length, "KRX");
      if (bar) state.bars.push(bar);
      state.path = null;
    }
    this.#date = epochDayToIsoDate(isoDateToEpochDay(this.#date) + 1);
    this.#instant = kstInstant(this.#date, 0);
    this.#openDay();
  }

  /**
   * Builds the next trading day's tape of one symbol that has none built yet, ahead of the day:
   * a few milliseconds each, so that a caller with time to spare (the simulator's pump) spreads
   * the work and {@link rollToNextDay} only swaps the tapes in. The tapes are the ones the roll
   * would build. Returns false when every symbol's is built.
   */
  prepareNextDay(): boolean {
    let date: IsoDate;
    try {
      date = this.calendar.nextTradingDay(this.#date);
    } catch (error) {
      // past the calendar's last covered day there is nothing to build ahead
      if (error instanceof RangeError) return false;
      throw error;
    }
    for (const state of this.#states.values()) {
      if (state.next) continue;
      const closed = state.path && barSoFar(state.path, state.path.times.length, "KRX");
      const base = closed?.close ?? state.bars.at(-1)?.close ?? state.symbol.startPrice;
      state.next = this.#buildTape(state, date, base);
      return true;
    }
    return false;
  }

  /** The quote of `code` now: KRX's (`J`), or both venues' trades (`NX`, `UN`). */
  quote(code: string, view: TapeView = "KRX"): SimQuote {
    const state = this.#state(code);
    const { symbol, path } = state;
    if (path) {
      const bar = barSoFar(path, this.eventsDone(code), view);
      return this.#makeQuote(symbol, path.base, bar, bar?.close ?? path.base);
    }
    const last = state.bars.at(-1);
    const base = state.bars.at(-2)?.close ?? last?.close ?? symbol.startPrice;
    return this.#makeQuote(symbol, base, last ?? null, last?.close ?? base);
  }

  /** KRX's daily bars of `code`, oldest first, including today's bar once KRX has opened. */
  dailyBars(code: string): SimDailyBar[] {
    const state = this.#state(code);
    const today = state.path && barSoFar(state.path, this.eventsDone(code), "KRX");
    return today ? [...state.bars, today] : [...state.bars];
  }

  /** Today's one-minute bars of `code` on KRX so far, oldest first; the closing auction has its own. */
  minuteBars(code: string): SimMinuteBar[] {
    const path = this.#state(code).path;
    if (!path) return [];
    const done = this.eventsDone(code);
    const bars: SimMinuteBar[] = [];
    const end = Math.min(done, path.closingAuction);
    let first = path.openingAuction;
    for (let k = first + 1; k <= end; k++) {
      if (k === end || minuteOf(path, k) !== minuteOf(path, first)) {
        bars.push(minuteBar(path, first, k));
        first = k;
      }
    }
    if (done > path.closingAuction) {
      bars.push(minuteBar(path, path.closingAuction, path.closingAuction + 1));
    }
    return bars;
  }

  /** The resting book of `code` now (deterministic per seed, symbol, date and event). */
  book(code: string): OrderBook {
    return this.bookAt(code, this.eventsDone(code));
  }

  /** The resting book of `code` just after today's event `done - 1` (before any trade: around the base). */
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
      state.path = state.next ?? this.#buildTape(state, this.#date, base);
      state.next = null;
    }
  }

  /** The tape of `state`'s symbol on `date` from `base`; moves its volatility state on a day. */
  #buildTape(state: SymbolState, date: IsoDate, base: number): IntradayPath {
    const rng = new Rng(deriveSeed(this.#seed, "day", state.symbol.code, date));
    const times = tapeTimes(date, state.symbol.nxt);
    return generateIntraday(state.symbol, date, base, times, rng, state.volatility);
  }

  #venues(symbol: SimSymbol, path: IntradayPath, k: number, at: Date): readonly Venue[] {
    const kind = eventKind(path, k);
    if (kind === "nxt_pre_market" || kind === "nxt_after_market") return NXT_ONLY;
    // Nextrade has no auctions; its main market starts 30 s after KRX's open
    const nxtMain = kind === "continuous" && symbol.nxt &&
      nxtSessionPhaseAt(at, this.calendar) === "main_market";
    return nxtMain ? BOTH_VENUES : KRX_ONLY;
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
  const time = `${kstWallClock(path.times[from] ?? 0).compactTime.slice(0, 4)}00`;
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

/** The minute of event `k`, counted from the epoch (KST is a whole number of hours from UTC). */
function minuteOf(path: IntradayPath, k: number): number {
  return Math.floor((path.times[k] ?? 0) / 60_000);
}
