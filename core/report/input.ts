/**
 * What a daily report is built from. Everything is passed in: the caller (a job after the close)
 * reads the balance from the broker and the day's records from the store.
 * @module
 */
import type { Trigger } from "../alerts/mod.ts";
import type { Balance } from "../broker/mod.ts";
import type { InstrumentKind, IsoDate, Market, SymbolCode } from "../krx/mod.ts";
import type { RebalancePlan } from "../rebalance/mod.ts";
import type { OrderStatus } from "../trading/mod.ts";

/** One order of the day; only its status is counted, so a journal order can be passed as is. */
export interface ReportOrder {
  readonly status: OrderStatus;
}

interface FillBase {
  /** `HH:MM:SS` KST. */
  readonly time: string;
  readonly symbol: SymbolCode;
  readonly name: string;
  readonly quantity: number;
  /** Integer KRW per share. */
  readonly price: number;
  /** Decides the sell tax rate when the costs are estimated. */
  readonly market: Market;
  /** Default `stock`; ETFs and ETNs pay no sell tax. */
  readonly instrument?: InstrumentKind;
  /** Fee and tax as the broker charged them; without them `fillCosts` estimates both. */
  readonly costs?: { readonly fee: number; readonly tax: number };
}

/**
 * One execution of the day. A sell carries the position's average cost per share (fees
 * excluded, as the balance reports it) from before the sale, which its realised PnL is measured
 * against.
 */
export type ReportFill =
  | FillBase & { readonly side: "buy" }
  | FillBase & { readonly side: "sell"; readonly averageCost: number };

/** One strategy signal of the day. */
export interface ReportSignal {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly strategy: string;
  readonly symbol: SymbolCode;
  readonly signal: "buy" | "sell";
}

/** One rebalancing run of the day: a preview (dry run) or an executed plan. */
export interface ReportRebalance {
  readonly runId: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly mode: "preview" | "executed";
  readonly plan: RebalancePlan;
}

/** One error of the day, from any job or component. */
export interface ReportError {
  /** Epoch milliseconds. */
  readonly at: number;
  /** What failed, e.g. `strategy:ma-cross` or `reconcile`. */
  readonly source: string;
  readonly message: string;
}

/** Everything {@link buildDailyReport} reads. */
export interface DailyReportInput {
  readonly accountId: string;
  /** The trading day reported. */
  readonly date: IsoDate;
  /** When the report is built, epoch milliseconds (passed in: the report reads no clock). */
  readonly generatedAt: number;
  /** The balance at the close; its `settledCashD2` is the cash counted. */
  readonly balance: Balance;
  /** The previous report's equity; null on the account's first report. */
  readonly previousEquity: number | null;
  /** Starting capital plus every net deposit to date (today's included). */
  readonly capital: number;
  /** Deposits minus withdrawals today; default 0. Not counted as profit. */
  readonly netDeposit?: number;
  readonly orders: readonly ReportOrder[];
  readonly fills: readonly ReportFill[];
  readonly alerts: readonly Trigger[];
  readonly signals: readonly ReportSignal[];
  readonly rebalances: readonly ReportRebalance[];
  readonly errors: readonly ReportError[];
  /** The account's commission rate for estimated costs; default `DEFAULT_FEE_RATE`. */
  readonly feeRate?: number;
}
