import { z } from "zod";
import { fillCosts, parseIsoDate } from "../krx/mod.ts";
import { compactDate, kstWallClock } from "../krx/time.ts";
import { KIS_ERRORS } from "./errors.ts";
import { ordDvsn, type SimOrder } from "./orders.ts";
import {
  accountFields,
  accountId,
  compactDateField,
  failure,
  paged,
  pagingFields,
  parseInput,
  type RestContext,
  ROUTES,
  type SimAnswer,
  type SimRequest,
  success,
} from "./rest_common.ts";

/** GET inquire-daily-ccld: the order/fill journal in a date range, paged. */
export function dailyFills(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
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
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const q = parsed.value;
  const id = accountId(ctx, q);
  if (!id.ok) return id.answer;
  const from = parseIsoDate(q.INQR_STRT_DT);
  const to = parseIsoDate(q.INQR_END_DT);
  const side = q.SLL_BUY_DVSN_CD === "01" ? "sell" : q.SLL_BUY_DVSN_CD === "02" ? "buy" : null;
  let rows = ctx.exchange.orders(id.id).filter((o) =>
    o.date >= from && o.date <= to && (side === null || o.side === side) &&
    (q.PDNO === "" || o.symbol.code === q.PDNO) &&
    (q.EXCG_ID_DVSN_CD === "ALL" || o.route === q.EXCG_ID_DVSN_CD) &&
    (q.ODNO === "" || o.odno === q.ODNO.padStart(10, "0")) &&
    (q.CCLD_DVSN === "00" || (q.CCLD_DVSN === "01" ? o.filledQty > 0 : o.remaining > 0))
  );
  if (q.INQR_DVSN === "00") rows = rows.reverse();
  const fingerprint = [
    id.id,
    q.INQR_STRT_DT,
    q.INQR_END_DT,
    q.SLL_BUY_DVSN_CD,
    q.PDNO,
    q.CCLD_DVSN,
    q.INQR_DVSN,
    q.EXCG_ID_DVSN_CD,
    rows.length,
  ]
    .join(":");
  const page = paged(request, rows, ctx.pageSizes.dailyCcld, q, fingerprint);
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  const totalQty = rows.reduce((s, o) => s + o.qty, 0);
  const filledQty = rows.reduce((s, o) => s + o.filledQty, 0);
  const filledAmount = rows.reduce((s, o) => s + o.filledAmount, 0);
  return success(
    {
      ctx_area_fk100: page.fk100,
      ctx_area_nk100: page.nk100,
      output1: page.rows.map(journalRow),
      output2: {
        tot_ord_qty: String(totalQty),
        tot_ccld_qty: String(filledQty),
        tot_ccld_amt: String(filledAmount),
        prsm_tlex_smtl: String(estimatedCosts(ctx, rows)),
        pchs_avg_pric: filledQty === 0 ? "0.0000" : (filledAmount / filledQty).toFixed(4),
      },
    },
    undefined,
    page.trCont,
  );
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
