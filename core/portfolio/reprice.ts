/**
 * A balance at newer prices: each held symbol with a new price is valued again (quantity × price,
 * its PnL against what it cost), and the totals move by the difference, so `portfolioFigures`
 * gives the live page's numbers from the broker's last balance and the latest trades.
 * @module
 */
import type { Balance, Holding } from "../broker/types.ts";

/**
 * `balance` with the holdings in `prices` (symbol → KRW) at those prices; cash is unchanged.
 *
 * @example repriceBalance(balance, new Map([["005930", 71_000]])).summary.totalValue
 */
export function repriceBalance(balance: Balance, prices: ReadonlyMap<string, number>): Balance {
  let delta = 0;
  const holdings = balance.holdings.map((holding): Holding => {
    const price = prices.get(holding.symbol);
    if (price === undefined || price === holding.price || holding.quantity <= 0) return holding;
    const evaluationAmount = holding.quantity * price;
    delta += evaluationAmount - holding.evaluationAmount;
    return {
      ...holding,
      price,
      evaluationAmount,
      profitLoss: evaluationAmount - holding.purchaseAmount,
    };
  });
  if (holdings.every((holding, i) => holding === balance.holdings[i])) return balance;
  const { summary } = balance;
  return {
    holdings,
    summary: {
      ...summary,
      securitiesValue: summary.securitiesValue + delta,
      totalValue: summary.totalValue + delta,
      profitLoss: summary.profitLoss + delta,
    },
  };
}
