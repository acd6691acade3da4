import { z } from "zod";
import { epochDayToIsoDate, isoDateToEpochDay, parseIsoDate } from "../krx/mod.ts";
import { compactDate } from "../krx/time.ts";
import { KIS_ERRORS } from "./errors.ts";
import { paginate } from "./paging.ts";
import {
  compactDateField,
  failure,
  parseInput,
  type RestContext,
  type SimAnswer,
  type SimRequest,
  success,
} from "./rest_common.ts";

/** Days chk-holiday answers from `BASS_DT` on (sim choice: KIS does not say how far it looks). */
const HORIZON_DAYS = 20;

/**
 * GET chk-holiday (real only): from `BASS_DT`, the simulator's own calendar, so client and
 * simulator agree on every open day. Pages with `CTX_AREA_FK`/`CTX_AREA_NK` (no `100`) like the
 * official sample (OTA:ex/chk_holiday); days past the calendar's covered years are left out.
 */
export function holidays(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      BASS_DT: compactDateField,
      CTX_AREA_NK: z.string().optional().default(""),
      CTX_AREA_FK: z.string().optional().default(""),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const { BASS_DT, CTX_AREA_FK, CTX_AREA_NK } = parsed.value;
  const calendar = ctx.exchange.market.calendar;
  const first = isoDateToEpochDay(parseIsoDate(BASS_DT));
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
  const page = paginate(
    rows,
    ctx.pageSizes.holidays,
    { trCont: request.trCont, fk100: CTX_AREA_FK, nk100: CTX_AREA_NK },
    BASS_DT,
  );
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  return success(
    { ctx_area_fk: page.fk100, ctx_area_nk: page.nk100, output: page.rows },
    undefined,
    page.trCont,
  );
}
