/**
 * The portfolio page's numbers: the account's totals and holdings from the broker's balance, each
 * holding's return and weight, the allocation (holdings and cash) and the journal's latest orders.
 * @module
 */
import type { Balance, Broker } from "../../broker/mod.ts";
import { portfolioFigures } from "../../portfolio/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { BrokerRead } from "./broker_read.ts";
import { recentBalance } from "./balance_cache.ts";
import { loadOrders, type OrderRow } from "./orders.ts";

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
  readonly totals: PortfolioTotals;
  readonly holdings: readonly HoldingRow[];
  readonly allocation: readonly AllocationSlice[];
}

/** What the portfolio page shows: the broker's part (or why it is missing) and the journal's. */
export interface PortfolioView {
  readonly balance: BrokerRead<PortfolioBalanceView>;
  readonly recentOrders: readonly OrderRow[];
  /** When the balance was read on the market's clock (epoch ms; simulated in the demo); it may be a few seconds old. */
  readonly asOf: number;
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
  return { totals, holdings, allocation };
}

/**
 * The portfolio of `accountId`: the broker's recent balance (see {@link recentBalance}) and its
 * five latest journal orders.
 */
export async function loadPortfolio(
  services: { readonly store: Store; readonly broker: Broker },
  accountId: string,
  cashLabel: string,
  options: { readonly balanceMaxAgeMs?: number } = {},
): Promise<PortfolioView> {
  const [balance, orders] = await Promise.all([
    recentBalance(services.broker, {
      maxAgeMs: options.balanceMaxAgeMs,
      now: services.store.now,
    }),
    loadOrders(services.store, accountId, { limit: 5 }),
  ]);
  return {
    balance: balance.read.ok
      ? { ok: true, value: portfolioOfBalance(balance.read.value, cashLabel) }
      : balance.read,
    recentOrders: orders.rows,
    asOf: balance.at,
  };
}
