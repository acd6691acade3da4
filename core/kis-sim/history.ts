import { type IsoDate, priceLimits, roundToTick } from "../krx/mod.ts";
import {
  dayShock,
  gridPrice,
  initialVolatility,
  openingGap,
  reversionDrift,
  updateVolatility,
  type VolatilityState,
} from "./price_model.ts";
import type { Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";

/** Open, high, low and close in won on the tick grid, and the volume in shares. */
export interface SimOhlcv {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** One trading day's OHLCV; turnover in won. */
export interface SimDailyBar extends SimOhlcv {
  readonly date: IsoDate;
  readonly turnover: number;
}

/** Generates one day from its base price with the daily model (no intraday path). */
export function generateDay(
  symbol: SimSymbol,
  date: IsoDate,
  base: number,
  rng: Rng,
  state: VolatilityState,
): SimDailyBar {
  const sigma = Math.sqrt(state.variance);
  const open = gridPrice(symbol, base, base * Math.exp(openingGap(rng, state)));
  const close = gridPrice(
    symbol,
    base,
    base * Math.exp(sigma * rng.normal() + dayShock(rng) + reversionDrift(symbol, base)),
  );
  const { upper, lower } = priceLimits(base, { instrument: symbol.kind });
  const wickUp = Math.abs(rng.normal()) * sigma * 0.5;
  const wickDown = Math.abs(rng.normal()) * sigma * 0.5;
  const high = Math.min(
    upper,
    roundToTick(Math.max(open, close) * Math.exp(wickUp), "up", { instrument: symbol.kind }),
  );
  const low = Math.max(
    lower,
    roundToTick(Math.max(Math.min(open, close) * Math.exp(-wickDown), 1), "down", {
      instrument: symbol.kind,
    }),
  );
  const logReturn = Math.log(close / base);
  const activity = 1 + 3 * Math.abs(logReturn) / symbol.dailyVolatility;
  const volume = Math.max(
    1,
    Math.round(symbol.depth * 300 * Math.exp(0.4 * rng.normal()) * activity),
  );
  updateVolatility(state, symbol, logReturn);
  return {
    date,
    open,
    high: Math.max(high, open, close),
    low: Math.min(low, open, close),
    close,
    volume,
    turnover: Math.round(volume * (open + high + low + close) / 4),
  };
}

/** Daily bars for `dates` (ascending trading days), starting from the symbol's start price. */
export function generateHistory(
  symbol: SimSymbol,
  dates: readonly IsoDate[],
  rng: Rng,
): { bars: SimDailyBar[]; state: VolatilityState } {
  const state = initialVolatility(symbol);
  const bars: SimDailyBar[] = [];
  let base = roundToTick(symbol.startPrice, "nearest", { instrument: symbol.kind });
  for (const date of dates) {
    const bar = generateDay(symbol, date, base, rng, state);
    bars.push(bar);
    base = bar.close;
  }
  return { bars, state };
}
