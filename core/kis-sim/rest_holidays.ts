import { z } from "zod";
import {
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  parseIsoDate,
  type TradingCalendar,
} from "../krx/mod.ts";
import { compactDate } from "../krx/time.ts";
import { compactDateField, pagedAnswer, type RestHandler, withInput } from "./rest_common.ts";

/** Days chk-holiday answers from `BASS_DT` on (sim choice: KIS does not say how far it looks). */
const HORIZON_DAYS = 20;

/**
 * GET chk-holiday (real only): from `BASS_DT`, the simulator's own calendar, so client and
 * simulator agree on every open day. Pages with `CTX_AREA_FK`/`CTX_AREA_NK` (no `100`) like the
 * official sample (OTA:ex/chk_holiday); days past the calendar's covered years are left out.
 */
export const holidays: RestHandler = withInput(
  z.object({
    BASS_DT: compactDateField,
    CTX_AREA_NK: z.string().optional().default(""),
    CTX_AREA_FK: z.string().optional().default(""),
  }),
  (ctx, { BASS_DT, CTX_AREA_FK, CTX_AREA_NK }, request) => {
    const paging = {
      size: ctx.pageSizes.holidays,
      request: { trCont: request.trCont, fk100: CTX_AREA_FK, nk100: CTX_AREA_NK },
      fingerprint: BASS_DT,
      suffix: "" as const,
    };
    const rows = holidayRows(ctx.exchange.market.calendar, parseIsoDate(BASS_DT));
    return pagedAnswer(rows, paging, (page) => ({ output: page }));
  },
);

/** chk-holiday's rows from `from` on, for {@link HORIZON_DAYS} days within the calendar's years. */
function holidayRows(calendar: TradingCalendar, from: IsoDate): Record<string, string>[] {
  const first = isoDateToEpochDay(from);
  const rows: Record<string, string>[] = [];
  for (let day = first; day < first + HORIZON_DAYS; day++) {
    const date = epochDayToIsoDate(day);
    let open: "Y" | "N";
    try {
      open = calendar.isTradingDay(date) ? "Y" : "N";
    } catch {
      break;
    }
    rows.push({
      bass_dt: compactDate(date),
      // 01 Sunday … 07 Saturday (sim choice; the spec's code list was not found)
      wday_dvsn_cd: `0${new Date(day * 86_400_000).getUTCDay() + 1}`,
      bzdy_yn: open,
      tr_day_yn: open,
      opnd_yn: open,
      sttl_day_yn: open,
    });
  }
  return rows;
}
