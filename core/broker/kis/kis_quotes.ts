import {
  addDays,
  compactDate,
  compactTimeOfDay,
  kstWallClock,
  type SymbolCode,
} from "../../krx/mod.ts";
import type { BarPeriod, BarRange, DailyBar, MinuteBar, Quote, QuoteSource } from "../types.ts";
import { KIS_PATHS, MARKET_DIV_CODES } from "./env.ts";
import type { KisCalls } from "./kis_calls.ts";
import { toDailyBar, toMinuteBar, toQuote } from "./mappers.ts";
import { dailyChartRowsSchema, minuteChartRowsSchema, priceOutputSchema } from "./rest_schemas.ts";

const PERIOD_CODES: Readonly<Record<BarPeriod, string>> = {
  day: "D",
  week: "W",
  month: "M",
  year: "Y",
};

/** inquire-price (FHKST01010100) of `symbol` on KRX, Nextrade or both integrated. */
export async function readQuote(
  calls: KisCalls,
  symbol: SymbolCode,
  source: QuoteSource,
): Promise<Quote> {
  const envelope = await calls.get("price", KIS_PATHS.price, {
    FID_COND_MRKT_DIV_CODE: MARKET_DIV_CODES[source],
    FID_INPUT_ISCD: symbol,
  });
  return toQuote(symbol, calls.read(priceOutputSchema, envelope.output, "inquire-price"));
}

/** Period bars of `symbol` in `range`, oldest first, over as many chart pages as it takes. */
export async function readDailyBars(
  calls: KisCalls,
  symbol: SymbolCode,
  range: BarRange,
): Promise<DailyBar[]> {
  const bars = new Map<string, DailyBar>();
  let end = range.to;
  // KIS returns at most 100 bars, newest first; the next page ends the day before the oldest.
  while (end >= range.from) {
    const envelope = await calls.get("dailyChart", KIS_PATHS.dailyChart, {
      FID_COND_MRKT_DIV_CODE: "J",
      FID_INPUT_ISCD: symbol,
      FID_INPUT_DATE_1: compactDate(range.from),
      FID_INPUT_DATE_2: compactDate(end),
      FID_PERIOD_DIV_CODE: PERIOD_CODES[range.period ?? "day"],
      FID_ORG_ADJ_PRC: "0",
    });
    const rows = calls.read(dailyChartRowsSchema, envelope.output2 ?? [], "daily chart");
    const page = rows.map(toDailyBar).filter((bar) => bar.date >= range.from && bar.date <= end);
    if (page.length === 0) break;
    for (const bar of page) bars.set(bar.date, bar);
    const oldest = page.reduce((min, bar) => bar.date < min ? bar.date : min, end);
    end = addDays(oldest, -1);
  }
  return [...bars.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** `HHMMSS` one minute before `hhmmss` (seconds zeroed), or null before midnight. */
function minuteBefore(hhmmss: string): string | null {
  const seconds = Number(hhmmss.slice(0, 2)) * 3600 + Number(hhmmss.slice(2, 4)) * 60 - 60;
  return seconds < 0 ? null : compactTimeOfDay(seconds);
}

/** Today's one-minute bars of `symbol`, oldest first. */
export async function readMinuteBars(calls: KisCalls, symbol: SymbolCode): Promise<MinuteBar[]> {
  const today = kstWallClock(calls.clock.now());
  const bars = new Map<string, MinuteBar>();
  let until: string | null = today.compactTime;
  // 30 bars per call, newest first; the next call asks for the minute before the earliest.
  while (until !== null) {
    const envelope = await calls.get("minuteChart", KIS_PATHS.minuteChart, {
      FID_ETC_CLS_CODE: "",
      FID_COND_MRKT_DIV_CODE: "J",
      FID_INPUT_ISCD: symbol,
      FID_INPUT_HOUR_1: until,
      FID_PW_DATA_INCU_YN: "N",
    });
    const last: string = until;
    const rows = calls.read(minuteChartRowsSchema, envelope.output2 ?? [], "minute chart")
      .filter((row) => row.stck_bsop_date === today.compactDate && row.stck_cntg_hour <= last);
    if (rows.length === 0) break;
    for (const row of rows) bars.set(row.stck_cntg_hour, toMinuteBar(row));
    until = minuteBefore(
      rows.reduce((min, row) => row.stck_cntg_hour < min ? row.stck_cntg_hour : min, last),
    );
  }
  return [...bars.values()].sort((a, b) => a.time.localeCompare(b.time));
}
