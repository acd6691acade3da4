import { z } from "zod";
import { type IsoDate, parseIsoDate, sellTaxRate } from "../krx/mod.ts";
import { KIS_ERRORS } from "./errors.ts";
import type { OrderResult } from "./exchange.ts";
import { compactDate, dashedDate, kstWallClock } from "../krx/time.ts";
import { ordDvsn, type OrderType, type SimOrder } from "./orders.ts";
import { paginate } from "./paging.ts";
import {
  accountFields,
  accountId,
  compactDateField,
  digits,
  failure,
  int,
  parseInput,
  type RestContext,
  type SimAnswer,
  type SimRequest,
  success,
} from "./rest_common.ts";
import { SIM_TR_IDS } from "./tr_ids.ts";

const ORDER_SENT = { msgCd: "APBK0013", msg1: "주문 전송 완료 되었습니다." };
const SUPPORTED_DVSN: Record<string, OrderType> = { "00": "limit", "01": "market" };

const orderCashBody = z.object({
  ...accountFields,
  PDNO: z.string().regex(/^(\d{6}|Q\d{6})$/),
  ORD_DVSN: digits(2),
  ORD_QTY: digits(),
  ORD_UNPR: digits(),
  EXCG_ID_DVSN_CD: z.enum(["KRX", "NXT", "SOR"]).optional(),
  SLL_TYPE: z.string().optional(),
  CNDT_PRIC: z.string().optional(),
});

function orderAnswer(ctx: RestContext, result: OrderResult, uppercase: boolean): SimAnswer {
  if (!result.ok) return failure(result.error);
  ctx.publish({ prints: [], notices: result.notices });
  const { order } = result;
  const output = {
    KRX_FWDG_ORD_ORGNO: order.orgNo,
    ODNO: order.odno,
    ORD_TMD: kstWallClock(order.orderedAt).compactTime,
  };
  // KIS answers order-cash in UPPERCASE and order-rvsecncl in lowercase
  const cased = uppercase
    ? output
    : Object.fromEntries(Object.entries(output).map(([k, v]) => [k.toLowerCase(), v]));
  return success({ output: cased }, ORDER_SENT);
}

/** POST order-cash: buy (…0012U/…0802U) or sell (…0011U/…0801U), limit or market. */
export function orderCash(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(orderCashBody, request.input);
  if (!parsed.ok) return parsed.answer;
  const body = parsed.value;
  const account = accountId(ctx, body);
  if (!account.ok) return account.answer;
  const type = SUPPORTED_DVSN[body.ORD_DVSN];
  if (!type || (body.EXCG_ID_DVSN_CD ?? "KRX") !== "KRX") {
    return failure(KIS_ERRORS.unsupportedOrderType);
  }
  const side = SIM_TR_IDS.orderCashSell[ctx.env].includes(request.trId as never) ? "sell" : "buy";
  const result = ctx.exchange.placeOrder({
    accountId: account.id,
    code: body.PDNO,
    side,
    type,
    price: int(body.ORD_UNPR),
    qty: int(body.ORD_QTY),
  });
  return orderAnswer(ctx, result, true);
}

/** POST order-rvsecncl: revise (`01`) or cancel (`02`) the open part of an order. */
export function orderRevise(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      KRX_FWDG_ORD_ORGNO: z.string(),
      ORGN_ODNO: digits(),
      ORD_DVSN: digits(2),
      RVSE_CNCL_DVSN_CD: z.enum(["01", "02"]),
      ORD_QTY: digits(),
      ORD_UNPR: digits(),
      QTY_ALL_ORD_YN: z.enum(["Y", "N"]),
      EXCG_ID_DVSN_CD: z.enum(["KRX", "NXT", "SOR"]).optional(),
      CNDT_PRIC: z.string().optional(),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const body = parsed.value;
  const account = accountId(ctx, body);
  if (!account.ok) return account.answer;
  const type = SUPPORTED_DVSN[body.ORD_DVSN];
  if (!type) return failure(KIS_ERRORS.unsupportedOrderType);
  const original = body.ORGN_ODNO.padStart(10, "0");
  const result = ctx.exchange.reviseOrCancel({
    accountId: account.id,
    originalOdno: original,
    action: body.RVSE_CNCL_DVSN_CD === "01" ? "revise" : "cancel",
    qty: body.QTY_ALL_ORD_YN === "Y" ? "all" : int(body.ORD_QTY),
    type,
    price: int(body.ORD_UNPR),
  });
  return orderAnswer(ctx, result, false);
}

