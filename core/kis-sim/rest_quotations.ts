import { z } from "zod";
import { KIS_ERRORS } from "./errors.ts";
import type { SimDailyBar } from "./history.ts";
import type { TapeView } from "./intraday.ts";
import { compactDate, dashedDate, kstWallClock } from "../krx/time.ts";
import type { SimQuote } from "./market.ts";
import { restingQty } from "./order_book.ts";
import { changeRate, changeSign } from "./quote_fields.ts";
import {
  compactDateField,
  failure,
  type RestContext,
  type RestHandler,
  type SimAnswer,
  success,
  withInput,
} from "./rest_common.ts";

const symbolQuery = {
  FID_COND_MRKT_DIV_CODE: z.enum(["J", "NX", "UN"]),
  FID_INPUT_ISCD: z.string().min(1),
};

/** The trades a market code's quote counts: `J` KRX's, `NX` and `UN` both venues' (one process). */
const VIEW_OF_MARKET: Record<"J" | "NX" | "UN", TapeView> = {
  J: "KRX",
  NX: "integrated",
  UN: "integrated",
};

/**
 * A handler of a symbol TR: its input is `shape` plus the market code and symbol, and it gets the
 * symbol's quote by that market code (KIS's APBK0656 for an unknown symbol).
 */
function forSymbol<S extends z.ZodRawShape>(
  shape: S,
  handle: (
    ctx: RestContext,
    quote: SimQuote,
    input: z.infer<z.ZodObject<typeof symbolQuery & S>>,
  ) => SimAnswer,
): RestHandler {
  return withInput(z.object({ ...symbolQuery, ...shape }), (ctx, input) => {
    // the schema holds symbolQuery, which TypeScript cannot see through the generic shape
    const query = input as z.infer<z.ZodObject<typeof symbolQuery>>;
    const code = query.FID_INPUT_ISCD;
    if (!ctx.exchange.market.symbol(code)) return failure(KIS_ERRORS.unknownSymbol);
    const view = VIEW_OF_MARKET[query.FID_COND_MRKT_DIV_CODE];
    return handle(ctx, ctx.exchange.market.quote(code, view), input);
  });
}

function change(quote: SimQuote) {
  return {
    prdy_vrss: String(quote.last - quote.base),
    prdy_vrss_sign: changeSign(quote.last, quote.base, quote.upper, quote.lower),
    prdy_ctrt: changeRate(quote.last, quote.base),
  };
}

/** GET inquire-price (FHKST01010100). */
export const inquirePrice: RestHandler = forSymbol({}, (ctx, quote) => {
  const bars = ctx.exchange.market.dailyBars(quote.symbol.code).slice(-250);
  const high52 = bars.reduce(
    (best: SimDailyBar | null, b) => (best && best.high >= b.high ? best : b),
    null,
  );
  const low52 = bars.reduce(
    (best: SimDailyBar | null, b) => (best && best.low <= b.low ? best : b),
    null,
  );
  return success({
    output: {
      iscd_stat_cls_code: "55",
      marg_rate: "20.00",
      rprs_mrkt_kor_name: quote.symbol.market === "KOSDAQ" ? "KOSDAQ" : "KOSPI",
      bstp_kor_isnm: quote.symbol.kind === "etf" ? "ETF" : "시뮬레이션",
      temp_stop_yn: "N",
      oprc_rang_cont_yn: "N",
      clpr_rang_cont_yn: "N",
      crdt_able_yn: "Y",
      grmn_rate_cls_code: "40",
      elw_pblc_yn: "N",
      stck_prpr: String(quote.last),
      ...change(quote),
      acml_tr_pbmn: String(quote.turnover),
      acml_vol: String(quote.volume),
      prdy_vrss_vol_rate: "0.00",
      stck_oprc: String(quote.open),
      stck_hgpr: String(quote.high),
      stck_lwpr: String(quote.low),
      stck_mxpr: String(quote.upper),
      stck_llam: String(quote.lower),
      stck_sdpr: String(quote.base),
      wghn_avrg_stck_prc: quote.volume === 0 ? "0.00" : (quote.turnover / quote.volume).toFixed(2),
      hts_frgn_ehrt: "0.00",
      frgn_ntby_qty: "0",
      pgtr_ntby_qty: "0",
      aspr_unit: String(quote.tick),
      hts_deal_qty_unit_val: "1",
      lstn_stcn: "0",
      hts_avls: "0",
      per: "0.00",
      pbr: "0.00",
      eps: "0.00",
      bps: "0.00",
      w52_hgpr: String(high52?.high ?? 0),
      w52_hgpr_date: high52 ? compactDate(high52.date) : "",
      w52_lwpr: String(low52?.low ?? 0),
      w52_lwpr_date: low52 ? compactDate(low52.date) : "",
      stck_fcam: "100",
      vi_cls_code: "N",
      ovtm_vi_cls_code: "N",
      short_over_yn: "N",
      sltr_yn: "N",
      mang_issu_cls_code: "N",
      mrkt_warn_cls_code: "00",
      invt_caful_yn: "N",
    },
  });
});

