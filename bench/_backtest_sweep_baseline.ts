/**
 * The sweep bench's peer: the tight-loop sweep one would write by hand for ma-cross pairs over a
 * market. Per symbol the prefix sums of the closes once; then per pair one pass doing the SMA
 * cross from the prefix, next-open all-in fills with fee and dated tax truncated to the won, the
 * limit check, and the daily-return sums behind the per-pair means the engine's sweep reports.
 * @module
 */
import { FEE_UNITS, taxUnitsByBar, truncated, withinLimits } from "./_backtest_baseline.ts";
import type { MarketSymbol } from "./_backtest_market.ts";
import { DEFAULT_FEE_RATE } from "../core/krx/mod.ts";

/** A (fast, slow) pair of SMA periods. */
export interface CrossPair {
  readonly fast: number;
  readonly slow: number;
}

/** One pair's results over the market: sums of KRW and trades, means of ratios over symbols. */
export interface TightLoopRow {
  readonly finalEquity: number;
  readonly trades: number;
  readonly feesPaid: number;
  readonly taxPaid: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly calmar: number | null;
  readonly maxDrawdown: number;
}

const TRADING_DAYS = 252;
// Per-pair accumulator slots.
const FINAL = 0;
const TRADES = 1;
const FEES = 2;
const TAX = 3;
const RETURN = 4;
const CAGR = 5;
const SHARPE = 6;
const SHARPE_N = 7;
const SORTINO = 8;
const SORTINO_N = 9;
const CALMAR = 10;
const CALMAR_N = 11;
const DRAWDOWN = 12;
const WIDTH = 13;

/** Runs every pair over every symbol, symbol by symbol, and returns one row per pair. */
export function tightLoopSweep(
  market: readonly MarketSymbol[],
  pairs: readonly CrossPair[],
  startCash: number,
): TightLoopRow[] {
  const n = market[0]?.bars.close.length ?? 0;
  const taxUnits = taxUnitsByBar(market[0]?.bars.dates ?? []);
  const prefix = new Float64Array(n + 1);
  const sums = new Float64Array(pairs.length * WIDTH);
  const account = new Float64Array(5);
  for (const { bars } of market) {
    for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t]! + bars.close[t]!;
    for (let p = 0; p < pairs.length; p++) {
      const { fast, slow } = pairs[p]!;
      account.fill(0);
      account[CASH] = startCash;
      pairLoop(bars.open, bars.close, prefix, taxUnits, fast, slow, account, sums, p * WIDTH);
    }
  }
  const count = market.length;
  return pairs.map((_, p) => {
    const at = p * WIDTH;
    const mean = (slot: number, counted: number) =>
      sums[at + counted]! === 0 ? null : sums[at + slot]! / sums[at + counted]!;
    return {
      finalEquity: sums[at + FINAL]!,
      trades: sums[at + TRADES]!,
      feesPaid: sums[at + FEES]!,
      taxPaid: sums[at + TAX]!,
      totalReturn: sums[at + RETURN]! / count,
      cagr: sums[at + CAGR]! / count,
      sharpe: mean(SHARPE, SHARPE_N),
      sortino: mean(SORTINO, SORTINO_N),
      calmar: mean(CALMAR, CALMAR_N),
      maxDrawdown: sums[at + DRAWDOWN]! / count,
    };
  });
}

// Account slots, kept in an array so the rare fills run out of the hot loop.
const CASH = 0;
const QTY = 1;
const PAID_FEES = 2;
const PAID_TAX = 3;
const ROUND_TRIPS = 4;

