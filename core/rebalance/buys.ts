import { affordableQty, type SymbolCode } from "../krx/mod.ts";

/** A buy the plan would like to place in full. */
export interface BuyWant {
  readonly symbol: SymbolCode;
  readonly wanted: number;
  /** Price per share at which the buy holds cash: its limit, or a market buy's upper limit. */
  readonly reservePrice: number;
}

/** How buys are charged: the commission rate and the exact fee on a traded value. */
export interface BuyFees {
  readonly feeRate: number;
  readonly fee: (value: number) => number;
}

/**
 * Whole-share quantities for `wants` (in the same order) that together, commission included,
 * cost at most `available` KRW. When the cash does not cover every buy in full, each gets the
 * share of the cash its full cost is of the total, floored to whole shares; then the cash left
 * buys one more share at a time for the buy furthest from its wanted value (ties: the earlier
 * want), so the scaling loses less than a share per symbol and never overspends.
 */
export function sizeBuys(
  wants: readonly BuyWant[],
  available: number,
  fees: BuyFees,
): number[] {
  const cost = (want: BuyWant, qty: number) => {
    const value = qty * want.reservePrice;
    return value + fees.fee(value);
  };
  const needed = wants.map((want) => cost(want, want.wanted));
  const total = needed.reduce((a, b) => a + b, 0);
  if (total <= available) return wants.map((want) => want.wanted);
  const qty = wants.map((want, i) => {
    const budget = Number(BigInt(needed[i] as number) * BigInt(available) / BigInt(total));
    return Math.min(want.wanted, affordableQty(want.reservePrice, budget, fees.feeRate, fees.fee));
  });
  let left = available - wants.reduce((sum, want, i) => sum + cost(want, qty[i] as number), 0);
  for (;;) {
    let best = -1;
    let bestShortfall = 0;
    let bestStep = 0;
    wants.forEach((want, i) => {
      const held = qty[i] as number;
      if (held >= want.wanted) return;
      const step = cost(want, held + 1) - cost(want, held);
      const shortfall = (want.wanted - held) * want.reservePrice;
      if (step <= left && shortfall > bestShortfall) {
        best = i;
        bestShortfall = shortfall;
        bestStep = step;
      }
    });
    if (best < 0) return qty;
    qty[best] = (qty[best] as number) + 1;
    left -= bestStep;
  }
}
