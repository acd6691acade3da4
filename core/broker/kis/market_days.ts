import { z } from "zod";
import { compactDate, type IsoDate, parseIsoDate } from "../../krx/mod.ts";
import { KIS_PATHS } from "./env.ts";
import type { KisCalls } from "./kis_calls.ts";
import { anyCaseObject, compactDateText, rowsWithout, secondary } from "./schema_fields.ts";

/** One day of KIS's holiday inquiry (국내휴장일조회, chk-holiday). */
export interface MarketDay {
  readonly date: IsoDate;
  /** `opnd_yn`: orders can be placed (KIS: use this one to decide whether the market opens). */
  readonly open: boolean;
  /** `bzdy_yn`: a business day. */
  readonly businessDay: boolean;
  /** `tr_day_yn`: a trading day (KIS shows Y on some Saturdays, so `open` is what counts). */
  readonly tradingDay: boolean;
  /** `sttl_day_yn`: a settlement day. */
  readonly settlementDay: boolean;
}

const yesNo = z.enum(["Y", "N"]).transform((flag) => flag === "Y");

/** One row of `output` of chk-holiday (CTCA0903R). */
export const marketDayRowSchema = anyCaseObject({
  bass_dt: compactDateText,
  opnd_yn: yesNo,
  bzdy_yn: secondary(yesNo, false),
  tr_day_yn: secondary(yesNo, false),
  sttl_day_yn: secondary(yesNo, false),
});

/** `output` of chk-holiday, blank padding rows removed. */
export const marketDayRowsSchema = rowsWithout("bass_dt", marketDayRowSchema);

/**
 * KIS's holiday inquiry from `from` on, over every page, oldest first. Real accounts only; KIS
 * asks callers to keep to about one inquiry a day, since it reads the ledger (OTA:ex/chk_holiday).
 */
export async function readMarketDays(calls: KisCalls, from: IsoDate): Promise<MarketDay[]> {
  const pages = await calls.getPaged(
    "marketDays",
    KIS_PATHS.marketDays,
    { BASS_DT: compactDate(from) },
    "FK",
  );
  const days = new Map<IsoDate, MarketDay>();
  for (const page of pages) {
    for (const row of calls.read(marketDayRowsSchema, page.output ?? [], "chk-holiday")) {
      const date = parseIsoDate(row.bass_dt);
      days.set(date, {
        date,
        open: row.opnd_yn,
        businessDay: row.bzdy_yn,
        tradingDay: row.tr_day_yn,
        settlementDay: row.sttl_day_yn,
      });
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
