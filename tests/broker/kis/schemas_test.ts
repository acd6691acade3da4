import assert from "node:assert/strict";
import { envelopeSchema } from "../../../core/broker/kis/schema_fields.ts";
import {
  balanceSummaryOutputSchema,
  dailyChartRowsSchema,
  dailyOrderRowsSchema,
  orderOutputSchema,
  priceOutputSchema,
} from "../../../core/broker/kis/rest_schemas.ts";
import { orderState, toQuote } from "../../../core/broker/kis/mappers.ts";
import { parseSymbolCode } from "../../../core/krx/mod.ts";

Deno.test("order-cash's UPPERCASE output parses like the lowercase one", () => {
  const upper = orderOutputSchema.parse({
    KRX_FWDG_ORD_ORGNO: "91252",
    ODNO: "0000117057",
    ORD_TMD: "121052",
  });
  const lower = orderOutputSchema.parse({
    krx_fwdg_ord_orgno: "91252",
    odno: "0000117057",
    ord_tmd: "121052",
  });
  assert.deepEqual(upper, { krx_fwdg_ord_orgno: "91252", odno: "0000117057", ord_tmd: "121052" });
  assert.deepEqual(lower, upper);
});

Deno.test("an order answer without ODNO is refused by name", () => {
  const result = orderOutputSchema.safeParse({ KRX_FWDG_ORD_ORGNO: "91252", ODNO: " " });
  assert.equal(result.success, false);
  assert.match(result.error?.issues[0]?.message ?? "", /ODNO/);
});

Deno.test("inquire-price numbers arrive as strings and become integers", () => {
  const out = priceOutputSchema.parse({
    stck_prpr: "71200",
    prdy_vrss: "-300",
    prdy_vrss_sign: "5",
    prdy_ctrt: "-0.42",
    stck_oprc: "71500",
    stck_hgpr: "71800",
    stck_lwpr: "71000",
    acml_vol: "10234567",
    acml_tr_pbmn: "729000000000",
    stck_mxpr: "92900",
    stck_llam: "50100",
    stck_sdpr: "71500",
    aspr_unit: "100",
    temp_stop_yn: "N",
    per: "13.2",
  });
  const quote = toQuote(parseSymbolCode("005930"), out);
  assert.equal(quote.price, 71200);
  assert.equal(quote.change, -300);
  assert.equal(quote.direction, "down");
  assert.equal(quote.changeRate, -0.42);
  assert.equal(quote.upperLimit, 92900);
  assert.equal(quote.tickSize, 100);
  assert.equal(quote.halted, false);
});

Deno.test("a fractional or non-numeric integer field is refused with the bad text", () => {
  const base = { stck_prpr: "71200.5" };
  const result = priceOutputSchema.safeParse(base);
  assert.equal(result.success, false);
  assert.ok(result.error?.issues.some((issue) => issue.message.includes('"71200.5"')));
  const junk = priceOutputSchema.safeParse({ stck_prpr: "abc" });
  assert.ok(junk.error?.issues.some((issue) => issue.message.includes('"abc"')));
});

Deno.test("a missing required number field is named in the error", () => {
  const result = priceOutputSchema.safeParse({ stck_prpr: "71200" });
  assert.equal(result.success, false);
  const missing = result.error?.issues.find((issue) => issue.path.join(".") === "stck_mxpr");
  assert.equal(missing?.message, "expected an integer as text");
});

Deno.test("blank padding rows are dropped from chart and order answers", () => {
  const rows = dailyChartRowsSchema.parse([
    {
      stck_bsop_date: "20261126",
      stck_oprc: "1",
      stck_hgpr: "2",
      stck_lwpr: "1",
      stck_clpr: "2",
      acml_vol: "10",
      acml_tr_pbmn: "15",
    },
    { stck_bsop_date: "", stck_oprc: "", stck_hgpr: "" },
    {},
  ]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.stck_clpr, 2);
  assert.deepEqual(dailyOrderRowsSchema.parse([{ odno: "" }]), []);
});

