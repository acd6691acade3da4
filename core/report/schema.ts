/**
 * The daily report as a zod schema: what is stored in KV and rendered. Every amount is integer
 * KRW, every ratio whole basis points; long lists are capped with a count of what was left out.
 * @module
 */
import { z } from "zod";
import { isSymbolCode, parseIsoDate, type SymbolCode } from "../krx/mod.ts";
import { ORDER_STATUSES } from "../trading/mod.ts";

/** Longest symbol name, strategy name or error source kept; longer text is cut with "…". */
export const MAX_LABEL_LENGTH = 40;
/** Longest error message kept; longer text is cut with "…". */
export const MAX_MESSAGE_LENGTH = 200;

const won = z.int();
const amount = z.int().nonnegative();
const count = z.int().nonnegative();
const instant = z.int().nonnegative();
const label = z.string().max(MAX_LABEL_LENGTH);
const symbol = z.string().refine(isSymbolCode, "must be a KRX short code")
  .transform((code) => code as SymbolCode);
const isoDate = z.string().transform((text) => parseIsoDate(text));
const clockTime = z.string().regex(/^\d{2}:\d{2}:\d{2}$/);

/** A list kept to a budget: the first `items`, and how many more there were. */
function capped<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), omitted: count });
}

const holdingRow = z.strictObject({
  symbol,
  name: label,
  quantity: count,
  /** Purchase amount, fees excluded (매입금액). */
  cost: amount,
  /** `cost / quantity` rounded to the won, for display. */
  averagePrice: amount,
  price: amount,
  value: amount,
  /** `value − cost`: unrealised, before the exit's fee and tax. */
  pnl: won,
  /** `pnl / cost` in basis points; null when the cost is 0. */
  pnlBasisPoints: z.int().nullable(),
  /** `value / equity` in basis points; null when the equity is not positive. */
  weightBasisPoints: z.int().nullable(),
});

const tradeBase = {
  time: clockTime,
  symbol,
  name: label,
  quantity: count,
  price: amount,
  value: amount,
  fee: amount,
  tax: amount,
  /** `recorded` as the broker charged them, or `estimated` with the KRX rates. */
  costSource: z.enum(["recorded", "estimated"]),
};

const tradeRow = z.discriminatedUnion("side", [
  z.strictObject({ side: z.literal("buy"), ...tradeBase }),
  z.strictObject({
    side: z.literal("sell"),
    ...tradeBase,
    /** Average cost per share when sold, fees excluded. */
    averageCost: z.number().nonnegative(),
    /** `value − fee − tax − round(quantity × averageCost)`. */
    realised: won,
  }),
]);

const alertRow = z.strictObject({
  at: instant,
  alertId: z.string().min(1).max(100),
  symbol,
  rule: z.enum(["stop_loss", "take_profit", "trailing_stop", "price_above", "price_below"]),
  price: amount,
  level: amount,
  action: z.enum(["notify", "notify_and_exit"]),
});

const signalRow = z.strictObject({
  at: instant,
  strategy: label,
  symbol,
  signal: z.enum(["buy", "sell"]),
});

const rebalanceRow = z.strictObject({
  runId: z.string().min(1).max(100),
  at: instant,
  mode: z.enum(["preview", "executed"]),
  sells: count,
  buys: count,
  tradedValue: amount,
  /** Estimated fees plus sell tax of the planned orders. */
  costs: amount,
  equityBefore: won,
  equityAfter: won,
});

const errorRow = z.strictObject({
  at: instant,
  source: label,
  message: z.string().max(MAX_MESSAGE_LENGTH),
});

/** The stored daily report. */
export const dailyReportSchema = z.strictObject({
  version: z.literal(1),
  accountId: z.string().min(1).max(100),
  date: isoDate,
  /** When the report was built, epoch milliseconds. */
  generatedAt: instant,
  /** Cash after D+2 settlement plus holdings at their last prices. */
  equity: z.strictObject({ cash: won, holdingsValue: amount, total: won }),
  pnl: z.strictObject({
    /** What the day's PnL is measured from: the previous report, or the capital on day one. */
    base: z.enum(["previous_report", "capital"]),
    baseEquity: won,
    netDeposit: won,
    capital: won,
    day: won,
    dayBasisPoints: z.int().nullable(),
    cumulative: won,
    cumulativeBasisPoints: z.int().nullable(),
    /** Sum of the day's sells' `realised`. */
    realised: won,
    /** Sum of every holding's `pnl` at the close. */
    unrealised: won,
    fees: amount,
    tax: amount,
  }),
  holdings: capped(holdingRow),
  trades: capped(tradeRow),
  orders: z.strictObject({
    total: count,
    byStatus: z.record(z.enum(ORDER_STATUSES), count),
  }),
  alerts: capped(alertRow),
  signals: capped(signalRow),
  rebalances: capped(rebalanceRow),
  errors: capped(errorRow),
});

/** The daily report of one account and trading day. */
export type DailyReport = z.infer<typeof dailyReportSchema>;
/** One holding at the close. */
export type HoldingRow = z.infer<typeof holdingRow>;
/** One fill of the day with its costs. */
export type TradeRow = z.infer<typeof tradeRow>;
/** One alert that fired during the day. */
export type AlertRow = z.infer<typeof alertRow>;
/** One strategy signal of the day. */
export type SignalRow = z.infer<typeof signalRow>;
/** One rebalancing run of the day. */
export type RebalanceRow = z.infer<typeof rebalanceRow>;
/** One error of the day. */
export type ErrorRow = z.infer<typeof errorRow>;
