import type { SimDailyBar } from "./history.ts";
import { type IsoDate, priceLimits, tickSize } from "../krx/mod.ts";
import {
  dayShock,
  gridPrice,
  openingGap,
  reversionDrift,
  updateVolatility,
  type VolatilityState,
} from "./price_model.ts";
import type { Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";

/** Simulated milliseconds between two continuous-session trades of a symbol. */
export const STEP_MS = 5_000;
/** Continuous-session trades per day (09:00:00 to 15:19:55, one per step). */
export const CONTINUOUS_STEPS = (6 * 60 + 20) * 60 * 1000 / STEP_MS;
/** Trades per day including the 15:30 closing-auction print (the last index). */
export const DAY_EVENTS = CONTINUOUS_STEPS + 1;

/**
 * One day's trade tape: event `k < CONTINUOUS_STEPS` happens at 09:00 + k·5 s (k = 0 is the
 * opening auction), the last event is the 15:30 closing auction. Running aggregates per event
 * make quotes at any instant O(1).
 */
export interface IntradayPath {
  readonly date: IsoDate;
  readonly base: number;
  readonly prices: Int32Array;
  readonly volumes: Int32Array;
  readonly highs: Int32Array;
  readonly lows: Int32Array;
  readonly cumVolumes: Float64Array;
  readonly cumTurnovers: Float64Array;
}

/** The offset from 09:00 KST (ms) of event `k`. */
export function eventOffsetMs(k: number): number {
  return k < CONTINUOUS_STEPS ? k * STEP_MS : (6 * 60 + 30) * 60 * 1000;
}

/** How many of the day's events have happened `msSince0900` after 09:00 KST. */
export function eventsDone(msSince0900: number): number {
  if (msSince0900 < 0) return 0;
  if (msSince0900 >= eventOffsetMs(CONTINUOUS_STEPS)) return DAY_EVENTS;
  return Math.min(CONTINUOUS_STEPS, Math.floor(msSince0900 / STEP_MS) + 1);
}

/** Generates a day's tape: a random walk with clustered volatility, U-shaped activity and limit days. */
export function generateIntraday(
  symbol: SimSymbol,
  date: IsoDate,
  base: number,
  rng: Rng,
  state: VolatilityState,
): IntradayPath {
  const n = DAY_EVENTS;
  const prices = new Int32Array(n);
  const volumes = new Int32Array(n);
  const daySigma = Math.sqrt(state.variance);
  const drift = (dayShock(rng) + reversionDrift(symbol, base)) / CONTINUOUS_STEPS;
  let x = Math.log(base) + openingGap(rng, state);
  const { upper, lower } = priceLimits(base, { instrument: symbol.kind });
  const logUpper = Math.log(upper);
  const logLower = Math.log(lower);
  let stepVariance = daySigma ** 2 / CONTINUOUS_STEPS;
  const longRun = stepVariance;
  for (let k = 0; k < CONTINUOUS_STEPS; k++) {
    const u = k / CONTINUOUS_STEPS;
    const activity = 1 + 2.5 * (u - 0.5) ** 2 * 4;
    if (k > 0) {
      const shock = Math.sqrt(stepVariance) * rng.normal();
      stepVariance = 0.02 * longRun + 0.08 * shock ** 2 + 0.9 * stepVariance;
      x += shock + drift;
    }
    x = Math.min(logUpper, Math.max(logLower, x));
    const model = Math.exp(x);
    const bid = gridPrice(symbol, base, model - tickSize(model, { instrument: symbol.kind }) / 2);
    // trades alternate between the bid and the ask around the model price (bid-ask bounce)
    prices[k] = rng.next() < 0.5
      ? bid
      : gridPrice(symbol, base, bid + tickSize(bid, { instrument: symbol.kind }));
    volumes[k] = Math.max(
      1,
      Math.round(symbol.depth * 0.08 * activity * Math.exp(0.6 * rng.normal())),
    );
  }
  const last = prices[CONTINUOUS_STEPS - 1] ?? base;
  prices[n - 1] = gridPrice(symbol, base, last * Math.exp(0.001 * rng.normal()));
  volumes[n - 1] = Math.max(1, Math.round(symbol.depth * 3 * Math.exp(0.3 * rng.normal())));
  updateVolatility(state, symbol, Math.log((prices[n - 1] ?? base) / base));
  return { date, base, prices, volumes, ...aggregates(prices, volumes) };
}

function aggregates(prices: Int32Array, volumes: Int32Array) {
  const n = prices.length;
  const highs = new Int32Array(n);
  const lows = new Int32Array(n);
  const cumVolumes = new Float64Array(n);
  const cumTurnovers = new Float64Array(n);
  let high = 0;
  let low = Infinity;
  let volume = 0;
  let turnover = 0;
  for (let k = 0; k < n; k++) {
    const price = prices[k] ?? 0;
    const qty = volumes[k] ?? 0;
    high = Math.max(high, price);
    low = Math.min(low, price);
    volume += qty;
    turnover += price * qty;
    highs[k] = high;
    lows[k] = low;
    cumVolumes[k] = volume;
    cumTurnovers[k] = turnover;
  }
  return { highs, lows, cumVolumes, cumTurnovers };
}

/** The daily bar of the first `done` events of `path` (null before the open). */
export function barSoFar(path: IntradayPath, done: number): SimDailyBar | null {
  if (done <= 0) return null;
  const k = done - 1;
  return {
    date: path.date,
    open: path.prices[0] ?? path.base,
    high: path.highs[k] ?? path.base,
    low: path.lows[k] ?? path.base,
    close: path.prices[k] ?? path.base,
    volume: path.cumVolumes[k] ?? 0,
    turnover: path.cumTurnovers[k] ?? 0,
  };
}
