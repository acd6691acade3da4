/**
 * Deterministic synthetic market for the backtest benchmarks: random-walk daily bars on the KRX
 * tick grid, inside the ±30 % limit band, in `SharedArrayBuffer`s so sweep workers share them.
 * @module
 */
import { type IsoDate, priceLimits, roundToTick } from "../core/krx/mod.ts";
import type { Bars } from "../core/strategies/mod.ts";

/** One symbol of the synthetic market. */
export interface MarketSymbol {
  readonly symbol: string;
  readonly bars: Bars;
}

/** `count` weekdays from 2021-01-04 on (tax rates are defined from 2021). */
export function weekdays(count: number): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let day = Date.UTC(2021, 0, 4); dates.length < count; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      dates.push(new Date(day).toISOString().slice(0, 10) as IsoDate);
    }
  }
  return dates;
}

/** A seeded 32-bit generator (mulberry32) returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sharedColumn(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
}

/** `symbols` × `days` bars, the same for the same seed. */
export function syntheticMarket(symbols: number, days: number, seed = 20_240_101): MarketSymbol[] {
  const dates = weekdays(days);
  const random = seededRandom(seed);
  const gaussian = () => {
    const u = random() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const market: MarketSymbol[] = [];
  for (let s = 0; s < symbols; s++) {
    const open = sharedColumn(days);
    const high = sharedColumn(days);
    const low = sharedColumn(days);
    const close = sharedColumn(days);
    const volume = sharedColumn(days);
    let previous = roundToTick(3_000 + random() * 97_000, "nearest");
    const drift = (random() - 0.5) * 0.001;
    for (let t = 0; t < days; t++) {
      const band = priceLimits(previous);
      const clamp = (p: number) => Math.min(Math.max(p, band.lower), band.upper);
      const o = clamp(roundToTick(previous * (1 + 0.005 * gaussian()), "nearest"));
      const c = clamp(roundToTick(o * (1 + drift + 0.02 * gaussian()), "nearest"));
      open[t] = o;
      close[t] = c;
      high[t] = Math.max(o, c);
      low[t] = Math.min(o, c);
      volume[t] = 1_000 + Math.floor(random() * 100_000);
      previous = c;
    }
    market.push({
      symbol: String(s).padStart(6, "0"),
      bars: { dates, open, high, low, close, volume },
    });
  }
  return market;
}
