/**
 * zod schemas of the `output` blocks KIS answers REST calls with: quotations (prices, charts), then
 * trading and account reads (orders, balance, buyable, the daily journal).
 * @module
 */
import { z } from "zod";
import {
  anyCaseObject,
  compactDateText,
  compactTimeText,
  decimalText,
  intText,
  rowsWithout,
  secondary,
  text,
} from "./schema_fields.ts";

/** `output` of inquire-price (FHKST01010100). */
export const priceOutputSchema = anyCaseObject({
  stck_prpr: intText,
  prdy_vrss: secondary(intText, 0),
  prdy_vrss_sign: text,
  prdy_ctrt: secondary(decimalText, 0),
  stck_oprc: secondary(intText, 0),
  stck_hgpr: secondary(intText, 0),
  stck_lwpr: secondary(intText, 0),
  acml_vol: secondary(intText, 0),
  acml_tr_pbmn: secondary(intText, 0),
  stck_mxpr: intText,
  stck_llam: intText,
  stck_sdpr: intText,
  aspr_unit: intText,
  temp_stop_yn: text,
});

/** One row of `output2` of inquire-daily-itemchartprice (FHKST03010100), newest first. */
export const dailyChartRowSchema = anyCaseObject({
  stck_bsop_date: compactDateText,
  stck_oprc: intText,
  stck_hgpr: intText,
  stck_lwpr: intText,
  stck_clpr: intText,
  acml_vol: intText,
  acml_tr_pbmn: secondary(intText, 0),
});

/** `output2` of inquire-daily-itemchartprice, blank padding rows removed. */
export const dailyChartRowsSchema = rowsWithout("stck_bsop_date", dailyChartRowSchema);

/** One row of `output2` of inquire-time-itemchartprice (FHKST03010200), newest first. */
export const minuteChartRowSchema = anyCaseObject({
  stck_bsop_date: compactDateText,
  stck_cntg_hour: compactTimeText,
  stck_prpr: intText,
  stck_oprc: intText,
  stck_hgpr: intText,
  stck_lwpr: intText,
  cntg_vol: intText,
});

/** `output2` of inquire-time-itemchartprice, blank padding rows removed. */
export const minuteChartRowsSchema = rowsWithout("stck_bsop_date", minuteChartRowSchema);

/** `output` of order-cash and order-rvsecncl; order-cash answers with UPPERCASE keys. */
export const orderOutputSchema = anyCaseObject({
  krx_fwdg_ord_orgno: text,
  odno: z.string().trim().min(1, "ODNO is missing from the order response"),
  ord_tmd: text,
});

/** One holding row of `output1` of inquire-balance. */
export const holdingRowSchema = anyCaseObject({
  pdno: z.string().trim(),
  prdt_name: text,
  hldg_qty: intText,
  ord_psbl_qty: intText,
  pchs_avg_pric: decimalText,
  pchs_amt: secondary(intText, 0),
  prpr: secondary(intText, 0),
  evlu_amt: secondary(intText, 0),
  evlu_pfls_amt: secondary(intText, 0),
});

/** The summary object of `output2` of inquire-balance (sent as a one-element array). */
export const balanceSummarySchema = anyCaseObject({
  dnca_tot_amt: intText,
  prvs_rcdl_excc_amt: intText,
  scts_evlu_amt: secondary(intText, 0),
  tot_evlu_amt: secondary(intText, 0),
  pchs_amt_smtl_amt: secondary(intText, 0),
  evlu_pfls_smtl_amt: secondary(intText, 0),
});

/** `output2` of inquire-balance: one summary, whether sent as an array or an object. */
export const balanceSummaryOutputSchema = z.union([
  z.array(balanceSummarySchema).min(1, "inquire-balance output2 is empty")
    .transform((rows) => rows[0]!),
  balanceSummarySchema,
]);

/** `output` of inquire-psbl-order. */
export const buyableOutputSchema = anyCaseObject({
  ord_psbl_cash: intText,
  nrcvb_buy_amt: secondary(intText, 0),
  nrcvb_buy_qty: intText,
  psbl_qty_calc_unpr: secondary(intText, 0),
});

/** An order route as KIS writes it (`EXCG_ID_DVSN_CD`); blank reads as KRX. */
const routeText = z.preprocess(
  (value) => typeof value === "string" && value.trim() === "" ? "KRX" : value,
  z.enum(["KRX", "NXT", "SOR"]),
);

/** One order row of `output1` of inquire-daily-ccld. */
export const dailyOrderRowSchema = anyCaseObject({
  ord_dt: compactDateText,
  ord_gno_brno: text,
  odno: z.string().trim(),
  orgn_odno: text,
  ord_dvsn_cd: text,
  sll_buy_dvsn_cd: z.enum(["01", "02"]),
  pdno: z.string().trim(),
  prdt_name: text,
  ord_qty: intText,
  ord_unpr: intText,
  ord_tmd: text,
  tot_ccld_qty: intText,
  avg_prvs: secondary(decimalText, 0),
  tot_ccld_amt: secondary(intText, 0),
  cncl_yn: text,
  cnc_cfrm_qty: secondary(intText, 0),
  rmn_qty: intText,
  rjct_qty: secondary(intText, 0),
  // KIS spells this one excg_id_dvsn_Cd (PROTOCOL.md §4.9); keys are read in any case
  excg_id_dvsn_cd: secondary(routeText, "KRX"),
});

/** `output1` of inquire-daily-ccld, blank padding rows removed. */
export const dailyOrderRowsSchema = rowsWithout("odno", dailyOrderRowSchema);

/** `output1` of inquire-balance, rows without a symbol removed. */
export const holdingRowsSchema = rowsWithout("pdno", holdingRowSchema);