/** Aggregates daily bars into weeks (Monday-keyed), months or years; `D` returns them as they are. */
export function aggregateBars(
  bars: readonly SimDailyBar[],
  period: "D" | "W" | "M" | "Y",
): SimDailyBar[] {
  if (period === "D") return [...bars];
  const groups = new Map<string, SimDailyBar[]>();
  for (const bar of bars) {
    const key = period === "Y"
      ? bar.date.slice(0, 4)
      : period === "M"
      ? bar.date.slice(0, 7)
      : weekKey(bar.date);
    const group = groups.get(key) ?? [];
    group.push(bar);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as SimDailyBar;
    const last = group[group.length - 1] as SimDailyBar;
    return {
      date: last.date,
      open: first.open,
      high: Math.max(...group.map((b) => b.high)),
      low: Math.min(...group.map((b) => b.low)),
      close: last.close,
      volume: group.reduce((sum, b) => sum + b.volume, 0),
      turnover: group.reduce((sum, b) => sum + b.turnover, 0),
    };
  });
}

/** The fields both chart answers start their `output1` with: the day's change, volume and name. */
function chartHeader(quote: SimQuote) {
  return {
    ...change(quote),
    stck_prdy_clpr: String(quote.base),
    acml_vol: String(quote.volume),
    acml_tr_pbmn: String(quote.turnover),
    hts_kor_isnm: quote.symbol.name,
    stck_prpr: String(quote.last),
  };
}

function weekKey(date: string): string {
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const monday = day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
  return String(monday);
}

function barRows(bars: readonly SimDailyBar[], newestFirst: SimDailyBar[]) {
  const previousClose = new Map<string, number>();
  bars.forEach((bar, i) => previousClose.set(bar.date, bars[i - 1]?.close ?? bar.open));
  return newestFirst.map((bar) => {
    const base = previousClose.get(bar.date) ?? bar.open;
    return {
      stck_bsop_date: compactDate(bar.date),
      stck_clpr: String(bar.close),
      stck_oprc: String(bar.open),
      stck_hgpr: String(bar.high),
      stck_lwpr: String(bar.low),
      acml_vol: String(bar.volume),
      acml_tr_pbmn: String(bar.turnover),
      flng_cls_code: "00",
      prtt_rate: "0.00",
      mod_yn: "N",
      prdy_vrss_sign: changeSign(bar.close, base, Infinity, -Infinity),
      prdy_vrss: String(bar.close - base),
      prdy_ctrt: changeRate(bar.close, base),
      revl_issu_reas: "",
    };
  });
}

const periodField = z.enum(["D", "W", "M", "Y"]);

/** GET inquire-daily-itemchartprice (FHKST03010100): up to 100 bars in the date range, newest first. */
export const dailyItemChart: RestHandler = forSymbol({
  FID_INPUT_DATE_1: compactDateField,
  FID_INPUT_DATE_2: compactDateField,
  FID_PERIOD_DIV_CODE: periodField,
  FID_ORG_ADJ_PRC: z.enum(["0", "1"]),
}, (ctx, quote, input) => {
  const from = dashedDate(input.FID_INPUT_DATE_1);
  const to = dashedDate(input.FID_INPUT_DATE_2);
  const bars = aggregateBars(
    ctx.exchange.market.dailyBars(quote.symbol.code),
    input.FID_PERIOD_DIV_CODE,
  );
  const inRange = bars.filter((b) => b.date >= from && b.date <= to).reverse().slice(0, 100);
  return success({
    output1: {
      ...chartHeader(quote),
      stck_shrn_iscd: quote.symbol.code,
      stck_mxpr: String(quote.upper),
      stck_llam: String(quote.lower),
      stck_oprc: String(quote.open),
      stck_hgpr: String(quote.high),
      stck_lwpr: String(quote.low),
      lstn_stcn: "0",
      per: "0.00",
      eps: "0.00",
      pbr: "0.00",
    },
    output2: barRows(bars, inRange),
  });
});

