import { z } from "zod";
import { parseIsoDate } from "../krx/mod.ts";
import { compactDate, dashedDate } from "../krx/time.ts";
import {
  compactDateField,
  parseInput,
  type RestContext,
  type SimAnswer,
  type SimRequest,
  success,
} from "./rest_common.ts";

/** GET chk-holiday (real only): the calendar from `BASS_DT` for the next 20 days. */
export function holidays(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      BASS_DT: compactDateField,
      CTX_AREA_NK: z.string().optional(),
      CTX_AREA_FK: z.string().optional(),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const start = Date.parse(`${dashedDate(parsed.value.BASS_DT)}T00:00:00Z`);
  const calendar = ctx.exchange.market.calendar;
  const output = Array.from({ length: 20 }, (_, i) => {
    const instant = new Date(start + i * 86_400_000);
    const date = parseIsoDate(instant.toISOString().slice(0, 10));
    const weekday = instant.getUTCDay();
    const open = calendar.isTradingDay(date) ? "Y" : "N";
    return {
      bass_dt: compactDate(date),
      wday_dvsn_cd: `0${weekday + 1}`,
      bzdy_yn: open,
      tr_day_yn: open,
      opnd_yn: open,
      sttl_day_yn: open,
    };
  });
  return success({ ctx_area_nk: "", ctx_area_fk: "", output });
}
