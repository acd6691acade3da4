import type { IsoDate } from "../../krx/mod.ts";
import type { Bars } from "../../strategies/mod.ts";
import type { Side } from "../fill_price.ts";
import type { FillRecord, Trade } from "../types.ts";
import { LOG_SLOT, LOG_WIDTH } from "./cross_kernel.ts";

/** A fused run's round-trip log, as the kernel left it for `bars`. */
export interface TradeLog {
  /** The bars of the run, `null` before the first one. */
  readonly bars: Bars | null;
  /** {@link LOG_WIDTH} slots per round trip, the open one last. */
  readonly log: Float64Array;
  /** Round trips logged, the open one included. */
  readonly count: number;
  /** Closed round trips among them. */
  readonly closed: number;
}

/** The round trips as the general engine lists them: closed ones, then the open one at the last close. */
export function tradesFromLog({ bars, log, count, closed }: TradeLog, symbol: string): Trade[] {
  if (bars === null) return [];
  const dates = bars.dates;
  const last = bars.close[bars.close.length - 1] as number;
  const trades: Trade[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * LOG_WIDTH;
    const qty = log[at + LOG_SLOT.qty] as number;
    const open = i >= closed;
    // One object literal of one shape for closed and open trades alike.
    trades.push({
      symbol,
      entryDate: dates[log[at + LOG_SLOT.entryBar] as number] as IsoDate,
      entryPrice: Math.round((log[at + LOG_SLOT.entryValue] as number) / qty),
      exitDate: open ? null : dates[log[at + LOG_SLOT.exitBar] as number] as IsoDate,
      exitPrice: open ? null : log[at + LOG_SLOT.exitPrice] as number,
      qty,
      pnl: open
        ? last * qty - (log[at + LOG_SLOT.entryCost] as number)
        : log[at + LOG_SLOT.pnl] as number,
    });
  }
  return trades;
}

/**
 * The fills as the general engine journals them. The kernel fills only at the next open, so each
 * order was decided on the close before its fill; a whole position is bought and sold at once.
 */
export function fillsFromLog({ bars, log, count, closed }: TradeLog, symbol: string): FillRecord[] {
  if (bars === null) return [];
  const dates = bars.dates;
  const fills: FillRecord[] = [];
  const fill = (side: Side, bar: number, price: number, qty: number, fee: number, tax: number) => {
    const decisionDate = dates[bar - 1] as IsoDate;
    fills.push({ symbol, decisionDate, date: dates[bar] as IsoDate, side, price, qty, fee, tax });
  };
  for (let i = 0; i < count; i++) {
    const at = i * LOG_WIDTH;
    const qty = log[at + LOG_SLOT.qty] as number;
    const value = log[at + LOG_SLOT.entryValue] as number;
    const fee = (log[at + LOG_SLOT.entryCost] as number) - value;
    fill("buy", log[at + LOG_SLOT.entryBar] as number, value / qty, qty, fee, 0);
    if (i >= closed) break;
    fill(
      "sell",
      log[at + LOG_SLOT.exitBar] as number,
      log[at + LOG_SLOT.exitPrice] as number,
      qty,
      log[at + LOG_SLOT.exitFee] as number,
      log[at + LOG_SLOT.exitTax] as number,
    );
  }
  return fills;
}