Deno.test("the envelope reads rt_cd and msg fields in any case and keeps outputs raw", () => {
  const envelope = envelopeSchema.parse({
    RT_CD: "0",
    MSG_CD: "APBK0013",
    MSG1: "주문 전송 완료 되었습니다. ",
    OUTPUT: { ODNO: "1" },
  });
  assert.equal(envelope.rt_cd, "0");
  assert.equal(envelope.msg1, "주문 전송 완료 되었습니다.");
  assert.deepEqual(envelope.output, { ODNO: "1" });
  assert.equal(envelope.ctx_area_fk100, "");
});

Deno.test("inquire-balance's summary is read from a one-element array or an object", () => {
  const summary = {
    dnca_tot_amt: "10000000",
    prvs_rcdl_excc_amt: "9000000",
    scts_evlu_amt: "712000",
    tot_evlu_amt: "9712000",
    pchs_amt_smtl_amt: "710000",
    evlu_pfls_smtl_amt: "2000",
  };
  assert.deepEqual(
    balanceSummaryOutputSchema.parse([summary]),
    balanceSummaryOutputSchema.parse(summary),
  );
  assert.equal(balanceSummaryOutputSchema.parse([summary]).dnca_tot_amt, 10_000_000);
  assert.equal(balanceSummaryOutputSchema.safeParse([]).success, false);
});

Deno.test("order state follows the daily-ccld quantities", async (t) => {
  const row = (changes: Record<string, string>) =>
    dailyOrderRowsSchema.parse([{
      ord_dt: "20261127",
      ord_gno_brno: "91252",
      odno: "1",
      orgn_odno: "",
      ord_dvsn_cd: "00",
      sll_buy_dvsn_cd: "02",
      pdno: "005930",
      prdt_name: "삼성전자",
      ord_qty: "10",
      ord_unpr: "71000",
      ord_tmd: "093000",
      avg_prvs: "0",
      tot_ccld_amt: "0",
      tot_ccld_qty: "0",
      rmn_qty: "10",
      rjct_qty: "0",
      cncl_yn: "N",
      cnc_cfrm_qty: "0",
      ...changes,
    }])[0]!;
  await t.step("nothing filled is open", () => {
    assert.deepEqual(orderState(row({})), { status: "open", remainingQuantity: 10 });
  });
  await t.step("some filled is partially filled", () => {
    assert.deepEqual(orderState(row({ tot_ccld_qty: "4", rmn_qty: "6" })), {
      status: "partially_filled",
      filledQuantity: 4,
      remainingQuantity: 6,
    });
  });
  await t.step("all filled is filled", () => {
    assert.deepEqual(orderState(row({ tot_ccld_qty: "10", rmn_qty: "0" })), {
      status: "filled",
      filledQuantity: 10,
    });
  });
  await t.step("a cancel confirmation on the rest is cancelled", () => {
    assert.deepEqual(orderState(row({ tot_ccld_qty: "4", rmn_qty: "0", cnc_cfrm_qty: "6" })), {
      status: "cancelled",
      filledQuantity: 4,
    });
  });
  await t.step("an original whose rest moved to a revision or cancel row is cancelled", () => {
    assert.deepEqual(orderState(row({ tot_ccld_qty: "3", rmn_qty: "0" })), {
      status: "cancelled",
      filledQuantity: 3,
    });
    assert.deepEqual(orderState(row({ rmn_qty: "0" })), { status: "cancelled", filledQuantity: 0 });
  });
  await t.step("a rejection with no fill is rejected", () => {
    assert.deepEqual(orderState(row({ rjct_qty: "10", rmn_qty: "0" })), {
      status: "rejected",
      rejectedQuantity: 10,
    });
  });
});

Deno.test("a date not in KIS's YYYYMMDD form is refused by field and format", () => {
  const result = dailyChartRowsSchema.safeParse([{ stck_bsop_date: "2026-11-26" }]);
  assert.equal(result.success, false);
  const issue = result.error?.issues.find((i) => i.path.join(".") === "0.stck_bsop_date");
  assert.equal(issue?.message, "must be YYYYMMDD");
});
