/**
 * The API's shape of the portfolio (core/portfolio computes it): each holding with its last price,
 * PnL and weight of equity, the cash, the equity and the allocation (holdings and cash as shares
 * of equity, largest first). Basis points with no whole to be taken of are 0 here.
 * @module
 */
import type { Balance } from "../broker/types.ts";
import { portfolioFigures } from "../portfolio/mod.ts";

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
  /** Basis points of equity (0 when equity is not positive). */
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

/**
 * The portfolio of `balance`.
 *
 * @example portfolioOf(await broker.getBalance()).equity
 */
export function portfolioOf(balance: Balance): Portfolio {
  const figures = portfolioFigures(balance);
  const holdings = figures.holdings.map((h) => ({
    symbol: h.symbol,
    name: h.name,
    quantity: h.quantity,
    averagePrice: h.averagePrice,
    lastPrice: h.price,
    value: h.value,
    cost: h.cost,
    profitLoss: h.profitLoss,
    profitLossBps: h.returnBps ?? 0,
    weightBps: h.weightBps ?? 0,
  }));
  const allocation = [
    ...holdings.map((h) => ({ key: h.symbol, value: h.value, weightBps: h.weightBps })),
    { key: "cash", value: figures.unheld.value, weightBps: figures.unheld.weightBps ?? 0 },
  ].sort((a, b) => b.value - a.value);
  return {
    holdings,
    cash: { deposit: figures.deposit, settledD2: figures.settledCashD2 },
    securitiesValue: figures.securitiesValue,
    equity: figures.equity,
    profitLoss: figures.profitLoss,
    allocation,
  };
}

const shared = new WeakMap<Balance, Portfolio>();

/**
 * {@link portfolioOf} worked out once per balance read: the API answers every request within a
 * shared read's few seconds (`recentBalance`) from the same figures. Callers must not change it.
 *
 * @example sharedPortfolio(await recentBalance(broker).balance).allocation
 */
export function sharedPortfolio(balance: Balance): Portfolio {
  let portfolio = shared.get(balance);
  if (portfolio === undefined) {
    portfolio = portfolioOf(balance);
    shared.set(balance, portfolio);
  }
  return portfolio;
}
