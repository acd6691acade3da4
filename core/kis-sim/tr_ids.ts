import type { Venue } from "../krx/mod.ts";

/** Which KIS environment the simulator imitates. */
export type SimEnv = "real" | "vts";

/** The tr_ids one endpoint accepts in each environment; an empty list means "not offered". */
export interface EndpointTrIds {
  readonly real: readonly string[];
  readonly vts: readonly string[];
}

const same = (...ids: string[]): EndpointTrIds => ({ real: ids, vts: ids });

/** The tr_id table, one place for every endpoint the simulator serves (PROTOCOL.md §4). */
export const SIM_TR_IDS = {
  inquirePrice: same("FHKST01010100"),
  dailyItemChart: same("FHKST03010100"),
  dailyPrice: same("FHKST01010400"),
  timeItemChart: same("FHKST03010200"),
  askingPrice: same("FHKST01010200"),
  orderCashSell: { real: ["TTTC0011U", "TTTC0801U"], vts: ["VTTC0011U", "VTTC0801U"] },
  orderCashBuy: { real: ["TTTC0012U", "TTTC0802U"], vts: ["VTTC0012U", "VTTC0802U"] },
  orderRevise: { real: ["TTTC0013U", "TTTC0803U"], vts: ["VTTC0013U", "VTTC0803U"] },
  psblRvsecncl: { real: ["TTTC0084R", "TTTC8036R"], vts: [] },
  balance: { real: ["TTTC8434R"], vts: ["VTTC8434R"] },
  psblOrder: { real: ["TTTC8908R"], vts: ["VTTC8908R"] },
  dailyCcld: {
    real: ["TTTC0081R", "TTTC8001R", "CTSC9215R", "CTSC9115R"],
    vts: ["VTTC0081R", "VTTC8001R", "VTSC9215R", "VTSC9115R"],
  },
  chkHoliday: { real: ["CTCA0903R"], vts: [] },
} as const satisfies Record<string, EndpointTrIds>;

/** The fill-notice WebSocket tr_id of each environment. */
export const FILL_NOTICE_TR_ID: Record<SimEnv, string> = { real: "H0STCNI0", vts: "H0STCNI9" };

/**
 * The real-time price feeds: KRX's (both environments), Nextrade's and the integrated KRX+NXT
 * feed (real only: their spec pages mark mock as unsupported). The NXT and integrated books add
 * six mid-price fields after the KRX book's 59 (OTA:ex/asking_price_nxt, asking_price_total).
 */
export const PRICE_FEEDS: readonly PriceFeed[] = [
  { trade: "H0STCNT0", book: "H0STASP0", realOnly: false, bookExtraFields: 0, venue: "KRX" },
  { trade: "H0NXCNT0", book: "H0NXASP0", realOnly: true, bookExtraFields: 6, venue: "NXT" },
  { trade: "H0UNCNT0", book: "H0UNASP0", realOnly: true, bookExtraFields: 6, venue: "both" },
];

/** One venue's pair of real-time price TRs. */
export interface PriceFeed {
  readonly trade: string;
  readonly book: string;
  readonly realOnly: boolean;
  /** Fields after the 59 of H0STASP0 in this feed's book records. */
  readonly bookExtraFields: number;
  /** The venue whose trades it carries, or `both` for the integrated feed. */
  readonly venue: Venue | "both";
}

/** How a tr_id relates to an endpoint in a given environment. */
export type TrIdMatch = "ok" | "missing" | "other-env" | "unknown";

/** Classifies `trId` for `endpoint` in `env`: accepted, absent, belonging to the other env, or unknown. */
export function matchTrId(
  endpoint: readonly EndpointTrIds[],
  env: SimEnv,
  trId: string | null,
): TrIdMatch {
  if (trId === null || trId === "") return "missing";
  const other: SimEnv = env === "real" ? "vts" : "real";
  if (endpoint.some((e) => e[env].includes(trId))) return "ok";
  if (endpoint.some((e) => e[other].includes(trId))) return "other-env";
  return "unknown";
}
