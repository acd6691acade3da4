/**
 * The average cost of shares bought and sold within one day, from the day's own fills, for a
 * sell whose position neither the balance (sold out) nor a synced snapshot still shows.
 * @module
 */
import type { Fill } from "../trading/mod.ts";

/**
 * Each sell fill's average cost before it, for the symbols the account opened and closed within
 * the day: not held at the close, and the day bought at least what it sold, so nothing was held
 * before its first buy. Average costing runs over the day's fills in the order the journal learnt
 * of them (a buy mixes its price in; a sell leaves the average as it is); buys learnt at the same
 * instant as a sell count first, since nothing else could have been sold. Other symbols' sells
 * are left out: their cost before the day is not in the fills.
 *
 * @example
 * const costs = dayTradeCosts(fills, new Set(balance.holdings.map((h) => h.symbol)));
 * costs.get(sellFill); // e.g. 49_900
 */
export function dayTradeCosts(
  fills: readonly Fill[],
  heldAtClose: ReadonlySet<string>,
): Map<Fill, number> {
  const costs = new Map<Fill, number>();
  const bySymbol = Map.groupBy(fills, (fill) => fill.symbol);
  for (const [symbol, own] of bySymbol) {
    const total = (side: Fill["side"]) =>
      own.filter((f) => f.side === side).reduce((sum, f) => sum + f.quantity, 0);
    if (heldAtClose.has(symbol) || total("sell") > total("buy")) continue;
    const ordered = [...own].sort((a, b) =>
      a.recordedAt - b.recordedAt || (a.side === b.side ? 0 : a.side === "buy" ? -1 : 1)
    );
    let quantity = 0;
    let cost = 0;
    for (const fill of ordered) {
      if (fill.side === "buy") {
        quantity += fill.quantity;
        cost += fill.amount;
      } else if (quantity >= fill.quantity) {
        costs.set(fill, cost / quantity);
        // the average stays; the cost leaves with the shares
        cost -= (cost / quantity) * fill.quantity;
        quantity -= fill.quantity;
      }
    }
  }
  return costs;
}
