import { clockTime, parseSymbolCode } from "../../krx/mod.ts";
import type { BookLevel, OrderBookTick, OrderNotice, TradeTick } from "../types.ts";
import { priceDirection } from "./mappers.ts";

/** Documented field counts of the realtime TRs; records may carry more (PROTOCOL.md §7.6–7.8). */
export const WS_RECORD_FIELDS = { trade: 46, orderBook: 59, orderNotice: 26 } as const;

function integerAt(fields: readonly string[], index: number, name: string): number {
  const text = (fields[index] ?? "").trim();
  if (text === "") return 0;
  const value = Number(text);
  if (!Number.isInteger(value)) {
    throw new SyntaxError(`realtime field ${name} (#${index}) is not an integer: "${text}"`);
  }
  return value;
}

function textAt(fields: readonly string[], index: number): string {
  return (fields[index] ?? "").trim();
}

/** A `TradeTick` from one H0STCNT0 record. */
export function toTradeTick(fields: readonly string[]): TradeTick {
  return {
    type: "trade",
    symbol: parseSymbolCode(textAt(fields, 0)),
    time: clockTime(textAt(fields, 1)),
    price: integerAt(fields, 2, "STCK_PRPR"),
    direction: priceDirection(textAt(fields, 3)),
    change: integerAt(fields, 4, "PRDY_VRSS"),
    open: integerAt(fields, 7, "STCK_OPRC"),
    high: integerAt(fields, 8, "STCK_HGPR"),
    low: integerAt(fields, 9, "STCK_LWPR"),
    ask: integerAt(fields, 10, "ASKP1"),
    bid: integerAt(fields, 11, "BIDP1"),
    quantity: integerAt(fields, 12, "CNTG_VOL"),
    cumulativeVolume: integerAt(fields, 13, "ACML_VOL"),
    cumulativeValue: integerAt(fields, 14, "ACML_TR_PBMN"),
  };
}

function levels(fields: readonly string[], priceStart: number, quantityStart: number): BookLevel[] {
  return Array.from({ length: 10 }, (_, level) => ({
    price: integerAt(fields, priceStart + level, `price level ${level + 1}`),
    quantity: integerAt(fields, quantityStart + level, `quantity level ${level + 1}`),
  }));
}

/** An `OrderBookTick` from one H0STASP0 record. */
export function toOrderBookTick(fields: readonly string[]): OrderBookTick {
  return {
    type: "orderbook",
    symbol: parseSymbolCode(textAt(fields, 0)),
    time: clockTime(textAt(fields, 1)),
    asks: levels(fields, 3, 23),
    bids: levels(fields, 13, 33),
    totalAskQuantity: integerAt(fields, 43, "TOTAL_ASKP_RSQN"),
    totalBidQuantity: integerAt(fields, 44, "TOTAL_BIDP_RSQN"),
  };
}

function noticeEvent(fields: readonly string[]): OrderNotice["event"] {
  // CNTG_YN 2 is a fill; 1 acknowledges the order, its revision, cancellation or rejection.
  if (textAt(fields, 13) === "2") return "fill";
  if (textAt(fields, 12) === "1") return "rejected";
  const correction = textAt(fields, 5);
  if (correction === "1") return "revised";
  if (correction === "2") return "cancelled";
  return "accepted";
}

/** An `OrderNotice` from one decrypted H0STCNI0/H0STCNI9 record. */
export function toOrderNotice(fields: readonly string[]): OrderNotice {
  const event = noticeEvent(fields);
  const orderQuantity = integerAt(fields, 16, "ODER_QTY");
  const isFill = event === "fill";
  return {
    type: "order_notice",
    event,
    account: textAt(fields, 1),
    orderNo: textAt(fields, 2),
    originalOrderNo: textAt(fields, 3),
    side: textAt(fields, 4) === "01" ? "sell" : "buy",
    symbol: parseSymbolCode(textAt(fields, 8)),
    time: clockTime(textAt(fields, 11)),
    quantity: isFill ? integerAt(fields, 9, "CNTG_QTY") : orderQuantity,
    price: isFill ? integerAt(fields, 10, "CNTG_UNPR") : integerAt(fields, 25, "ODER_PRC"),
    orderQuantity,
    ...noticeVenue(textAt(fields, 19)),
  };
}

/** Route and venue of `ORD_EXG_GB`: 1 KRX, 2 NXT, 3 SOR to KRX, 4 SOR to NXT (PROTOCOL.md §7.8). */
function noticeVenue(code: string): Pick<OrderNotice, "route" | "venue"> {
  switch (code) {
    case "1":
      return { route: "KRX", venue: "KRX" };
    case "2":
      return { route: "NXT", venue: "NXT" };
    case "3":
      return { route: "SOR", venue: "KRX" };
    case "4":
      return { route: "SOR", venue: "NXT" };
    default:
      return { route: null, venue: null };
  }
}
