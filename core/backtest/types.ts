import type { IsoDate } from "../krx/mod.ts";
import type { Side } from "./fill_price.ts";

/** One executed order. KRW fields are integers. */
export interface FillRecord {
  readonly symbol: string;
  /** Close of the bar whose target caused the order. */
  readonly decisionDate: IsoDate;
  readonly date: IsoDate;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  readonly fee: number;
  readonly tax: number;
}

/**
 * A round trip. An open position has `exitDate`/`exitPrice` null and `pnl` marked at the last
 * close without selling costs. `pnl` is net of fees and tax on both sides.
 */
export interface Trade {
  readonly symbol: string;
  readonly entryDate: IsoDate;
  readonly entryPrice: number;
  readonly exitDate: IsoDate | null;
  readonly exitPrice: number | null;
  readonly qty: number;
  readonly pnl: number;
}

/** Performance figures; definitions in docs/backtest.md. KRW integers, ratios as fractions. */
export interface Metrics {
  readonly initialCash: number;
  readonly finalEquity: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly volatility: number;
  /** `null` when the daily returns do not vary. */
  readonly sharpe: number | null;
  /** `null` when no daily return is negative. */
  readonly sortino: number | null;
  /** Largest peak-to-trough fall as a positive fraction. */
  readonly maxDrawdown: number;
  /** Longest run of closes below an earlier peak, in bars. */
  readonly maxDrawdownDuration: number;
  /** `null` when there was no drawdown. */
  readonly calmar: number | null;
  /** Closed round trips. */
  readonly trades: number;
  /** `null` without closed trades. */
  readonly winRate: number | null;
  readonly averageWin: number;
  readonly averageLoss: number;
  /** `null` when no closed trade lost money. */
  readonly profitFactor: number | null;
  readonly exposure: number;
  readonly turnover: number;
  readonly feesPaid: number;
  readonly taxPaid: number;
  /**
   * Bars on which an order waited instead of filling: no volume, a buy at limit-up or a sell at
   * limit-down (with `lockedLimit: "wait"`), or a quote outside the daily limit band.
   */
  readonly blockedOrders: number;
}
