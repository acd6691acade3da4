import type { z } from "zod";
import { clockTime, parseIsoDate, parseSymbolCode, type SymbolCode } from "../../krx/mod.ts";
import type {
  BalanceSummary,
  Buyable,
  DailyBar,
  Holding,
  MinuteBar,
  OrderRecord,
  OrderState,
  PriceDirection,
  Quote,
} from "../types.ts";
import type {
  balanceSummarySchema,
  buyableOutputSchema,
  dailyChartRowSchema,
  dailyOrderRowSchema,
  holdingRowSchema,
  minuteChartRowSchema,
  priceOutputSchema,
} from "./rest_schemas.ts";

const DIRECTIONS: Readonly<Record<string, PriceDirection>> = {
  "1": "upper_limit",
  "2": "up",
  "3": "flat",
  "4": "lower_limit",
  "5": "down",
};

/** The direction of a KIS `prdy_vrss_sign` code (1 upper limit … 5 down); unknown codes read flat. */
export function priceDirection(sign: string): PriceDirection {
  return DIRECTIONS[sign] ?? "flat";
}

/** A `Quote` from inquire-price's output. */
export function toQuote(symbol: SymbolCode, out: z.infer<typeof priceOutputSchema>): Quote {
  return {
    symbol,
    price: out.stck_prpr,
    change: out.prdy_vrss,
    direction: priceDirection(out.prdy_vrss_sign),
    changeRate: out.prdy_ctrt,
    open: out.stck_oprc,
    high: out.stck_hgpr,
    low: out.stck_lwpr,
    volume: out.acml_vol,
    tradedValue: out.acml_tr_pbmn,
    upperLimit: out.stck_mxpr,
    lowerLimit: out.stck_llam,
    basePrice: out.stck_sdpr,
    tickSize: out.aspr_unit,
    halted: out.temp_stop_yn === "Y",
  };
}

/** A `DailyBar` from one inquire-daily-itemchartprice row. */
export function toDailyBar(row: z.infer<typeof dailyChartRowSchema>): DailyBar {
  return {
    date: parseIsoDate(row.stck_bsop_date),
    open: row.stck_oprc,
    high: row.stck_hgpr,
    low: row.stck_lwpr,
    close: row.stck_clpr,
    volume: row.acml_vol,
    tradedValue: row.acml_tr_pbmn,
  };
}

/** A `MinuteBar` from one inquire-time-itemchartprice row. */
export function toMinuteBar(row: z.infer<typeof minuteChartRowSchema>): MinuteBar {
  return {
    date: parseIsoDate(row.stck_bsop_date),
    time: clockTime(row.stck_cntg_hour),
    open: row.stck_oprc,
    high: row.stck_hgpr,
    low: row.stck_lwpr,
    close: row.stck_prpr,
    volume: row.cntg_vol,
  };
}

/** A `Holding` from one inquire-balance output1 row. */
export function toHolding(row: z.infer<typeof holdingRowSchema>): Holding {
  return {
    symbol: parseSymbolCode(row.pdno),
    name: row.prdt_name,
    quantity: row.hldg_qty,
    orderableQuantity: row.ord_psbl_qty,
    averagePrice: row.pchs_avg_pric,
    purchaseAmount: row.pchs_amt,
    price: row.prpr,
    evaluationAmount: row.evlu_amt,
    profitLoss: row.evlu_pfls_amt,
  };
}

/** A `BalanceSummary` from inquire-balance's output2. */
export function toBalanceSummary(out: z.infer<typeof balanceSummarySchema>): BalanceSummary {
  return {
    deposit: out.dnca_tot_amt,
    settledCashD2: out.prvs_rcdl_excc_amt,
    securitiesValue: out.scts_evlu_amt,
    totalValue: out.tot_evlu_amt,
    purchaseAmount: out.pchs_amt_smtl_amt,
    profitLoss: out.evlu_pfls_smtl_amt,
  };
}

/** A `Buyable` from inquire-psbl-order's output (the no-margin figures). */
export function toBuyable(symbol: SymbolCode, out: z.infer<typeof buyableOutputSchema>): Buyable {
  return {
    symbol,
    cash: out.ord_psbl_cash,
    maxAmount: out.nrcvb_buy_amt,
    maxQuantity: out.nrcvb_buy_qty,
    unitPrice: out.psbl_qty_calc_unpr,
  };
}

/** The state of an order from its inquire-daily-ccld quantities. */
export function orderState(row: z.infer<typeof dailyOrderRowSchema>): OrderState {
  const filled = row.tot_ccld_qty;
  if (row.rjct_qty > 0 && filled === 0) {
    return { status: "rejected", rejectedQuantity: row.rjct_qty };
  }
  // Nothing open and not all filled: the rest was cancelled, or moved to a revision's new order.
  if (row.cncl_yn === "Y" || (row.rmn_qty === 0 && filled < row.ord_qty)) {
    return { status: "cancelled", filledQuantity: filled };
  }
  if (filled >= row.ord_qty) return { status: "filled", filledQuantity: filled };
  if (filled > 0) {
    return { status: "partially_filled", filledQuantity: filled, remainingQuantity: row.rmn_qty };
  }
  return { status: "open", remainingQuantity: row.rmn_qty };
}

/** An `OrderRecord` from one inquire-daily-ccld output1 row. */
export function toOrderRecord(row: z.infer<typeof dailyOrderRowSchema>): OrderRecord {
  return {
    date: parseIsoDate(row.ord_dt),
    time: clockTime(row.ord_tmd.padStart(6, "0")),
    orderNo: row.odno,
    branchNo: row.ord_gno_brno,
    route: row.excg_id_dvsn_cd,
    originalOrderNo: row.orgn_odno,
    symbol: parseSymbolCode(row.pdno),
    name: row.prdt_name,
    side: row.sll_buy_dvsn_cd === "01" ? "sell" : "buy",
    type: row.ord_dvsn_cd === "00" ? "limit" : row.ord_dvsn_cd === "01" ? "market" : "other",
    quantity: row.ord_qty,
    price: row.ord_unpr,
    filledQuantity: row.tot_ccld_qty,
    filledAmount: row.tot_ccld_amt,
    averageFillPrice: row.avg_prvs,
    state: orderState(row),
  };
}
