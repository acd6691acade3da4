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

/** A TR with one id on both servers: the quotation TRs, and TRs the mock server lacks. */
function sameOnBoth(id: string): TrIdEntry {
  return { real: id, vts: id };
}

/**
 * An account TR, whose mock id is the real one with its first letter made `V` (TTTC→VTTC,
 * CTSC→VTSC), as the official client maps it (PROTOCOL.md §2.5, §9); `old` is the id KIS
 * replaced, which maps the same way.
 */
function withMockTwin(real: string, old?: string): TrIdEntry {
  const mockOf = (id: string) => `V${id.slice(1)}`;
  const entry = { real, vts: mockOf(real) };
  return old === undefined ? entry : { ...entry, old: { real: old, vts: mockOf(old) } };
}

/** Every tr_id the client sends; the one table for them (PROTOCOL.md §4, §7). */
export const TR_IDS = {
  price: sameOnBoth("FHKST01010100"),
  dailyChart: sameOnBoth("FHKST03010100"),
  minuteChart: sameOnBoth("FHKST03010200"),
  orderSell: withMockTwin("TTTC0011U", "TTTC0801U"),
  orderBuy: withMockTwin("TTTC0012U", "TTTC0802U"),
  reviseCancel: withMockTwin("TTTC0013U", "TTTC0803U"),
  balance: withMockTwin("TTTC8434R"),
  buyable: withMockTwin("TTTC8908R"),
  /** Daily orders/fills within the last three months. */
  dailyOrders: withMockTwin("TTTC0081R", "TTTC8001R"),
  /** Daily orders/fills older than three months. */
  dailyOrdersArchive: withMockTwin("CTSC9215R", "CTSC9115R"),
  /**
   * Holiday inquiry (국내휴장일조회), real accounts only: the mock server has no twin and answers
   * "모의투자 TR 이 아닙니다." (PROTOCOL.md §9), so VTS sends the real id and gets that refusal.
   */
  marketDays: sameOnBoth("CTCA0903R"),
  // The order-notice feed's mock id changes its last character, outside the V rule.
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
