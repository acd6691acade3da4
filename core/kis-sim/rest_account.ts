import { z } from "zod";
import type { IsoDate } from "../krx/mod.ts";
import type { SimAccount, SimHolding } from "./accounts.ts";
import { KIS_ERRORS } from "./errors.ts";
import {
  digits,
  failure,
  forAccount,
  int,
  pagedAnswer,
  pageRequest,
  pagingFields,
  type RestContext,
  type RestHandler,
  type SimAnswer,
  success,
} from "./rest_common.ts";

/** GET inquire-balance: holdings (paged) and the account summary. */
export const balance: RestHandler = forAccount(
  {
    ...pagingFields,
    AFHR_FLPR_YN: z.enum(["N", "Y", "X"]),
    OFL_YN: z.string().optional(),
    INQR_DVSN: z.enum(["01", "02"]),
    UNPR_DVSN: z.string(),
    FUND_STTL_ICLD_YN: z.enum(["Y", "N"]),
    FNCG_AMT_AUTO_RDPT_YN: z.enum(["Y", "N"]),
    PRCS_DVSN: z.enum(["00", "01"]),
  },
  (ctx, input, account, request) => {
    const holdings = [...account.holdings.values()].sort((a, b) => a.code.localeCompare(b.code));
    const rows = holdings.map((h) => holdingRow(ctx, account.id, h));
    const paging = {
      size: ctx.pageSizes.balance,
      request: pageRequest(request, input),
      fingerprint: `${account.id}:${rows.length}`,
    };
    return pagedAnswer(rows, paging, (page) => ({
      output1: page,
      output2: [balanceSummary(ctx, account, holdings)],
    }));
  },
);

/** One `output1` row of inquire-balance for holding `h`. */
function holdingRow(ctx: RestContext, accountId: string, h: SimHolding): Record<string, string> {
  const symbol = ctx.exchange.market.symbol(h.code);
  const quote = ctx.exchange.market.quote(h.code);
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
    ord_psbl_qty: String(ctx.exchange.orderableQty(accountId, h.code)),
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
}

/** The `output2` summary of inquire-balance: deposit, D+1/D+2 cash and evaluation totals. */
function balanceSummary(
  ctx: RestContext,
  account: SimAccount,
  holdings: readonly SimHolding[],
): Record<string, string> {
  const market = ctx.exchange.market;
  const today = market.date;
  const nextDay = market.calendar.addTradingDays(today, 1);
  const secondDay = market.calendar.addTradingDays(today, 2);
  const purchase = holdings.reduce((sum, h) => sum + h.cost, 0);
  const evaluation = holdings.reduce((sum, h) => sum + h.qty * market.quote(h.code).last, 0);
  const d2 = account.deposit + account.pendingNet(secondDay);
  return {
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
}

function todayAmount(ctx: RestContext, id: string, date: IsoDate, side: "buy" | "sell"): number {
  return ctx.exchange.orders(id).filter((o) => o.date === date && o.side === side)
    .reduce((sum, o) => sum + o.filledAmount, 0);
}

/** GET inquire-psbl-order: orderable cash and the largest affordable quantity. */
export const buyable: RestHandler = forAccount(
  {
    PDNO: z.string(),
    ORD_UNPR: z.string().regex(/^\d*$/),
    ORD_DVSN: digits(2),
    CMA_EVLU_AMT_ICLD_YN: z.enum(["Y", "N"]),
    OVRS_ICLD_YN: z.enum(["Y", "N"]),
  },
  (ctx, input, account) => buyableAnswer(ctx, input, account.id),
);

function buyableAnswer(
  ctx: RestContext,
  input: { PDNO: string; ORD_UNPR: string; ORD_DVSN: string },
  accountId: string,
): SimAnswer {
  const cash = ctx.exchange.orderableCash(accountId);
  let price = 0;
  const symbol = input.PDNO === "" ? undefined : ctx.exchange.market.symbol(input.PDNO);
  if (input.PDNO !== "") {
    if (!symbol) return failure(KIS_ERRORS.unknownSymbol);
    const quote = ctx.exchange.market.quote(input.PDNO);
    // a market order reserves at the upper limit, so its buyable quantity is computed there
    price = input.ORD_DVSN === "01"
      ? quote.upper
      : input.ORD_UNPR === "" || input.ORD_UNPR === "0"
      ? quote.last
      : int(input.ORD_UNPR);
  }
  const qty = symbol && price > 0 ? ctx.exchange.maxBuyQty(accountId, symbol, price) : 0;
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
