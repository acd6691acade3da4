import { z } from "zod";
import { KIS_ERRORS } from "./errors.ts";
import type { OrderResult } from "./exchange_types.ts";
import { kstWallClock } from "../krx/time.ts";
import type { OrderType } from "./orders.ts";
import {
  digits,
  failure,
  forAccount,
  int,
  type RestContext,
  type RestHandler,
  ROUTES,
  type SimAnswer,
  success,
} from "./rest_common.ts";
import { SIM_TR_IDS } from "./tr_ids.ts";

const ORDER_SENT = { msgCd: "APBK0013", msg1: "주문 전송 완료 되었습니다." };
const SUPPORTED_DVSN: Record<string, OrderType> = { "00": "limit", "01": "market" };

/** The body fields order-cash and order-rvsecncl share (besides the account). */
const orderFields = {
  ORD_DVSN: digits(2),
  ORD_QTY: digits(),
  ORD_UNPR: digits(),
  EXCG_ID_DVSN_CD: z.enum(ROUTES),
  CNDT_PRIC: z.string().optional(),
};

/**
 * Answers an order TR: the type of `ordDvsn` (APBK0634 for one the simulator does not take), then
 * what the exchange made of `send`; KIS answers order-cash in UPPERCASE and order-rvsecncl in
 * lowercase (`uppercase`).
 */
function orderAnswer(
  ctx: RestContext,
  ordDvsn: string,
  uppercase: boolean,
  send: (type: OrderType) => OrderResult,
): SimAnswer {
  const type = SUPPORTED_DVSN[ordDvsn];
  if (!type) return failure(KIS_ERRORS.unsupportedOrderType);
  const result = send(type);
  if (!result.ok) return failure(result.error);
  ctx.publish({ prints: [], notices: result.notices });
  const { order } = result;
  const output = {
    KRX_FWDG_ORD_ORGNO: order.orgNo,
    ODNO: order.odno,
    ORD_TMD: kstWallClock(order.orderedAt).compactTime,
  };
  const cased = uppercase
    ? output
    : Object.fromEntries(Object.entries(output).map(([k, v]) => [k.toLowerCase(), v]));
  return success({ output: cased }, ORDER_SENT);
}

/** POST order-cash: buy (…0012U/…0802U) or sell (…0011U/…0801U), limit or market. */
export const orderCash: RestHandler = forAccount(
  { PDNO: z.string().regex(/^(\d{6}|Q\d{6})$/), ...orderFields, SLL_TYPE: z.string().optional() },
  (ctx, body, account, request) =>
    orderAnswer(ctx, body.ORD_DVSN, true, (type) =>
      ctx.exchange.placeOrder({
        accountId: account.id,
        code: body.PDNO,
        route: body.EXCG_ID_DVSN_CD,
        side: SIM_TR_IDS.orderCashSell[ctx.env].includes(request.trId as never) ? "sell" : "buy",
        type,
        price: int(body.ORD_UNPR),
        qty: int(body.ORD_QTY),
      })),
);

/** POST order-rvsecncl: revise (`01`) or cancel (`02`) the open part of an order. */
export const orderRevise: RestHandler = forAccount(
  {
    ...orderFields,
    KRX_FWDG_ORD_ORGNO: z.string(),
    ORGN_ODNO: digits(),
    RVSE_CNCL_DVSN_CD: z.enum(["01", "02"]),
    QTY_ALL_ORD_YN: z.enum(["Y", "N"]),
  },
  (ctx, body, account) =>
    orderAnswer(ctx, body.ORD_DVSN, false, (type) =>
      ctx.exchange.reviseOrCancel({
        accountId: account.id,
        originalOdno: body.ORGN_ODNO.padStart(10, "0"),
        route: body.EXCG_ID_DVSN_CD,
        action: body.RVSE_CNCL_DVSN_CD === "01" ? "revise" : "cancel",
        qty: body.QTY_ALL_ORD_YN === "Y" ? "all" : int(body.ORD_QTY),
        type,
        price: int(body.ORD_UNPR),
      })),
);
