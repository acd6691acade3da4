import { type BacktestOptionsInput } from "../../../core/backtest/mod.ts";
import {
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  priceLimits,
  roundToTick,
} from "../../../core/krx/mod.ts";
import { type Bars, createBars } from "../../../core/strategies/mod.ts";
import { closesOnly } from "../../strategies/_bars.ts";

/** A seeded generator (LCG) of floats in [0, 1). */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Whole-won bars from 2023-11 into 2027 with gaps of up to two weeks between dates, swings that
 * make the SMAs cross often, and some opens beyond the ±30 % band of the previous close so that
 * buys and sells get blocked.
 */
export function roughBars(seed: number, n: number): Bars {
  const next = random(seed);
  const dates: IsoDate[] = [];
  let day = isoDateToEpochDay("2023-11-01" as IsoDate);
  for (let i = 0; i < n; i++) {
    day += next() < 0.1 ? 3 + Math.floor(next() * 12) : 1;
    dates.push(epochDayToIsoDate(day));
  }
  const open: number[] = [];
  const close: number[] = [];
  let previous = 3_000 + Math.floor(next() * 60_000);
  for (let i = 0; i < n; i++) {
    const jump = next();
    const gap = jump < 0.03 ? 1.36 : jump < 0.06 ? 0.64 : 1 + (next() - 0.5) * 0.04;
    const o = Math.max(1, Math.round(previous * gap));
    const c = Math.max(1, Math.round(o * (1 + (next() - 0.5) * 0.08 + Math.sin(i / 7) * 0.02)));
    open.push(o);
    close.push(c);
    previous = c;
  }
  return createBars({
    dates,
    open,
    high: open.map((o, i) => Math.max(o, close[i]!)),
    low: open.map((o, i) => Math.min(o, close[i]!)),
    close,
    volume: open.map(() => 1_000),
  });
}

/**
 * {@link roughBars} with the cases of the locked-limit and volume rules mixed in: opens exactly at
 * the previous close's upper or lower limit (KOSPI stock), opens a tick inside them (where
 * slippage reaches the limit and stops there) and bars without volume.
 */
export function lockedBars(seed: number, n: number): Bars {
  const rough = roughBars(seed, n);
  const next = random(seed + 100);
  const open = rough.open.slice();
  const close = rough.close.slice();
  const volume = rough.volume.slice();
  for (let i = 1; i < n; i++) {
    const { upper, lower } = priceLimits(close[i - 1]!);
    const roll = next();
    if (roll < 0.05) open[i] = upper;
    else if (roll < 0.1) open[i] = lower;
    else if (roll < 0.13) open[i] = roundToTick(upper - 1, "down");
    else if (roll < 0.16) open[i] = roundToTick(lower + 1, "up");
    else if (roll < 0.2) volume[i] = 0;
    // Keep the next bar's base near this open, so that limit opens follow each other.
    if (roll < 0.16) close[i] = Math.min(Math.max(close[i]!, lower), upper);
  }
  return createBars({
    dates: rough.dates,
    open,
    high: open.map((o, i) => Math.max(o, close[i]!)),
    low: open.map((o, i) => Math.min(o, close[i]!)),
    close,
    volume,
  });
}

/** Option sets under which the fused and general paths must agree. */
export const OPTION_CASES: [string, BacktestOptionsInput][] = [
  ["defaults", { cash: 10_000_000 }],
  ["cash for a few shares only", { cash: 150_000 }],
  ["one tick of slippage", { cash: 10_000_000, slippage: { kind: "ticks", ticks: 1 } }],
  ["0.3 % slippage", { cash: 5_000_000, slippage: { kind: "fraction", fraction: 0.003 } }],
  ["fixed sizing", { cash: 10_000_000, sizing: { kind: "fixed", amount: 2_000_000 } }],
  ["equity fraction", { cash: 10_000_000, sizing: { kind: "equity-fraction", fraction: 0.4 } }],
  ["tax override, KOSDAQ", { cash: 3_000_000, taxRate: 0.0023, market: "KOSDAQ" }],
  ["KONEX ETF, higher fee", {
    cash: 7_000_000,
    market: "KONEX",
    instrument: "etf",
    feeRate: 0.001,
  }],
  ["a fill value beyond the fast fee range", { cash: 900_000_000_000 }],
  ["two ticks of slippage, stopped at the limits", {
    cash: 10_000_000,
    slippage: { kind: "ticks", ticks: 2 },
  }],
  ["locked limits fill, 1 % slippage", {
    cash: 10_000_000,
    lockedLimit: "fill",
    slippage: { kind: "fraction", fraction: 0.01 },
  }],
];

/** A steady climb with shallow dips: long flat warm-ups and short drawdowns. */
export function calmBars(n: number): Bars {
  const close = Array.from({ length: n }, (_, i) => 10_000 + 40 * i + (i % 9 === 0 ? -300 : 0));
  return closesOnly(close, "2024-03-18");
}

/** ma-cross (fast, slow) pairs the fused tests run. */
export const PAIRS = [[2, 5], [3, 8], [5, 20], [10, 30]] as const;
/** Rough series with gaps and blocked fills, a calm one, and series with locked limits. */
export const SERIES = [
  ...[1, 2, 3, 4, 5].map((seed) => roughBars(seed, 700)),
  calmBars(300),
  ...[6, 7].map((seed) => lockedBars(seed, 700)),
];