/** Fills the order for `target` at bar t's open, if the limit band allows; updates `account`. */
function fill(
  account: Float64Array,
  target: number,
  price: number,
  base: number,
  taxUnits: number,
): void {
  if (!withinLimits(price, target === 1, base)) return;
  const cash = account[CASH]!;
  if (target === 1) {
    let buy = Math.floor(cash / (price * (1 + DEFAULT_FEE_RATE)));
    while (buy > 0 && price * buy + truncated(price * buy, FEE_UNITS) > cash) buy--;
    if (buy === 0) return;
    const fee = truncated(price * buy, FEE_UNITS);
    account[CASH] = cash - price * buy - fee;
    account[QTY] = buy;
    account[PAID_FEES] = account[PAID_FEES]! + fee;
  } else {
    const value = price * account[QTY]!;
    const fee = truncated(value, FEE_UNITS);
    const tax = truncated(value, taxUnits);
    account[CASH] = cash + value - fee - tax;
    account[QTY] = 0;
    account[PAID_FEES] = account[PAID_FEES]! + fee;
    account[PAID_TAX] = account[PAID_TAX]! + tax;
    account[ROUND_TRIPS] = account[ROUND_TRIPS]! + 1;
  }
}

function pairLoop(
  open: Float64Array,
  close: Float64Array,
  prefix: Float64Array,
  taxUnits: Float64Array,
  fast: number,
  slow: number,
  account: Float64Array,
  sums: Float64Array,
  at: number,
): void {
  const n = close.length;
  const startCash = account[CASH]!;
  let cash = startCash;
  let qty = 0;
  let target = 0;
  let previousEquity = startCash;
  let returnSum = 0;
  let returnSquares = 0;
  let downSquares = 0;
  let peak = startCash;
  let maxDrawdown = 0;
  // Cross-multiplied window sums: exact integers, so `f × slow > s × fast` orders the SMAs as
  // dividing them would, without two divisions per bar.
  let previousFast = 0;
  let previousSlow = 0;
  for (let t = 0; t < n; t++) {
    if (target !== +(qty > 0)) {
      fill(account, target, open[t]!, close[t - 1]!, taxUnits[t]!);
      cash = account[CASH]!;
      qty = account[QTY]!;
    }
    const equity = cash + qty * close[t]!;
    const r = equity / previousEquity - 1;
    const loss = Math.min(r, 0);
    returnSum += r;
    returnSquares += r * r;
    downSquares += loss * loss;
    previousEquity = equity;
    if (equity > peak) {
      peak = equity;
    } else if (peak - equity > maxDrawdown * peak) {
      maxDrawdown = 1 - equity / peak;
    }
    if (t >= slow - 1) {
      const f = (prefix[t + 1]! - prefix[t + 1 - fast]!) * slow;
      const s = (prefix[t + 1]! - prefix[t + 1 - slow]!) * fast;
      if (t >= slow) {
        if (target === 0) {
          if (previousFast <= previousSlow && f > s) target = 1;
        } else if (previousFast >= previousSlow && f < s) {
          target = 0;
        }
      }
      previousFast = f;
      previousSlow = s;
    }
  }
  const trades = account[ROUND_TRIPS]!;
  const fees = account[PAID_FEES]!;
  const tax = account[PAID_TAX]!;
  const growth = previousEquity / startCash;
  const cagr = growth <= 0 ? -1 : growth ** (1 / (n / TRADING_DAYS)) - 1;
  const mean = returnSum / n;
  const std = Math.sqrt(Math.max(returnSquares - returnSum * returnSum / n, 0) / (n - 1));
  const downside = Math.sqrt(downSquares / (n - 1));
  const annual = Math.sqrt(TRADING_DAYS);
  addAt(sums, at + FINAL, previousEquity);
  addAt(sums, at + TRADES, trades);
  addAt(sums, at + FEES, fees);
  addAt(sums, at + TAX, tax);
  addAt(sums, at + RETURN, growth - 1);
  addAt(sums, at + CAGR, cagr);
  addAt(sums, at + DRAWDOWN, maxDrawdown);
  if (std > 0) {
    addAt(sums, at + SHARPE, mean / std * annual);
    addAt(sums, at + SHARPE_N, 1);
  }
  if (downside > 0) {
    addAt(sums, at + SORTINO, mean / downside * annual);
    addAt(sums, at + SORTINO_N, 1);
  }
  if (maxDrawdown > 0) {
    addAt(sums, at + CALMAR, cagr / maxDrawdown);
    addAt(sums, at + CALMAR_N, 1);
  }
}

function addAt(sums: Float64Array, i: number, value: number): void {
  sums[i] = sums[i]! + value;
}