const pagingFields = {
  CTX_AREA_FK100: z.string().optional().default(""),
  CTX_AREA_NK100: z.string().optional().default(""),
};

function paged<T>(
  request: SimRequest,
  rows: readonly T[],
  pageSize: number,
  context: { CTX_AREA_FK100: string; CTX_AREA_NK100: string },
  fingerprint: string,
) {
  return paginate(rows, pageSize, {
    trCont: request.trCont,
    fk100: context.CTX_AREA_FK100,
    nk100: context.CTX_AREA_NK100,
  }, fingerprint);
}

/** GET inquire-psbl-rvsecncl (real only): open orders that can still be revised or cancelled. */
export function pendingOrders(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      ...pagingFields,
      INQR_DVSN_1: z.string().optional(),
      INQR_DVSN_2: z.string().optional(),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const account = accountId(ctx, parsed.value);
  if (!account.ok) return account.answer;
  const open = ctx.exchange.orders(account.id).filter((o) => o.remaining > 0);
  const page = paged(
    request,
    open,
    ctx.pageSizes.pendingOrders,
    parsed.value,
    `${account.id}:${open.length}`,
  );
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  return success(
    {
      ctx_area_fk100: page.fk100,
      ctx_area_nk100: page.nk100,
      output: page.rows.map((o) => ({
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
        excg_id_dvsn_cd: "KRX",
      })),
    },
    undefined,
    page.trCont,
  );
}

/** GET inquire-balance: holdings (paged) and the account summary. */
export function balance(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      ...pagingFields,
      AFHR_FLPR_YN: z.enum(["N", "Y", "X"]),
      OFL_YN: z.string().optional(),
      INQR_DVSN: z.enum(["01", "02"]),
      UNPR_DVSN: z.string(),
      FUND_STTL_ICLD_YN: z.enum(["Y", "N"]),
      FNCG_AMT_AUTO_RDPT_YN: z.enum(["Y", "N"]),
      PRCS_DVSN: z.enum(["00", "01"]),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const id = accountId(ctx, parsed.value);
  if (!id.ok) return id.answer;
  const market = ctx.exchange.market;
  const account = ctx.exchange.account(id.id);
  if (!account) return failure(KIS_ERRORS.invalidAccount);
  const holdings = [...account.holdings.values()].sort((a, b) => a.code.localeCompare(b.code));
  const rows = holdings.map((h) => {
    const symbol = market.symbol(h.code);
    const quote = market.quote(h.code);
    const value = h.qty * quote.last;
    const average = h.qty === 0 ? 0 : h.cost / h.qty;
    return {
      pdno: h.code,
      prdt_name: symbol?.name ?? "",
      trad_dvsn_name: "현금",
      bfdy_buy_qty: String(h.previousBuyQty),
      bfdy_sll_qty: String(h.previousSellQty),
      thdt_buyqty: String(h.todayBuyQty),
      thdt_sll_qty: String(h.todaySellQty),
      hldg_qty: String(h.qty),
      ord_psbl_qty: String(ctx.exchange.orderableQty(account.id, h.code)),
      pchs_avg_pric: average.toFixed(4),
      pchs_amt: String(h.cost),
      prpr: String(quote.last),
      evlu_amt: String(value),
      evlu_pfls_amt: String(value - h.cost),
      evlu_pfls_rt: h.cost === 0 ? "0.00" : ((value - h.cost) / h.cost * 100).toFixed(2),
      evlu_erng_rt: "0.00000000",
      loan_dt: "",
      loan_amt: "0",
      stln_slng_chgs: "0",
      expd_dt: "",
      fltt_rt: ((quote.last - quote.base) / quote.base * 100).toFixed(8),
      bfdy_cprs_icdc: String(quote.last - quote.base),
      item_mgna_rt_name: "",
      grta_rt_name: "",
      sbst_pric: "0",
      stck_loan_unpr: "0",
    };
  });
  const page = paged(
    request,
    rows,
    ctx.pageSizes.balance,
    parsed.value,
    `${account.id}:${rows.length}`,
  );
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  const today = market.date;
  const nextDay = market.calendar.addTradingDays(today, 1);
  const secondDay = market.calendar.addTradingDays(today, 2);
  const purchase = holdings.reduce((sum, h) => sum + h.cost, 0);
  const evaluation = holdings.reduce((sum, h) => sum + h.qty * market.quote(h.code).last, 0);
  const d2 = account.deposit + account.pendingNet(secondDay);
  const summary = {
    dnca_tot_amt: String(account.deposit),
    nxdy_excc_amt: String(account.deposit + account.pendingNet(nextDay)),
    prvs_rcdl_excc_amt: String(d2),
    cma_evlu_amt: "0",
    bfdy_buy_amt: "0",
    thdt_buy_amt: String(todayAmount(ctx, account.id, today, "buy")),
    nxdy_auto_rdpt_amt: "0",
    bfdy_sll_amt: "0",
    thdt_sll_amt: String(todayAmount(ctx, account.id, today, "sell")),
    d2_auto_rdpt_amt: "0",
    bfdy_tlex_amt: "0",
    thdt_tlex_amt: "0",
    tot_loan_amt: "0",
    scts_evlu_amt: String(evaluation),
    tot_evlu_amt: String(d2 + evaluation),
    nass_amt: String(d2 + evaluation),
    fncg_gld_auto_rdpt_yn: "N",
    pchs_amt_smtl_amt: String(purchase),
    evlu_amt_smtl_amt: String(evaluation),
    evlu_pfls_smtl_amt: String(evaluation - purchase),
    tot_stln_slng_chgs: "0",
    bfdy_tot_asst_evlu_amt: "0",
    asst_icdc_amt: "0",
    asst_icdc_erng_rt: "0.00000000",
  };
  return success(
    {
      ctx_area_fk100: page.fk100,
      ctx_area_nk100: page.nk100,
      output1: page.rows,
      output2: [summary],
    },
    undefined,
    page.trCont,
  );
}

