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
