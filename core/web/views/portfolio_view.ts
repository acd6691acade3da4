/**
 * The portfolio's numbers from a broker balance, as the page shows them: each holding's return and
 * weight, the totals and the allocation. Pure, so the live islands compute the same view again from
 * newer prices in the browser.
 * @module
 */
import type { Balance } from "../../broker/types.ts";
import { portfolioFigures } from "../../portfolio/figures.ts";

/** One holding as the page shows it; money in KRW, ratios in basis points. */
export interface HoldingRow {
  readonly symbol: string;
  readonly name: string;
  readonly quantity: number;
  /** Average purchase price, possibly fractional. */
  readonly averagePrice: number;
  readonly price: number;
  readonly value: number;
  readonly profitLoss: number;
  /** Unrealised return on the purchase amount; null when nothing was paid. */
  readonly returnBp: number | null;
  /** Share of total equity; null when equity is not positive. */
  readonly weightBp: number | null;
}

/** One slice of the allocation chart: a holding by name, or cash (`symbol` null). */
export interface AllocationSlice {
  readonly symbol: string | null;
  readonly label: string;
  readonly value: number;
  readonly weightBp: number | null;
}

/** The account's totals, in KRW. */
export interface PortfolioTotals {
  readonly equity: number;
  readonly cash: number;
  /** Cash after D+2 settlement. */
  readonly cashD2: number;
  readonly securities: number;
  readonly profitLoss: number;
  /** Unrealised return on what the holdings cost; null without holdings. */
  readonly profitLossBp: number | null;
}

/** The broker's part of the portfolio: totals, holdings largest first, and the allocation. */
export interface PortfolioBalanceView {
  /** The balance it was computed from, holdings without shares left out (the live islands' input). */
  readonly source: Balance;
  readonly totals: PortfolioTotals;
  readonly holdings: readonly HoldingRow[];
  readonly allocation: readonly AllocationSlice[];
}

/**
 * The page's view of a balance (core/portfolio computes the figures): holdings largest first,
 * named slices, and only the slices with a positive value in the allocation chart.
 */
export function portfolioOfBalance(balance: Balance, cashLabel: string): PortfolioBalanceView {
  const figures = portfolioFigures(balance);
  const holdings: HoldingRow[] = figures.holdings.map((h) => ({
    symbol: h.symbol,
    name: h.name,
    quantity: h.quantity,
    averagePrice: h.averagePrice,
    price: h.price,
    value: h.value,
    profitLoss: h.profitLoss,
    returnBp: h.returnBps,
    weightBp: h.weightBps,
  })).sort((a, b) => b.value - a.value);
  const allocation: AllocationSlice[] = [
    ...holdings.map((h) => ({
      symbol: h.symbol,
      label: h.name || h.symbol,
      value: h.value,
      weightBp: h.weightBp,
    })),
    {
      symbol: null,
      label: cashLabel,
      value: figures.unheld.value,
      weightBp: figures.unheld.weightBps,
    },
  ].filter((slice) => slice.value > 0);
  const totals: PortfolioTotals = {
    equity: figures.equity,
    cash: figures.deposit,
    cashD2: figures.settledCashD2,
    securities: figures.securitiesValue,
    profitLoss: figures.profitLoss,
    profitLossBp: figures.returnBps,
  };
  const source = { ...balance, holdings: balance.holdings.filter((h) => h.quantity > 0) };
  return { source, totals, holdings, allocation };
}
