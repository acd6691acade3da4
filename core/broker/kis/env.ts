import type { QuoteSource } from "../types.ts";

/** The two KIS servers: the real market and the mock-trading server (모의투자, "VTS"). */
export type KisEnv = "real" | "vts";

/** Per-environment connection facts, page sizes and request budget. */
export interface KisEnvProfile {
  readonly restUrl: string;
  readonly wsUrl: string;
  /** Rows per page of inquire-balance. */
  readonly balancePageSize: number;
  /** Rows per page of inquire-daily-ccld. */
  readonly dailyOrdersPageSize: number;
  /** Default REST requests per second for one app key. */
  readonly requestsPerSecond: number;
}

/** Hosts, page sizes and budgets of each environment (PROTOCOL.md §1, §4, §6). */
export const KIS_ENVS: Readonly<Record<KisEnv, KisEnvProfile>> = {
  real: {
    restUrl: "https://openapi.koreainvestment.com:9443",
    wsUrl: "ws://ops.koreainvestment.com:21000",
    balancePageSize: 50,
    dailyOrdersPageSize: 100,
    // The portal allows 18/s; we keep a margin below it.
    requestsPerSecond: 15,
  },
  vts: {
    restUrl: "https://openapivts.koreainvestment.com:29443",
    wsUrl: "ws://ops.koreainvestment.com:31000",
    balancePageSize: 20,
    dailyOrdersPageSize: 15,
    requestsPerSecond: 1,
  },
};

/** A tr_id per environment, and the superseded ids where KIS renamed the TR. */
export interface TrIdEntry {
  readonly real: string;
  readonly vts: string;
  /** Ids KIS replaced; still answered at the time of writing but "may be blocked without notice". */
  readonly old?: { readonly real: string; readonly vts: string };
}

/** Every tr_id the client sends; the one table for them (PROTOCOL.md §4, §7). */
export const TR_IDS = {
  price: { real: "FHKST01010100", vts: "FHKST01010100" },
  dailyChart: { real: "FHKST03010100", vts: "FHKST03010100" },
  minuteChart: { real: "FHKST03010200", vts: "FHKST03010200" },
  orderSell: {
    real: "TTTC0011U",
    vts: "VTTC0011U",
    old: { real: "TTTC0801U", vts: "VTTC0801U" },
  },
  orderBuy: {
    real: "TTTC0012U",
    vts: "VTTC0012U",
    old: { real: "TTTC0802U", vts: "VTTC0802U" },
  },
  reviseCancel: {
    real: "TTTC0013U",
    vts: "VTTC0013U",
    old: { real: "TTTC0803U", vts: "VTTC0803U" },
  },
  balance: { real: "TTTC8434R", vts: "VTTC8434R" },
  buyable: { real: "TTTC8908R", vts: "VTTC8908R" },
  /** Daily orders/fills within the last three months. */
  dailyOrders: {
    real: "TTTC0081R",
    vts: "VTTC0081R",
    old: { real: "TTTC8001R", vts: "VTTC8001R" },
  },
  /** Daily orders/fills older than three months. */
  dailyOrdersArchive: {
    real: "CTSC9215R",
    vts: "VTSC9215R",
    old: { real: "CTSC9115R", vts: "VTSC9115R" },
  },
  /**
   * Holiday inquiry (국내휴장일조회), real accounts only: the mock server has no twin and answers
   * "모의투자 TR 이 아닙니다." (PROTOCOL.md §9), so VTS sends the real id and gets that refusal.
   */
  marketDays: { real: "CTCA0903R", vts: "CTCA0903R" },
  wsOrderNotice: { real: "H0STCNI0", vts: "H0STCNI9" },
} as const satisfies Record<string, TrIdEntry>;

/** The name of one operation in `TR_IDS`. */
export type TrOperation = keyof typeof TR_IDS;

/** The current tr_id of `operation` in `env`. */
export function trId(operation: TrOperation, env: KisEnv): string {
  return TR_IDS[operation][env];
}

/**
 * The realtime price TRs of each quote source. Nextrade's and the integrated feed are real-only
 * (their spec pages mark mock as unsupported; PROTOCOL.md §7.6).
 */
export const WS_PRICE_TRS: Readonly<
  Record<QuoteSource, { readonly trade: string; readonly book: string; readonly realOnly: boolean }>
> = {
  KRX: { trade: "H0STCNT0", book: "H0STASP0", realOnly: false },
  NXT: { trade: "H0NXCNT0", book: "H0NXASP0", realOnly: true },
  integrated: { trade: "H0UNCNT0", book: "H0UNASP0", realOnly: true },
};

/** `FID_COND_MRKT_DIV_CODE` of each quote source (OTA:ex/inquire_price). */
export const MARKET_DIV_CODES: Readonly<Record<QuoteSource, string>> = {
  KRX: "J",
  NXT: "NX",
  integrated: "UN",
};

/** REST paths under the host (PROTOCOL.md §2, §4). */
export const KIS_PATHS = {
  token: "/oauth2/tokenP",
  approval: "/oauth2/Approval",
  price: "/uapi/domestic-stock/v1/quotations/inquire-price",
  dailyChart: "/uapi/domestic-stock/v1/quotations/inquire-daily-itemchartprice",
  minuteChart: "/uapi/domestic-stock/v1/quotations/inquire-time-itemchartprice",
  orderCash: "/uapi/domestic-stock/v1/trading/order-cash",
  reviseCancel: "/uapi/domestic-stock/v1/trading/order-rvsecncl",
  balance: "/uapi/domestic-stock/v1/trading/inquire-balance",
  buyable: "/uapi/domestic-stock/v1/trading/inquire-psbl-order",
  dailyOrders: "/uapi/domestic-stock/v1/trading/inquire-daily-ccld",
  marketDays: "/uapi/domestic-stock/v1/quotations/chk-holiday",
} as const;

/** The WebSocket path the official client opens. */
export const KIS_WS_PATH = "/tryitout";

/** Registrations one WebSocket session may hold, over all TRs (PROTOCOL.md §7.1). */
export const KIS_WS_MAX_REGISTRATIONS = 41;
