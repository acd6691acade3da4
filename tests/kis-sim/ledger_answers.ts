import { dailyCcldQuery, get, kisHeaders, post, type SimEndpoint } from "./plain_kis.ts";

/** The demo account's CANO and product code, as the account TRs take them. */
export function accountFields(sim: SimEndpoint): { CANO: string; ACNT_PRDT_CD: string } {
  return {
    CANO: sim.credentials.account.slice(0, 8),
    ACNT_PRDT_CD: sim.credentials.account.slice(9),
  };
}

/**
 * What KIS answers about the account's ledger: balance, daily orders and fills over `from`–`to`
 * (YYYYMMDD), buyable cash at `price` for `code`, and the open (revisable) orders.
 */
export async function ledgerAnswers(
  sim: SimEndpoint,
  token: string,
  window: { from: string; to: string; code: string; price: number },
): Promise<Record<string, unknown>> {
  const account = accountFields(sim);
  const paging = { CTX_AREA_FK100: "", CTX_AREA_NK100: "" };
  const balance = await get(sim, "/trading/inquire-balance", kisHeaders(sim, token, "TTTC8434R"), {
    ...account,
    ...paging,
    AFHR_FLPR_YN: "N",
    OFL_YN: "",
    INQR_DVSN: "02",
    UNPR_DVSN: "01",
    FUND_STTL_ICLD_YN: "N",
    FNCG_AMT_AUTO_RDPT_YN: "N",
    PRCS_DVSN: "00",
  });
  const daily = await get(
    sim,
    "/trading/inquire-daily-ccld",
    kisHeaders(sim, token, "TTTC0081R"),
    dailyCcldQuery(sim.credentials.account, window.from, window.to),
  );
  const buyable = await get(
    sim,
    "/trading/inquire-psbl-order",
    kisHeaders(sim, token, "TTTC8908R"),
    {
      ...account,
      PDNO: window.code,
      ORD_UNPR: String(window.price),
      ORD_DVSN: "00",
      CMA_EVLU_AMT_ICLD_YN: "N",
      OVRS_ICLD_YN: "N",
    },
  );
  const open = await get(
    sim,
    "/trading/inquire-psbl-rvsecncl",
    kisHeaders(sim, token, "TTTC0084R"),
    { ...account, ...paging, INQR_DVSN_1: "0", INQR_DVSN_2: "0" },
  );
  return {
    balance: balance.body,
    daily: daily.body,
    buyable: buyable.body,
    open: open.body,
  };
}

/** A KRX order of the demo account: `side` `qty` of `code`, at `price` (limit) or market (0). */
export async function sendOrder(
  sim: SimEndpoint,
  token: string,
  order: { side: "buy" | "sell"; code: string; qty: number; price: number },
): Promise<string> {
  const answer = await post(
    sim,
    "/trading/order-cash",
    kisHeaders(sim, token, order.side === "buy" ? "TTTC0012U" : "TTTC0011U"),
    {
      ...accountFields(sim),
      PDNO: order.code,
      ORD_DVSN: order.price === 0 ? "01" : "00",
      ORD_QTY: String(order.qty),
      ORD_UNPR: String(order.price),
      EXCG_ID_DVSN_CD: "KRX",
    },
  );
  if (answer.body.rt_cd !== "0") throw new Error(`order refused: ${JSON.stringify(answer.body)}`);
  return String((answer.body.output as Record<string, string>).ODNO);
}

/** Cancels all that is open of `odno` (a KRX order). */
export async function cancelOrder(sim: SimEndpoint, token: string, odno: string): Promise<void> {
  const answer = await post(
    sim,
    "/trading/order-rvsecncl",
    kisHeaders(sim, token, "TTTC0013U"),
    {
      ...accountFields(sim),
      KRX_FWDG_ORD_ORGNO: "",
      ORGN_ODNO: odno,
      ORD_DVSN: "00",
      RVSE_CNCL_DVSN_CD: "02",
      ORD_QTY: "0",
      ORD_UNPR: "0",
      QTY_ALL_ORD_YN: "Y",
      EXCG_ID_DVSN_CD: "KRX",
    },
  );
  if (answer.body.rt_cd !== "0") throw new Error(`cancel refused: ${JSON.stringify(answer.body)}`);
}
