import type { SimDailyBar } from "./history.ts";
import { type IsoDate, priceLimits, tickSize } from "../krx/mod.ts";
import {
  dayGrid,
  dayShock,
  openingGap,
  reversionDrift,
  updateVolatility,
  type VolatilityState,
} from "./price_model.ts";
import type { Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";
import type { TapeTimes } from "./tape_schedule.ts";

/** Where an event of a day's tape happens: Nextrade's pre-/after-market or a KRX phase. */
export type TapeEventKind =
  | "nxt_pre_market"
  | "opening_auction"
  | "continuous"
  | "closing_auction"
  | "nxt_after_market";

/** Which trades a quote counts: KRX's own (`J`), or both venues' (`NX`, `UN`). */
export type TapeView = "KRX" | "integrated";

/** Running aggregates: index k holds the high, low, volume and turnover up to event k. */
export interface RunningBar {
  readonly highs: Int32Array;
  readonly lows: Int32Array;
  readonly cumVolumes: Float64Array;
  readonly cumTurnovers: Float64Array;
}

/**
 * One day's trade tape of a symbol, in time order: Nextrade's pre-market, KRX's opening auction,
 * continuous trades and closing auction, then Nextrade's after-market. Running aggregates per
 * view make quotes at any instant O(1).
 */
export interface IntradayPath extends TapeTimes {
  readonly date: IsoDate;
  readonly base: number;
  readonly prices: Int32Array;
  readonly volumes: Int32Array;
  /** Aggregates over KRX's events (from the opening to the closing auction). */
  readonly krx: RunningBar;
  /** Aggregates over every event of both venues. */
  readonly integrated: RunningBar;
}

/** What kind of event index `k` of `path` is. */
export function eventKind(path: TapeTimes, k: number): TapeEventKind {
  if (k < path.openingAuction) return "nxt_pre_market";
  if (k === path.openingAuction) return "opening_auction";
  if (k < path.closingAuction) return "continuous";
  if (k === path.closingAuction) return "closing_auction";
  return "nxt_after_market";
}

/** How many events of `path` have happened at `instantMs` (the count of times at or before it). */
export function eventsDone(path: TapeTimes, instantMs: number): number {
  let low = 0;
  let high = path.times.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((path.times[mid] ?? Infinity) <= instantMs) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The random walk's state, carried from one session of the day into the next. */
interface Walk {
  x: number;
  stepVariance: number;
  readonly longRun: number;
  readonly logUpper: number;
  readonly logLower: number;
}

/** Share of a KRX continuous trade's volume a Nextrade pre- or after-market trade has. */
const NXT_VOLUME_SHARE = 0.15;

/**
 * Generates a day's tape at `times`: one random walk with clustered volatility, U-shaped activity
 * and limit days. Nextrade's pre-market starts from the base (the previous close) and KRX's open
 * continues from it (without a pre-market, KRX opens on a gap from the base); the after-market
 * continues from KRX's closing price.
 */
export function generateIntraday(
  symbol: SimSymbol,
  date: IsoDate,
  base: number,
  times: TapeTimes,
  rng: Rng,
  state: VolatilityState,
): IntradayPath {
  const n = times.times.length;
  const prices = new Int32Array(n);
  const volumes = new Int32Array(n);
  const { openingAuction: open, closingAuction: close } = times;
  const steps = close - open;
  const { upper, lower } = priceLimits(base, { instrument: symbol.kind });
  const longRun = state.variance / steps;
  const walk: Walk = {
    x: Math.log(base),
    stepVariance: longRun,
    longRun,
    logUpper: Math.log(upper),
    logLower: Math.log(lower),
  };
  const grid = dayGrid(symbol, base);
  const tickContext = { instrument: symbol.kind };
  const tick = (price: number) => tickSize(price, tickContext);
  const trade = (k: number, drift: number, volume: number) => {
    prices[k] = step(grid, tick, walk, drift, rng, k !== open);
    volumes[k] = Math.max(1, Math.round(volume * Math.exp(0.6 * rng.normal())));
  };
  const nxtVolume = symbol.depth * 0.08 * NXT_VOLUME_SHARE;
  for (let k = 0; k < open; k++) trade(k, 0, nxtVolume);
  // the pre-market has already moved the price away from the base; without one KRX opens on a gap
  if (open === 0) walk.x += openingGap(rng, state);
  const drift = (dayShock(rng) + reversionDrift(symbol, base)) / steps;
  for (let k = open; k < close; k++) {
    const u = (k - open) / steps;
    trade(k, drift, symbol.depth * 0.08 * (1 + 10 * (u - 0.5) ** 2));
  }
  const last = prices[close - 1] ?? base;
  prices[close] = grid(last * Math.exp(0.001 * rng.normal()));
  volumes[close] = Math.max(1, Math.round(symbol.depth * 3 * Math.exp(0.3 * rng.normal())));
  const closePrice = prices[close] ?? base;
  updateVolatility(state, symbol, Math.log(closePrice / base));
  walk.x = Math.log(closePrice);
  for (let k = close + 1; k < n; k++) trade(k, 0, nxtVolume);
  return {
    ...times,
    date,
    base,
    prices,
    volumes,
    krx: running(prices, volumes, open, close),
    integrated: running(prices, volumes, 0, n - 1),
  };
}

/**
 * One trade: the walk moves (unless `move` is false) and prints at the bid or the ask around it,
 * on the day's `grid` with the instrument's `tick`.
 */
function step(
  grid: (raw: number) => number,
  tick: (price: number) => number,
  walk: Walk,
  drift: number,
  rng: Rng,
  move: boolean,
): number {
  if (move) {
    const shock = Math.sqrt(walk.stepVariance) * rng.normal();
    walk.stepVariance = 0.02 * walk.longRun + 0.08 * shock ** 2 + 0.9 * walk.stepVariance;
    walk.x += shock + drift;
  }
  walk.x = Math.min(walk.logUpper, Math.max(walk.logLower, walk.x));
  const model = Math.exp(walk.x);
  const bid = grid(model - tick(model) / 2);
  // trades alternate between the bid and the ask around the model price (bid-ask bounce)
  return rng.next() < 0.5 ? bid : grid(bid + tick(bid));
}

/** Running aggregates over events `from`..`to` (inclusive); entries outside stay 0. */
function running(prices: Int32Array, volumes: Int32Array, from: number, to: number): RunningBar {
  const n = prices.length;
  const bar = {
    highs: new Int32Array(n),
    lows: new Int32Array(n),
    cumVolumes: new Float64Array(n),
    cumTurnovers: new Float64Array(n),
  };
  let high = 0;
  let low = Infinity;
  let volume = 0;
  let turnover = 0;
  for (let k = from; k <= to; k++) {
    const price = prices[k] ?? 0;
    const qty = volumes[k] ?? 0;
    high = Math.max(high, price);
    low = Math.min(low, price);
    volume += qty;
    turnover += price * qty;
    bar.highs[k] = high;
    bar.lows[k] = low;
    bar.cumVolumes[k] = volume;
    bar.cumTurnovers[k] = turnover;
  }
  return bar;
}

/** The daily bar of `view` over the first `done` events of `path` (null before its first trade). */
export function barSoFar(path: IntradayPath, done: number, view: TapeView): SimDailyBar | null {
  const first = view === "KRX" ? path.openingAuction : 0;
  const k = view === "KRX" ? Math.min(done, path.closingAuction + 1) - 1 : done - 1;
  if (k < first) return null;
  const aggregates = view === "KRX" ? path.krx : path.integrated;
  return {
    date: path.date,
    open: path.prices[first] ?? path.base,
    high: aggregates.highs[k] ?? path.base,
    low: aggregates.lows[k] ?? path.base,
    close: path.prices[k] ?? path.base,
    volume: aggregates.cumVolumes[k] ?? 0,
    turnover: aggregates.cumTurnovers[k] ?? 0,
  };
}
