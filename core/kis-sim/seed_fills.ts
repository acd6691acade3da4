import { type IsoDate, sessionTimesOn } from "../krx/mod.ts";
import { kstInstant } from "../krx/time.ts";
import type { SimMarket } from "./market.ts";
import type { SimOrder } from "./orders.ts";

/** The branch (order organisation) number the simulator answers as `KRX_FWDG_ORD_ORGNO`. */
export const SIM_ORG_NO = "91252";

/**
 * `count` filled past orders of `accountId`, oldest first, ten per trading day walking back from
 * the day before the market's date; journal rows only, for paging tests.
 */
export function seededOrders(
  market: SimMarket,
  accountId: string,
  count: number,
  newOdno: () => string,
): SimOrder[] {
  const symbols = market.symbols;
  const slots: { date: IsoDate; i: number; slot: number }[] = [];
  let date = market.date;
  // ten fills per trading day, walking back from yesterday; journal order stays oldest first
  for (let i = count - 1; i >= 0; i--) {
    const position = (count - 1 - i) % 10;
    if (position === 0) date = market.calendar.previousTradingDay(date);
    slots.push({ date, i, slot: 9 - position });
  }
  return slots.reverse().map(({ date, i, slot }): SimOrder => {
    const symbol = symbols[i % symbols.length];
    if (!symbol) throw new RangeError("the market lists no symbols");
    const bar = market.dailyBars(symbol.code).find((b) => b.date === date);
    const price = bar?.close ?? symbol.startPrice;
    const at = kstInstant(date, 0, sessionTimesOn(date).open + 5 + slot * 30);
    const qty = 1 + i % 7;
    return {
      odno: newOdno(),
      orgNo: SIM_ORG_NO,
      accountId,
      symbol,
      route: "KRX",
      venue: "KRX",
      side: i % 2 === 0 ? "buy" : "sell",
      type: "limit",
      price,
      reservePrice: price,
      qty,
      date,
      orderedAt: at,
      action: "new",
      originalOdno: null,
      remaining: 0,
      filledQty: qty,
      filledAmount: price * qty,
      cancelledQty: 0,
      fills: [{ qty, price, at }],
    };
  });
}
