import type { Simulator } from "../../core/kis-sim/mod.ts";

/** Where a simulator answers and with which keys: a running one, or one in another process. */
export type SimEndpoint = Pick<Simulator, "restUrl" | "credentials">;

/** Plain-fetch helpers for protocol tests: no client code, just what KIS documents. */
export const STOCK = "/uapi/domestic-stock/v1";

/** Parsed answer: status, response headers and JSON body. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** POST /oauth2/tokenP with the simulator's keys. */
export async function tokenP(sim: SimEndpoint): Promise<Answer> {
  return answer(
    await fetch(`${sim.restUrl}/oauth2/tokenP`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        appkey: sim.credentials.appKey,
        appsecret: sim.credentials.appSecret,
      }),
    }),
  );
}

/** The standard REST headers for `trId`. */
export function kisHeaders(sim: SimEndpoint, token: string, trId: string): Record<string, string> {
  return {
    "content-type": "application/json; charset=utf-8",
    authorization: `Bearer ${token}`,
    appkey: sim.credentials.appKey,
    appsecret: sim.credentials.appSecret,
    tr_id: trId,
    custtype: "P",
  };
}

/** GET `path` with `params`. */
export async function get(
  sim: SimEndpoint,
  path: string,
  headers: Record<string, string>,
  params: Record<string, string>,
): Promise<Answer> {
  const url = new URL(`${sim.restUrl}${STOCK}${path}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return answer(await fetch(url, { headers }));
}

/** POST `path` with a JSON body. */
export async function post(
  sim: SimEndpoint,
  path: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Answer> {
  return answer(
    await fetch(`${sim.restUrl}${STOCK}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    }),
  );
}

/** A fresh token (the test's simulator must not have issued one within the last minute). */
export async function freshToken(sim: SimEndpoint): Promise<string> {
  const issued = await tokenP(sim);
  if (issued.status !== 200) throw new Error(`tokenP failed: ${JSON.stringify(issued.body)}`);
  return String(issued.body.access_token);
}

/**
 * The query of inquire-daily-ccld (KIS's daily orders and fills) for `account` over `from`–`to`
 * (YYYYMMDD), every filter at "all", spelled out field by field as KIS documents it.
 */
export function dailyCcldQuery(account: string, from: string, to: string): Record<string, string> {
  return {
    CANO: account.slice(0, 8),
    ACNT_PRDT_CD: account.slice(9),
    INQR_STRT_DT: from,
    INQR_END_DT: to,
    SLL_BUY_DVSN_CD: "00",
    INQR_DVSN: "00",
    PDNO: "",
    CCLD_DVSN: "00",
    ORD_GNO_BRNO: "",
    ODNO: "",
    INQR_DVSN_3: "00",
    INQR_DVSN_1: "",
    CTX_AREA_FK100: "",
    CTX_AREA_NK100: "",
  };
}
