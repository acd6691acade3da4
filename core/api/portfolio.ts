/**
 * The portfolio view of a broker balance: each holding with its last price, PnL and weight of
 * equity, the cash, the equity and the allocation (holdings and cash as shares of equity). Pure:
 * the balance is passed in. Weights are basis points of equity (10,000 = 100 %), rounded.
 * @module
 */
import type { Balance } from "../broker/types.ts";

/** One holding as the portfolio shows it; KRW amounts are integers. */
export interface PortfolioHolding {
  readonly symbol: string;
  readonly name: string;
  readonly quantity: number;
  /** Average purchase price, possibly fractional (as KIS reports it). */
  readonly averagePrice: number;
  readonly lastPrice: number;
  readonly value: number;
  readonly cost: number;
  readonly profitLoss: number;
  /** Profit or loss in basis points of the cost (0 when the cost is 0). */
  readonly profitLossBps: number;
  readonly weightBps: number;
}

/** The account's portfolio at one instant. */
export interface Portfolio {
  readonly holdings: PortfolioHolding[];
  /** Cash today (`deposit`) and after D+2 settlement. */
  readonly cash: { readonly deposit: number; readonly settledD2: number };
  readonly securitiesValue: number;
  /** Cash and securities: the broker's total value. */
  readonly equity: number;
  readonly profitLoss: number;
  /** Holdings by symbol and the rest as `cash`, largest first, weights summing to about 10,000. */
  readonly allocation: {
    readonly key: string;
    readonly value: number;
    readonly weightBps: number;
  }[];
}

function bps(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part * 10_000) / whole);
}

/**
 * The portfolio of `balance`.
 *
 * @example portfolioOf(await broker.getBalance()).equity
 */
export function portfolioOf(balance: Balance): Portfolio {
  const { summary } = balance;
  const equity = summary.totalValue;
  const holdings = balance.holdings.filter((h) => h.quantity > 0).map((h) => ({
    symbol: h.symbol,
    name: h.name,
    quantity: h.quantity,
    averagePrice: h.averagePrice,
    lastPrice: h.price,
    value: h.evaluationAmount,
    cost: h.purchaseAmount,
    profitLoss: h.profitLoss,
    profitLossBps: bps(h.profitLoss, h.purchaseAmount),
    weightBps: bps(h.evaluationAmount, equity),
  }));
  const cashValue = equity - holdings.reduce((sum, h) => sum + h.value, 0);
  const allocation = [
    ...holdings.map((h) => ({ key: h.symbol, value: h.value, weightBps: h.weightBps })),
    { key: "cash", value: cashValue, weightBps: bps(cashValue, equity) },
  ].sort((a, b) => b.value - a.value);
  return {
    holdings,
    cash: { deposit: summary.deposit, settledD2: summary.settledCashD2 },
    securitiesValue: summary.securitiesValue,
    equity,
    profitLoss: summary.profitLoss,
    allocation,
  };
}
