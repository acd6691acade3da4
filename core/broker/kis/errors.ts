import { BrokerError, type BrokerErrorCategory } from "../errors.ts";

/** What KIS said when it refused a request. */
export interface KisErrorDetails {
  readonly msgCd: string;
  readonly msg1: string;
  readonly httpStatus: number;
  readonly trId: string;
}

/** A refusal from the KIS server (or the simulator), with KIS's own code and message. */
export class KisError extends BrokerError {
  /** KIS `msg_cd` (or `error_code` on the token endpoint). */
  readonly msgCd: string;
  /** KIS `msg1` (or `error_description`), in Korean as sent. */
  readonly msg1: string;
  readonly httpStatus: number;
  /** The tr_id of the request, or the OAuth path for token calls. */
  readonly trId: string;

  /** Creates the error; the category comes from `classifyKisError` unless given. */
  constructor(details: KisErrorDetails, category?: BrokerErrorCategory) {
    const resolved = category ?? classifyKisError(details);
    super(
      resolved,
      `KIS ${details.trId} refused (${resolved}): [${details.msgCd}] ${details.msg1} (HTTP ${details.httpStatus})`,
    );
    this.name = "KisError";
    this.msgCd = details.msgCd;
    this.msg1 = details.msg1;
    this.httpStatus = details.httpStatus;
    this.trId = details.trId;
  }
}

const CATEGORY_BY_CODE: Readonly<Record<string, BrokerErrorCategory>> = {
  EGW00103: "auth",
  EGW00105: "auth",
  EGW00121: "auth",
  EGW00123: "auth",
  EGW00205: "auth",
  EGW00206: "auth",
  EGW00207: "auth",
  EGW00208: "auth",
  EGW00210: "auth",
  // The next four are a real/mock mix-up: a key, host or tr_id of the other environment.
  EGW00213: "auth",
  EGW02004: "auth",
  EGW02006: "auth",
  OPSQ0002: "auth",
  MCA00124: "auth",
  APAC0081: "auth",
  EGW00133: "rate",
  EGW00201: "rate",
  EGW00215: "rate",
  APBK0919: "market_closed",
  "40570000": "market_closed",
  "40580000": "market_closed",
  APBK0656: "invalid_symbol",
  APBK0952: "insufficient_cash",
  "40250000": "insufficient_cash",
};

const TOKEN_REFUSED = /^(?=.*(token|토큰))(?=.*(만료|유효하지)).*/i;

// Codes differ between real and mock for the same situation, so msg1 decides when the code is unknown.
const CATEGORY_BY_MESSAGE: readonly (readonly [RegExp, BrokerErrorCategory])[] = [
  [/초당.*초과|접근토큰 발급 잠시 후/, "rate"],
  [TOKEN_REFUSED, "auth"],
  [/credentials_type|권한|appkey|appsecret|앱키|모의투자 TR|계좌번호/i, "auth"],
  [/장종료|장시작전|장운영|장마감/, "market_closed"],
  [/주문가능금액|매수가능금액|증거금/, "insufficient_cash"],
  [/종목정보가 없|종목코드|해당종목/, "invalid_symbol"],
  [/조회이후에 자료가 변경/, "server"],
];

/** Sorts a KIS refusal into a `BrokerErrorCategory` by its code, then by its message (PROTOCOL.md §5). */
export function classifyKisError(
  details: Pick<KisErrorDetails, "msgCd" | "msg1" | "httpStatus">,
): BrokerErrorCategory {
  const byCode = CATEGORY_BY_CODE[details.msgCd];
  if (byCode) return byCode;
  for (const [pattern, category] of CATEGORY_BY_MESSAGE) {
    if (pattern.test(details.msg1)) return category;
  }
  return details.httpStatus >= 500 ? "server" : "invalid_order";
}

/** True when KIS rejected the access token itself, so one refresh and retry may help. */
export function isTokenRejection(details: Pick<KisErrorDetails, "msgCd" | "msg1">): boolean {
  return details.msgCd === "EGW00123" || details.msgCd === "EGW00121" ||
    TOKEN_REFUSED.test(details.msg1);
}

/** True when KIS refused for request rate (per app key or ledger-wide), so backing off helps. */
export function isRateRejection(details: Pick<KisErrorDetails, "msgCd" | "msg1">): boolean {
  return details.msgCd === "EGW00201" || details.msgCd === "EGW00215" ||
    /초당.*초과/.test(details.msg1);
}

/** True when a paged query's cursor went stale ("조회이후에 자료가 변경되었습니다") and must restart. */
export function isStalePaging(details: Pick<KisErrorDetails, "msg1">): boolean {
  return details.msg1.includes("조회이후에 자료가 변경");
}