/** GET inquire-daily-price (FHKST01010400): the last 30 days, weeks or months, newest first. */
export const dailyPrice: RestHandler = forSymbol({
  FID_PERIOD_DIV_CODE: z.enum(["D", "W", "M"]),
  FID_ORG_ADJ_PRC: z.enum(["0", "1"]),
}, (ctx, quote, input) => {
  const bars = aggregateBars(
    ctx.exchange.market.dailyBars(quote.symbol.code),
    input.FID_PERIOD_DIV_CODE,
  );
  const rows = barRows(bars, bars.slice(-30).reverse()).map((row) => ({
    stck_bsop_date: row.stck_bsop_date,
    stck_oprc: row.stck_oprc,
    stck_hgpr: row.stck_hgpr,
    stck_lwpr: row.stck_lwpr,
    stck_clpr: row.stck_clpr,
    acml_vol: row.acml_vol,
    prdy_vrss_vol_rate: "0.00",
    prdy_vrss: row.prdy_vrss,
    prdy_vrss_sign: row.prdy_vrss_sign,
    prdy_ctrt: row.prdy_ctrt,
    hts_frgn_ehrt: "0.00",
    frgn_ntby_qty: "0",
    flng_cls_code: "00",
    acml_prtt_rate: "0.00",
  }));
  return success({ output: rows });
});

/** GET inquire-time-itemchartprice (FHKST03010200): up to 30 of today's minute bars at or before the hour. */
export const timeItemChart: RestHandler = forSymbol({
  FID_INPUT_HOUR_1: z.string().regex(/^\d{6}$/),
  FID_PW_DATA_INCU_YN: z.enum(["Y", "N"]),
  FID_ETC_CLS_CODE: z.string(),
}, (ctx, quote, input) => {
  const until = input.FID_INPUT_HOUR_1;
  const date = compactDate(ctx.exchange.market.date);
  const bars = ctx.exchange.market.minuteBars(quote.symbol.code).filter((b) => b.time <= until)
    .reverse()
    .slice(0, 30);
  return success({
    output1: {
      ...chartHeader(quote),
    },
    output2: bars.map((bar) => ({
      stck_bsop_date: date,
      stck_cntg_hour: bar.time,
      stck_prpr: String(bar.close),
      stck_oprc: String(bar.open),
      stck_hgpr: String(bar.high),
      stck_lwpr: String(bar.low),
      cntg_vol: String(bar.volume),
      acml_tr_pbmn: String(bar.turnover),
    })),
  });
});

/** GET inquire-asking-price-exp-ccn (FHKST01010200): the 10-level book. */
export const askingPrice: RestHandler = forSymbol({}, (ctx, quote) => {
  const book = ctx.exchange.market.book(quote.symbol.code);
  const output1: Record<string, string> = {
    aspr_acpt_hour: kstWallClock(ctx.exchange.market.instant).compactTime,
  };
  for (let i = 0; i < 10; i++) {
    output1[`askp${i + 1}`] = String(book.asks[i]?.price ?? 0);
    output1[`bidp${i + 1}`] = String(book.bids[i]?.price ?? 0);
    output1[`askp_rsqn${i + 1}`] = String(book.asks[i]?.qty ?? 0);
    output1[`bidp_rsqn${i + 1}`] = String(book.bids[i]?.qty ?? 0);
  }
  output1.total_askp_rsqn = String(restingQty(book.asks));
  output1.total_bidp_rsqn = String(restingQty(book.bids));
  return success({
    output1,
    output2: {
      ...change(quote),
      stck_prpr: String(quote.last),
      stck_oprc: String(quote.open),
      stck_hgpr: String(quote.high),
      stck_lwpr: String(quote.low),
      stck_sdpr: String(quote.base),
      antc_cnpr: "0",
      antc_cnqn: "0",
      antc_vol: "0",
      stck_shrn_iscd: quote.symbol.code,
    },
  });
});
