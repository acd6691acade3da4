/**
 * The portfolio's arithmetic on a broker balance, shared by the API and the dashboard: each
 * holding's value, cost, return and weight of equity, the account's totals and the part of equity
 * the holdings are not (the allocation's cash). Pure: the balance is passed in. Ratios are basis
 * points rounded half away from zero, exactly (the rebalancer's rule), and `null` where the whole
 * they are taken of is not positive; each caller decides what it shows for `null`.
 * @module
 */
import type { Balance } from "../broker/types.ts";
import type { SymbolCode } from "../krx/mod.ts";
import { weightBasisPoints } from "../rebalance/basis_points.ts";

/**
 * `part` of `whole` in basis points, rounded half away from zero; `null` when `whole` is 0 or
 * negative (there is no share of nothing). Both are integer KRW.
 *
 * @example shareBasisPoints(50_000, 500_000) // 1000
 */
export function shareBasisPoints(part: number, whole: number): number | null {
  return whole > 0 ? weightBasisPoints(part, whole) : null;
}

/** One holding's figures; KRW amounts are integers. */
export interface HoldingFigures {
  readonly symbol: SymbolCode;
  readonly name: string;
  readonly quantity: number;
  /** Average purchase price, possibly fractional (as KIS reports it). */
  readonly averagePrice: number;
  readonly price: number;
  readonly value: number;
  readonly cost: number;
  readonly profitLoss: number;
  /** Profit or loss on the cost; `null` when the cost is 0. */
  readonly returnBps: number | null;
  /** Share of equity; `null` when equity is not positive. */
  readonly weightBps: number | null;
}

/** The account's portfolio figures at one instant, in integer KRW. */
export interface PortfolioFigures {
  /** Rows with shares, in the broker's order. */
  readonly holdings: readonly HoldingFigures[];
  /** Cash and securities: the broker's total value. */
  readonly equity: number;
  /** Cash today. */
  readonly deposit: number;
  /** Cash after D+2 settlement. */
  readonly settledCashD2: number;
  readonly securitiesValue: number;
  /** What the holdings cost. */
  readonly cost: number;
  readonly profitLoss: number;
  /** Unrealised return on the cost; `null` without holdings. */
  readonly returnBps: number | null;
  /**
   * Equity less the holdings' value, the allocation's cash: with it the allocation adds up to
   * the equity. Negative only if the broker's total is below its holdings' value.
   */
  readonly unheld: { readonly value: number; readonly weightBps: number | null };
}

/**
 * The figures of `balance`. Rows without shares are left out: KIS keeps a symbol sold out today in
 * the balance with quantity 0 until the next day.
 *
 * @example portfolioFigures(await broker.getBalance()).unheld.weightBps
 */
export function portfolioFigures(balance: Balance): PortfolioFigures {
  const { summary } = balance;
  const equity = summary.totalValue;
  const holdings = balance.holdings.filter((h) => h.quantity > 0).map((h): HoldingFigures => ({
    symbol: h.symbol,
    name: h.name,
    quantity: h.quantity,
    averagePrice: h.averagePrice,
    price: h.price,
    value: h.evaluationAmount,
    cost: h.purchaseAmount,
    profitLoss: h.profitLoss,
    returnBps: shareBasisPoints(h.profitLoss, h.purchaseAmount),
    weightBps: shareBasisPoints(h.evaluationAmount, equity),
  }));
  const unheld = equity - holdings.reduce((sum, h) => sum + h.value, 0);
  return {
    holdings,
    equity,
    deposit: summary.deposit,
    settledCashD2: summary.settledCashD2,
    securitiesValue: summary.securitiesValue,
    cost: summary.purchaseAmount,
    profitLoss: summary.profitLoss,
    returnBps: holdings.length === 0
      ? null
      : shareBasisPoints(summary.profitLoss, summary.purchaseAmount),
    unheld: { value: unheld, weightBps: shareBasisPoints(unheld, equity) },
  };
}
