/**
 * Building the daily report from the day's data. Pure: the balance, the records and the time
 * are passed in. Formulas: docs/reports.md.
 * @module
 */
import type { Trigger } from "../alerts/mod.ts";
import type { Holding } from "../broker/mod.ts";
import { fillCosts } from "../krx/mod.ts";
import { shareBasisPoints } from "../portfolio/mod.ts";
import { capList, fitToBudget, LIST_CAPS } from "./budget.ts";
import type { DailyReportInput, ReportFill, ReportRebalance } from "./input.ts";
import {
  type AlertRow,
  type DailyReport,
  dailyReportSchema,
  type HoldingRow,
  MAX_LABEL_LENGTH,
  MAX_MESSAGE_LENGTH,
  type RebalanceRow,
  type TradeRow,
} from "./schema.ts";
import { ORDER_STATUSES, type OrderStatus } from "../trading/mod.ts";

/**
 * The report of one account's trading day.
 *
 * - equity = settled cash (D+2) + Σ quantity × last price
 * - day PnL = equity − previous report's equity − today's net deposit
 *   (first report: equity − capital)
 * - cumulative PnL = equity − capital
 * - realised = Σ over the day's sells of value − fee − tax − round(quantity × average cost)
 * - unrealised = Σ over holdings of quantity × last price − purchase amount
 *
 * Day and cumulative PnL are after every fee and tax paid, since the D+2 cash has them
 * deducted; unrealised PnL is before the exit's costs, which are not yet paid.
 *
 * @throws {z.ZodError} when an amount is not an integer KRW or a code is not a symbol code.
 */
export function buildDailyReport(input: DailyReportInput): DailyReport {
  const cash = input.balance.summary.settledCashD2;
  const held = input.balance.holdings.filter((holding) => holding.quantity > 0);
  const holdingsValue = sum(held.map((holding) => holding.price * holding.quantity));
  const equity = cash + holdingsValue;
  const holdings = held.map((holding) => holdingRow(holding, equity))
    .sort((a, b) => b.value - a.value || compare(a.symbol, b.symbol));
  const trades = input.fills.map((fill) => tradeRow(fill, input))
    .sort((a, b) => compare(a.time, b.time));

  const netDeposit = input.netDeposit ?? 0;
  const firstReport = input.previousEquity === null;
  const baseEquity = input.previousEquity ?? input.capital;
  const day = firstReport ? equity - input.capital : equity - baseEquity - netDeposit;
  const cumulative = equity - input.capital;

  const report: DailyReport = {
    version: 1,
    accountId: input.accountId,
    date: input.date,
    generatedAt: input.generatedAt,
    equity: { cash, holdingsValue, total: equity },
    pnl: {
      base: firstReport ? "capital" : "previous_report",
      baseEquity,
      netDeposit,
      capital: input.capital,
      day,
      dayBasisPoints: shareBasisPoints(day, firstReport ? input.capital : baseEquity + netDeposit),
      cumulative,
      cumulativeBasisPoints: shareBasisPoints(cumulative, input.capital),
      realised: sum(trades.map((trade) => trade.side === "sell" ? trade.realised : 0)),
      unrealised: sum(holdings.map((holding) => holding.pnl)),
      fees: sum(trades.map((trade) => trade.fee)),
      tax: sum(trades.map((trade) => trade.tax)),
    },
    holdings: capList(holdings, LIST_CAPS.holdings),
    trades: capList(trades, LIST_CAPS.trades),
    orders: orderCounts(input.orders.map((order) => order.status)),
    alerts: capList(byTime(input.alerts.map(alertRow)), LIST_CAPS.alerts),
    signals: capList(
      byTime(input.signals.map(({ at, strategy, symbol, signal }) => ({
        at,
        strategy: cut(strategy, MAX_LABEL_LENGTH),
        symbol,
        signal,
      }))),
      LIST_CAPS.signals,
    ),
    rebalances: capList(byTime(input.rebalances.map(rebalanceRow)), LIST_CAPS.rebalances),
    errors: capList(
      byTime(input.errors.map((error) => ({
        at: error.at,
        source: cut(error.source, MAX_LABEL_LENGTH),
        message: cut(error.message, MAX_MESSAGE_LENGTH),
      }))),
      LIST_CAPS.errors,
    ),
  };
  return fitToBudget(dailyReportSchema.parse(report));
}

function holdingRow(holding: Holding, equity: number): HoldingRow {
  const value = holding.price * holding.quantity;
  const cost = holding.purchaseAmount;
  const pnl = value - cost;
  return {
    symbol: holding.symbol,
    name: cut(holding.name, MAX_LABEL_LENGTH),
    quantity: holding.quantity,
    cost,
    averagePrice: Math.round(cost / holding.quantity),
    price: holding.price,
    value,
    pnl,
    pnlBasisPoints: shareBasisPoints(pnl, cost),
    weightBasisPoints: shareBasisPoints(value, equity),
  };
}

function tradeRow(fill: ReportFill, input: DailyReportInput): TradeRow {
  const value = fill.price * fill.quantity;
  const { fee, tax } = fill.costs ?? fillCosts({
    side: fill.side,
    price: fill.price,
    qty: fill.quantity,
    date: input.date,
    market: fill.market,
    instrument: fill.instrument,
  }, { feeRate: input.feeRate });
  const common = {
    time: fill.time,
    symbol: fill.symbol,
    name: cut(fill.name, MAX_LABEL_LENGTH),
    quantity: fill.quantity,
    price: fill.price,
    value,
    fee,
    tax,
    costSource: fill.costs ? "recorded" as const : "estimated" as const,
  };
  if (fill.side === "buy") return { side: "buy", ...common };
  const realised = value - fee - tax - Math.round(fill.quantity * fill.averageCost);
  return { side: "sell", ...common, averageCost: fill.averageCost, realised };
}

function alertRow(trigger: Trigger): AlertRow {
  const { alert } = trigger;
  return {
    at: trigger.at,
    alertId: alert.id,
    symbol: alert.symbol,
    rule: alert.rule.kind,
    price: trigger.price,
    level: trigger.level,
    action: alert.action.kind,
  };
}

function rebalanceRow({ runId, at, mode, plan }: ReportRebalance): RebalanceRow {
  return {
    runId,
    at,
    mode,
    sells: plan.orders.filter((order) => order.side === "sell").length,
    buys: plan.orders.filter((order) => order.side === "buy").length,
    tradedValue: sum(plan.orders.map((order) => order.value)),
    costs: sum(plan.orders.map((order) => order.fee + order.tax)),
    equityBefore: plan.equity,
    equityAfter: plan.equityAfter,
  };
}

function orderCounts(statuses: readonly OrderStatus[]): DailyReport["orders"] {
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const status of statuses) byStatus[status]++;
  return { total: statuses.length, byStatus };
}

/** `part / whole` in basis points, rounded half away from zero; null unless `whole` > 0. */
/** Stable sort by time, so equal times keep the caller's order. */
function byTime<T extends { readonly at: number }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.at - b.at);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `text` cut to `max` UTF-16 units (what the schema's `max` counts), the last replaced by "…"
 * when cut, never splitting a surrogate pair (an emoji in a name).
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = isHighSurrogate(text.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
