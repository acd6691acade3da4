import { z } from "zod";
import { fillCosts, parseIsoDate } from "../krx/mod.ts";
import { compactDate, kstWallClock } from "../krx/time.ts";
import { ordDvsn, type SimOrder } from "./orders.ts";
import {
  compactDateField,
  forAccount,
  pagedAnswer,
  pageRequest,
  pagingFields,
  type RestContext,
  type RestHandler,
  ROUTES,
} from "./rest_common.ts";

/** GET inquire-daily-ccld: the order/fill journal in a date range, paged. */
export const dailyFills: RestHandler = forAccount(
  {
    ...pagingFields,
    INQR_STRT_DT: compactDateField,
    INQR_END_DT: compactDateField,
    SLL_BUY_DVSN_CD: z.enum(["00", "01", "02"]),
    INQR_DVSN: z.enum(["00", "01"]),
    PDNO: z.string(),
    CCLD_DVSN: z.enum(["00", "01", "02"]),
    ORD_GNO_BRNO: z.string(),
    ODNO: z.string(),
    INQR_DVSN_3: z.string(),
    INQR_DVSN_1: z.string(),
    // the official sample defaults to KRX; ALL lists every route (OTA:ex/inquire_daily_ccld)
    EXCG_ID_DVSN_CD: z.enum([...ROUTES, "ALL"]).optional().default("KRX"),
  },
  (ctx, q, account, request) => {
    const from = parseIsoDate(q.INQR_STRT_DT);
    const to = parseIsoDate(q.INQR_END_DT);
    const side = q.SLL_BUY_DVSN_CD === "01" ? "sell" : q.SLL_BUY_DVSN_CD === "02" ? "buy" : null;
    let rows = ctx.exchange.orders(account.id).filter((o) =>
      o.date >= from && o.date <= to && (side === null || o.side === side) &&
      (q.PDNO === "" || o.symbol.code === q.PDNO) &&
      (q.EXCG_ID_DVSN_CD === "ALL" || o.route === q.EXCG_ID_DVSN_CD) &&
      (q.ODNO === "" || o.odno === q.ODNO.padStart(10, "0")) &&
      (q.CCLD_DVSN === "00" || (q.CCLD_DVSN === "01" ? o.filledQty > 0 : o.remaining > 0))
    );
    if (q.INQR_DVSN === "00") rows = rows.reverse();
    const fingerprint = [
      account.id,
      q.INQR_STRT_DT,
      q.INQR_END_DT,
      q.SLL_BUY_DVSN_CD,
      q.PDNO,
      q.CCLD_DVSN,
      q.INQR_DVSN,
      q.EXCG_ID_DVSN_CD,
      rows.length,
    ].join(":");
    const paging = { size: ctx.pageSizes.dailyCcld, request: pageRequest(request, q), fingerprint };
    return pagedAnswer(rows, paging, (page) => ({
      output1: page.map(journalRow),
      output2: journalTotals(ctx, rows),
    }));
  },
);

/** inquire-daily-ccld's `output2`: totals over every row of the query, not only the page. */
function journalTotals(ctx: RestContext, rows: readonly SimOrder[]): Record<string, string> {
  const totalQty = rows.reduce((s, o) => s + o.qty, 0);
  const filledQty = rows.reduce((s, o) => s + o.filledQty, 0);
  const filledAmount = rows.reduce((s, o) => s + o.filledAmount, 0);
  return {
    tot_ord_qty: String(totalQty),
    tot_ccld_qty: String(filledQty),
    tot_ccld_amt: String(filledAmount),
    prsm_tlex_smtl: String(estimatedCosts(ctx, rows)),
    pchs_avg_pric: filledQty === 0 ? "0.0000" : (filledAmount / filledQty).toFixed(4),
  };
}