function todayAmount(ctx: RestContext, id: string, date: IsoDate, side: "buy" | "sell"): number {
  return ctx.exchange.orders(id).filter((o) => o.date === date && o.side === side)
    .reduce((sum, o) => sum + o.filledAmount, 0);
}

/** GET inquire-psbl-order: orderable cash and the largest affordable quantity. */
export function buyable(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      PDNO: z.string(),
      ORD_UNPR: z.string().regex(/^\d*$/),
      ORD_DVSN: digits(2),
      CMA_EVLU_AMT_ICLD_YN: z.enum(["Y", "N"]),
      OVRS_ICLD_YN: z.enum(["Y", "N"]),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const input = parsed.value;
  const id = accountId(ctx, input);
  if (!id.ok) return id.answer;
  const cash = ctx.exchange.orderableCash(id.id);
  let price = 0;
  if (input.PDNO !== "") {
    if (!ctx.exchange.market.symbol(input.PDNO)) return failure(KIS_ERRORS.unknownSymbol);
    const quote = ctx.exchange.market.quote(input.PDNO);
    // a market order reserves at the upper limit, so its buyable quantity is computed there
    price = input.ORD_DVSN === "01"
      ? quote.upper
      : input.ORD_UNPR === "" || input.ORD_UNPR === "0"
      ? quote.last
      : int(input.ORD_UNPR);
  }
  const qty = price > 0 ? ctx.exchange.maxBuyQty(id.id, price) : 0;
  const amount = price > 0 ? price * qty : cash;
  return success({
    output: {
      ord_psbl_cash: String(cash),
      ord_psbl_sbst: "0",
      ruse_psbl_amt: "0",
      fund_rpch_chgs: "0",
      psbl_qty_calc_unpr: String(price),
      nrcvb_buy_amt: String(amount),
      nrcvb_buy_qty: String(qty),
      max_buy_amt: String(amount),
      max_buy_qty: String(qty),
      cma_evlu_amt: "0",
      ovrs_re_use_amt_wcrc: "0",
      ord_psbl_frcr_amt_wcrc: "0",
    },
  });
}

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
      EXCG_ID_DVSN_CD: z.string().optional(),
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

function estimatedCosts(ctx: RestContext, rows: readonly SimOrder[]): number {
  return rows.reduce((sum, o) => {
    const fee = Math.floor(o.filledAmount * ctx.exchange.feeRate);
    const tax = o.side === "sell"
      ? Math.floor(o.filledAmount * sellTaxRate(o.date, o.symbol.market))
      : 0;
    return sum + fee + tax;
  }, 0);
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
    excg_id_dvsn_Cd: "KRX",
    stpm_cndt_pric: "0",
    stpm_efct_occr_dtmd: "",
  };
}

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
