/**
 * The API's shape of the portfolio (core/portfolio computes it): each holding with its last price,
 * PnL and weight of equity, the cash, the equity and the allocation (holdings and cash as shares
 * of equity, largest first). Basis points with no whole to be taken of are 0 here.
 * @module
 */
import type { RecentBalance } from "../broker/mod.ts";
import type { Balance } from "../broker/types.ts";
import { portfolioFigures } from "../portfolio/mod.ts";
import { type JsonText, jsonText } from "./json_text.ts";

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

/** The account as the portfolio answer names it. */
export interface PortfolioAccount {
  readonly id: string;
  readonly label: string;
  readonly mode: "demo" | "kis";
}

/** The portfolio answer: the account, when the balance was read, and the portfolio. */
export type PortfolioBody = { account: PortfolioAccount; asOf: number } & Portfolio;

const bodies = new WeakMap<RecentBalance, Map<string, JsonText<PortfolioBody>>>();

/**
 * The portfolio answer's JSON text, serialised once per shared balance read and account: every
 * request within the read's few seconds sends the same bytes.
 *
 * @example respondJson(c, await sharedPortfolioJson(recentBalance(broker), account), 200)
 */
export async function sharedPortfolioJson(
  read: RecentBalance,
  account: PortfolioAccount,
): Promise<JsonText<PortfolioBody>> {
  const balance = await read.balance;
  let byAccount = bodies.get(read);
  if (byAccount === undefined) bodies.set(read, byAccount = new Map());
  const key = `${account.id}\n${account.label}\n${account.mode}`;
  let body = byAccount.get(key);
  if (body === undefined) {
    body = jsonText({ account, asOf: read.at, ...sharedPortfolio(balance) });
    byAccount.set(key, body);
  }
  return body;
}