/** GET inquire-psbl-rvsecncl (real only): open orders that can still be revised or cancelled. */
export const pendingOrders: RestHandler = forAccount(
  { ...pagingFields, INQR_DVSN_1: z.string().optional(), INQR_DVSN_2: z.string().optional() },
  (ctx, input, account, request) => {
    const open = ctx.exchange.orders(account.id).filter((o) => o.remaining > 0);
    const paging = {
      size: ctx.pageSizes.pendingOrders,
      request: pageRequest(request, input),
      fingerprint: `${account.id}:${open.length}`,
    };
    return pagedAnswer(open, paging, (page) => ({ output: page.map(pendingRow) }));
  },
);

function pendingRow(o: SimOrder) {
  return {
    ord_gno_brno: o.orgNo,
    odno: o.odno,
    orgn_odno: o.originalOdno ?? "",
    ord_dvsn_name: o.type === "limit" ? "지정가" : "시장가",
    pdno: o.symbol.code,
    prdt_name: o.symbol.name,
    rvse_cncl_dvsn_name: o.action === "revise" ? "정정" : "",
    ord_qty: String(o.qty),
    ord_unpr: String(o.price),
    ord_tmd: kstWallClock(o.orderedAt).compactTime,
    tot_ccld_qty: String(o.filledQty),
    tot_ccld_amt: String(o.filledAmount),
    psbl_qty: String(o.remaining),
    sll_buy_dvsn_cd: o.side === "sell" ? "01" : "02",
    ord_dvsn_cd: ordDvsn(o.type),
    mgco_aptm_odno: "",
    excg_id_dvsn_cd: o.route,
  };
}

/** The commission and sell tax the fills of `rows` were charged, fill by fill as KRX truncates. */
function estimatedCosts(ctx: RestContext, rows: readonly SimOrder[]): number {
  let total = 0;
  for (const o of rows) {
    for (const fill of o.fills) {
      const costs = fillCosts(
        {
          side: o.side,
          price: fill.price,
          qty: fill.qty,
          date: o.date,
          market: o.symbol.market,
          instrument: o.symbol.kind,
        },
        { feeRate: ctx.exchange.feeRate },
      );
      total += costs.fee + costs.tax;
    }
  }
  return total;
}

function journalRow(o: SimOrder) {
  const names: Record<string, string> = { buy: "현금매수", sell: "현금매도" };
  return {
    ord_dt: compactDate(o.date),
    ord_gno_brno: o.orgNo,
    odno: o.odno,
    orgn_odno: o.originalOdno ?? "",
    ord_dvsn_name: o.type === "limit" ? "지정가" : "시장가",
    sll_buy_dvsn_cd: o.side === "sell" ? "01" : "02",
    sll_buy_dvsn_cd_name: `${o.action === "cancel" ? "취소" : o.action === "revise" ? "정정" : ""}${
      names[o.side]
    }`,
    pdno: o.symbol.code,
    prdt_name: o.symbol.name,
    ord_qty: String(o.qty),
    ord_unpr: String(o.price),
    ord_tmd: kstWallClock(o.orderedAt).compactTime,
    tot_ccld_qty: String(o.filledQty),
    avg_prvs: o.filledQty === 0 ? "0" : String(Math.round(o.filledAmount / o.filledQty)),
    cncl_yn: o.action === "cancel" ? "Y" : "N",
    tot_ccld_amt: String(o.filledAmount),
    loan_dt: "",
    ordr_empno: "",
    ord_dvsn_cd: ordDvsn(o.type),
    cnc_cfrm_qty: String(o.action === "cancel" ? o.qty : 0),
    rmn_qty: String(o.remaining),
    rjct_qty: "0",
    ccld_cndt_name: "없음",
    inqr_ip_addr: "",
    cpbc_ordp_ord_rcit_dvsn_cd: "",
    cpbc_ordp_infm_mthd_dvsn_cd: "",
    infm_tmd: "",
    ctac_tlno: "",
    prdt_type_cd: "300",
    excg_dvsn_cd: "01",
    cpbc_ordp_mtrl_dvsn_cd: "",
    ord_orgno: o.orgNo,
    rsvn_ord_end_dt: "",
    excg_id_dvsn_Cd: o.route,
    stpm_cndt_pric: "0",
    stpm_efct_occr_dtmd: "",
  };
}
