import type { SimOrderNotice } from "./exchange_types.ts";
import type { TradePrint } from "./market.ts";
import { BOOK_DEPTH, type OrderBook, restingQty, type SimBookLevel } from "./order_book.ts";
import { priceLimits } from "../krx/mod.ts";
import { barSoFar, eventKind, type TapeView } from "./intraday.ts";
import { compactDate, kstWallClock } from "../krx/time.ts";
import { ordDvsn, ordExgGb } from "./orders.ts";
import { changeRate, changeSign } from "./quote_fields.ts";

/** A realtime data frame: `<enc>|<tr_id>|<count, 3 digits>|<records joined by ^>`. */
export function dataFrame(
  encrypted: boolean,
  trId: string,
  count: number,
  payload: string,
): string {
  return `${encrypted ? "1" : "0"}|${trId}|${String(count).padStart(3, "0")}|${payload}`;
}

/** Joins records (each a field list) into one `^`-separated payload, records simply concatenated. */
export function joinRecords(records: readonly (readonly string[])[]): string {
  return records.map((fields) => fields.join("^")).join("^");
}

/**
 * The 46 H0STCNT0 fields of one trade (H0NXCNT0/H0UNCNT0 share the layout); `view` picks the
 * trades the day's open, high, low and volume count, `book` is the book right after the trade.
 */
export function tradeRecord(print: TradePrint, view: TapeView, book: OrderBook): string[] {
  const { path, k, symbol } = print;
  const price = path.prices[k] ?? 0;
  const { upper, lower } = priceLimits(path.base, { instrument: symbol.kind });
  const day = barSoFar(path, k + 1, view);
  const volume = day?.volume ?? 0;
  const turnover = day?.turnover ?? 0;
  const open = day?.open ?? 0;
  const high = day?.high ?? 0;
  const low = day?.low ?? 0;
  const openHour = kstWallClock(path.times[view === "KRX" ? path.openingAuction : 0] ?? 0)
    .compactTime;
  const ask1 = book.asks[0];
  const bid1 = book.bids[0];
  const buySide = ask1 !== undefined && price >= ask1.price;
  const sellVolume = Math.floor(volume / 2);
  const buyVolume = volume - sellVolume;
  const sign = (p: number) => changeSign(p, path.base, upper, lower);
  return [
    symbol.code,
    kstWallClock(print.at).compactTime,
    String(price),
    sign(price),
    String(price - path.base),
    changeRate(price, path.base),
    volume === 0 ? "0" : (turnover / volume).toFixed(2),
    String(open),
    String(high),
    String(low),
    String(ask1?.price ?? 0),
    String(bid1?.price ?? 0),
    String(path.volumes[k] ?? 0),
    String(volume),
    String(turnover),
    String(Math.floor((k + 1) / 2)),
    String(Math.ceil((k + 1) / 2)),
    String(Math.ceil((k + 1) / 2) - Math.floor((k + 1) / 2)),
    sellVolume === 0 ? "0.00" : (buyVolume / sellVolume * 100).toFixed(2),
    String(sellVolume),
    String(buyVolume),
    buySide ? "1" : "5",
    volume === 0 ? "0.00" : (buyVolume / volume * 100).toFixed(2),
    "0.00",
    openHour,
    sign(open),
    String(price - open),
    openHour,
    sign(high),
    String(price - high),
    openHour,
    sign(low),
    String(price - low),
    compactDate(path.date),
    eventKind(path, k) === "closing_auction" ? "30" : "20",
    "N",
    String(ask1?.qty ?? 0),
    String(bid1?.qty ?? 0),
    ...bookTotals(book),
    "0.00",
    "0",
    "0.00",
    "0",
    "0",
    String(path.base),
  ];
}

/** The 59 H0STASP0 fields of a book snapshot. */
export function orderBookRecord(code: string, at: Date, book: OrderBook, volume: number): string[] {
  const prices = (levels: readonly SimBookLevel[]) => padLevels(levels).map((l) => String(l.price));
  const qtys = (levels: readonly SimBookLevel[]) => padLevels(levels).map((l) => String(l.qty));
  return [
    code,
    kstWallClock(at).compactTime,
    "0",
    ...prices(book.asks),
    ...prices(book.bids),
    ...qtys(book.asks),
    ...qtys(book.bids),
    ...bookTotals(book),
    "0",
    "0",
    "0",
    "0",
    "0",
    "0",
    "3",
    "0.00",
    String(volume),
    "0",
    "0",
    "0",
    "0",
    "0",
  ];
}

/** The 26 H0STCNI0/H0STCNI9 fields of an order acknowledgement or fill. */
export function fillNoticeRecord(notice: SimOrderNotice): string[] {
  const { order, account, fill } = notice;
  const rctf = order.action === "revise" ? "1" : order.action === "cancel" ? "2" : "0";
  return [
    account.htsId,
    `${account.cano}${account.productCode}`,
    order.odno,
    order.originalOdno ?? "",
    order.side === "sell" ? "01" : "02",
    rctf,
    ordDvsn(order.type),
    "0",
    order.symbol.code,
    String(fill?.qty ?? order.qty),
    String(fill?.price ?? order.price),
    kstWallClock(notice.at).compactTime,
    "0",
    fill ? "2" : "1",
    "2",
    order.orgNo,
    String(order.qty),
    account.name,
    "0",
    ordExgGb(order.route, order.venue),
    "N",
    "",
    "10",
    "",
    order.symbol.name,
    String(order.price),
  ];
}

/** AES-256-CBC (PKCS#7) encryption of `text` to base64, as KIS encrypts fill notices. */
export async function encryptPayload(text: string, key: string, iv: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey("raw", encoder.encode(key), "AES-CBC", false, [
    "encrypt",
  ]);
  const cipher = await crypto.subtle.encrypt(
    { name: "AES-CBC", iv: encoder.encode(iv) },
    cryptoKey,
    encoder.encode(text),
  );
  let binary = "";
  for (const byte of new Uint8Array(cipher)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function padLevels(levels: readonly SimBookLevel[]): SimBookLevel[] {
  const padded = levels.slice(0, BOOK_DEPTH);
  while (padded.length < BOOK_DEPTH) padded.push({ price: 0, qty: 0 });
  return padded;
}

/** TOTAL_ASKP_RSQN and TOTAL_BIDP_RSQN: the quantity resting on each side of the book. */
function bookTotals(book: OrderBook): [string, string] {
  return [String(restingQty(book.asks)), String(restingQty(book.bids))];
}
