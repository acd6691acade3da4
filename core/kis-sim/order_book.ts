import { priceLimits, tickSize } from "../krx/mod.ts";
import type { Rng } from "./rng.ts";
import type { SimSymbol } from "./symbols.ts";

/** One price level; `qty` in shares. */
export interface SimBookLevel {
  readonly price: number;
  readonly qty: number;
}

/** Ten levels a side, best first; levels beyond the daily limits are absent. */
export interface OrderBook {
  readonly asks: readonly SimBookLevel[];
  readonly bids: readonly SimBookLevel[];
}

/** Number of levels per side, as in H0STASP0 and inquire-asking-price. */
export const BOOK_DEPTH = 10;

/** The quantity resting on `levels` (one side of a book), in shares. */
export function restingQty(levels: readonly SimBookLevel[]): number {
  return levels.reduce((sum, level) => sum + level.qty, 0);
}

/** The grid price one tick above `price`. */
export function priceAbove(price: number, symbol: SimSymbol): number {
  return price + tickSize(price, { instrument: symbol.kind });
}

/** The grid price one tick below `price` (the tick of the band just below applies). */
export function priceBelow(price: number, symbol: SimSymbol): number {
  return price - tickSize(Math.max(price - 1, 0), { instrument: symbol.kind });
}

/** A resting book around the last trade, inside the daily limits of `base`. */
export function syntheticBook(symbol: SimSymbol, base: number, last: number, rng: Rng): OrderBook {
  const { upper, lower } = priceLimits(base, { instrument: symbol.kind });
  const lastAtAsk = rng.next() < 0.5;
  let ask = lastAtAsk ? last : priceAbove(last, symbol);
  let bid = lastAtAsk ? priceBelow(last, symbol) : last;
  const asks: SimBookLevel[] = [];
  const bids: SimBookLevel[] = [];
  for (let level = 0; level < BOOK_DEPTH; level++) {
    const spread = 1 + level * 0.25;
    if (ask <= upper) asks.push({ price: ask, qty: levelQty(symbol, spread, rng) });
    if (bid >= lower && bid > 0) bids.push({ price: bid, qty: levelQty(symbol, spread, rng) });
    ask = priceAbove(ask, symbol);
    bid = priceBelow(bid, symbol);
  }
  return { asks, bids };
}

function levelQty(symbol: SimSymbol, spread: number, rng: Rng): number {
  return Math.max(1, Math.round(symbol.depth * spread * (0.3 + rng.next())));
}
