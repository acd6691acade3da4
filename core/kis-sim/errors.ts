import type { SimEnv } from "./tr_ids.ts";

/** One KIS rejection: HTTP status plus the `rt_cd`/`msg_cd`/`msg1` envelope. */
export interface SimReply {
  readonly status: number;
  readonly rtCd: string;
  readonly msgCd: string;
  readonly msg1: string;
}

/** An OAuth rejection, which KIS sends with its own body shape (`error_code`/`error_description`). */
export interface OAuthReply {
  readonly status: number;
  readonly errorCode: string;
  readonly errorDescription: string;
}

const reply = (status: number, rtCd: string, msgCd: string, msg1: string): SimReply => ({
  status,
  rtCd,
  msgCd,
  msg1,
});

/**
 * Every rejection the simulator sends. Codes and texts observed from KIS are quoted as such; the
 * ones marked "sim" are this simulator's choice where no source gives the real answer (docs/kis.md).
 */
export const KIS_ERRORS = {
  // KIS returns gateway errors as HTTP 500 with a JSON body
  rateLimited: reply(500, "1", "EGW00201", "초당 거래건수를 초과하였습니다."),
  tokenExpired: reply(500, "1", "EGW00123", "기간이 만료된 token 입니다."),
  tokenInvalid: reply(500, "1", "EGW00121", "유효하지 않은 token 입니다."),
  bearerMissing: reply(500, "1", "EGW00205", "credentials_type이 유효하지 않습니다.(Bearer)"),
  appKeyInvalid: reply(500, "1", "EGW00103", "유효하지 않은 AppKey입니다."),
  appSecretInvalid: reply(500, "1", "EGW00105", "유효하지 않은 AppSecret입니다."),
  custtypeInvalid: reply(500, "1", "EGW00208", "고객타입(custtype)이 유효하지 않습니다."),
  notMockTr: reply(500, "1", "EGW02006", "모의투자 TR 이 아닙니다."),
  noSuchService: reply(500, "1", "OPSQ0002", "없는 서비스 코드 입니다"),
  mockServiceNotFound: reply(500, "1", "MCA00124", "해당 서비스를 찾을수 없습니다."),
  // sim: the body of an injected generic server failure
  serverError: reply(500, "1", "EGW00002", "서버 에러가 발생했습니다."),
  invalidAccount: reply(200, "7", "APAC0081", "계좌번호 입력 오류입니다"),
  notTradingDay: reply(200, "7", "APBK0919", "장운영일자가 주문일과 상이합니다"),
  unknownSymbol: reply(200, "1", "APBK0656", "해당종목정보가 없습니다"),
  // sim: real-account code for "outside trading hours" is unconfirmed
  closedReal: reply(200, "1", "APBK0918", "장운영시간이 아닙니다."),
  beforeOpenMock: reply(200, "1", "40570000", "모의투자 장시작전 입니다."),
  afterCloseMock: reply(200, "1", "40580000", "모의투자 장종료 입니다."),
  insufficientCashReal: reply(200, "1", "APBK0952", "주문가능금액을 초과 했습니다"),
  insufficientCashMock: reply(200, "1", "40250000", "모의투자 주문가능금액이 부족합니다."),
  // sim: the next six codes are invented; the texts say what is wrong
  insufficientQtyReal: reply(200, "1", "APBK0986", "주문가능수량을 초과하였습니다."),
  insufficientQtyMock: reply(200, "1", "40240000", "모의투자 잔고내역이 없습니다"),
  offTick: reply(200, "1", "APBK0504", "주문단가가 호가단위에 맞지 않습니다."),
  beyondLimit: reply(200, "1", "APBK0505", "주문단가가 상하한가 범위를 벗어났습니다."),
  unsupportedOrderType: reply(200, "1", "APBK0634", "주문구분이 올바르지 않습니다."),
  invalidQuantity: reply(200, "1", "APBK0600", "주문수량을 확인하세요."),
  orderNotFound: reply(200, "1", "APBK0913", "원주문번호가 존재하지 않습니다."),
  nothingToRevise: reply(200, "1", "APBK0915", "정정/취소 가능수량이 없습니다."),
  staleContext: reply(200, "1", "APBK1664", "조회이후에 자료가 변경되었습니다.(다시 조회하세요)"),
  // sim: the code is invented; KIS's answer for a symbol Nextrade does not list is unconfirmed
  notNxtSymbol: reply(200, "1", "APBK0635", "대체거래소(NXT) 거래가 불가한 종목입니다."),
} as const satisfies Record<string, SimReply>;

/** KIS's missing/invalid input answer, naming the field (`OPSQ2001`). */
export function inputFieldError(field: string): SimReply {
  return reply(200, "1", "OPSQ2001", `ERROR : INPUT_FIELD_NAME ${field}`);
}

/** The "market is not open" rejection of an environment; `before` tells the morning from the evening. */
export function marketClosedError(env: SimEnv, before: boolean): SimReply {
  if (env === "real") return KIS_ERRORS.closedReal;
  return before ? KIS_ERRORS.beforeOpenMock : KIS_ERRORS.afterCloseMock;
}

/** The insufficient-cash rejection of an environment. */
export function insufficientCashError(env: SimEnv): SimReply {
  return env === "real" ? KIS_ERRORS.insufficientCashReal : KIS_ERRORS.insufficientCashMock;
}

/** The insufficient-holdings rejection of an environment. */
export function insufficientQuantityError(env: SimEnv): SimReply {
  return env === "real" ? KIS_ERRORS.insufficientQtyReal : KIS_ERRORS.insufficientQtyMock;
}

/** OAuth endpoint rejections (HTTP 403, `error_code`/`error_description`). */
export const OAUTH_ERRORS = {
  tokenThrottled: {
    status: 403,
    errorCode: "EGW00133",
    errorDescription: "접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)",
  },
  appKeyInvalid: {
    status: 403,
    errorCode: "EGW00103",
    errorDescription: "유효하지 않은 AppKey입니다.",
  },
  appSecretInvalid: {
    status: 403,
    errorCode: "EGW00105",
    errorDescription: "유효하지 않은 AppSecret입니다.",
  },
  grantTypeInvalid: {
    status: 403,
    errorCode: "EGW00102",
    errorDescription: "grant_type이 유효하지 않습니다.",
  },
} as const satisfies Record<string, OAuthReply>;
