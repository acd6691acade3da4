import { priceLimits, roundToTick } from "../krx/mod.ts";
import type { Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";

/** Volatility-clustering state (GARCH(1,1) on daily log returns), carried from day to day. */
export interface VolatilityState {
  variance: number;
}

const GARCH_ALPHA = 0.1;
const GARCH_BETA = 0.85;
/** Chance per day of a shock large enough to pin the close at a price limit. */
export const LIMIT_MOVE_CHANCE = 0.002;
/** Pull of the log price back towards the start price per day, so years of history stay plausible. */
export const MEAN_REVERSION = 0.004;

/** The starting volatility state of a symbol. */
export function initialVolatility(symbol: SimSymbol): VolatilityState {
  return { variance: symbol.dailyVolatility ** 2 };
}

/** Updates the variance with today's realised log return (shocks capped at 3σ so limit days do not explode it). */
export function updateVolatility(
  state: VolatilityState,
  symbol: SimSymbol,
  logReturn: number,
): void {
  const longRun = symbol.dailyVolatility ** 2;
  const shock = Math.min(logReturn ** 2, 9 * longRun);
  state.variance = longRun * (1 - GARCH_ALPHA - GARCH_BETA) + GARCH_ALPHA * shock +
    GARCH_BETA * state.variance;
}

/** Rounds a model price to the grid and into the day's limits. */
export function gridPrice(symbol: SimSymbol, base: number, raw: number): number {
  return dayGrid(symbol, base)(raw);
}

/**
 * {@link gridPrice} for one symbol and base, with the day's limits worked out once: for a tape's
 * thousands of trades.
 */
export function dayGrid(symbol: SimSymbol, base: number): (raw: number) => number {
  const context = { instrument: symbol.kind };
  const { upper, lower } = priceLimits(base, context);
  return (raw) =>
    Math.min(upper, Math.max(lower, roundToTick(Math.max(raw, 1), "nearest", context)));
}

/** The day's overall drift: usually none, sometimes a shock that reaches a price limit. */
export function dayShock(rng: Rng): number {
  if (rng.next() >= LIMIT_MOVE_CHANCE) return 0;
  return rng.next() < 0.5 ? -0.4 : 0.4;
}

/** The day's mean-reversion drift (log return) for a symbol trading at `base`. */
export function reversionDrift(symbol: SimSymbol, base: number): number {
  return -MEAN_REVERSION * Math.log(base / symbol.startPrice);
}

/** The opening gap (log return from the base price). */
export function openingGap(rng: Rng, state: VolatilityState): number {
  return 0.35 * Math.sqrt(state.variance) * rng.normal();
}
