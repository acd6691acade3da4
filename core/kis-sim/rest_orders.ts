import { z } from "zod";
import { KIS_ERRORS } from "./errors.ts";
import type { OrderResult } from "./exchange_types.ts";
import { kstWallClock } from "../krx/time.ts";
import { ordDvsn, type OrderType } from "./orders.ts";
import {
  accountFields,
  accountId,
  digits,
  failure,
  int,
  paged,
  pagingFields,
  parseInput,
  type RestContext,
  ROUTES,
  type SimAnswer,
  type SimRequest,
  success,
} from "./rest_common.ts";
import { SIM_TR_IDS } from "./tr_ids.ts";

const ORDER_SENT = { msgCd: "APBK0013", msg1: "주문 전송 완료 되었습니다." };
const SUPPORTED_DVSN: Record<string, OrderType> = { "00": "limit", "01": "market" };

const orderCashBody = z.object({
  ...accountFields,
  PDNO: z.string().regex(/^(\d{6}|Q\d{6})$/),
  ORD_DVSN: digits(2),
  ORD_QTY: digits(),
  ORD_UNPR: digits(),
  EXCG_ID_DVSN_CD: z.enum(ROUTES),
  SLL_TYPE: z.string().optional(),
  CNDT_PRIC: z.string().optional(),
});

function orderAnswer(ctx: RestContext, result: OrderResult, uppercase: boolean): SimAnswer {
  if (!result.ok) return failure(result.error);
  ctx.publish({ prints: [], notices: result.notices });
  const { order } = result;
  const output = {
    KRX_FWDG_ORD_ORGNO: order.orgNo,
    ODNO: order.odno,
    ORD_TMD: kstWallClock(order.orderedAt).compactTime,
  };
  // KIS answers order-cash in UPPERCASE and order-rvsecncl in lowercase
  const cased = uppercase
    ? output
    : Object.fromEntries(Object.entries(output).map(([k, v]) => [k.toLowerCase(), v]));
  return success({ output: cased }, ORDER_SENT);
}

/** POST order-cash: buy (…0012U/…0802U) or sell (…0011U/…0801U), limit or market. */
export function orderCash(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(orderCashBody, request.input);
  if (!parsed.ok) return parsed.answer;
  const body = parsed.value;
  const account = accountId(ctx, body);
  if (!account.ok) return account.answer;
  const type = SUPPORTED_DVSN[body.ORD_DVSN];
  if (!type) return failure(KIS_ERRORS.unsupportedOrderType);
  const side = SIM_TR_IDS.orderCashSell[ctx.env].includes(request.trId as never) ? "sell" : "buy";
  const result = ctx.exchange.placeOrder({
    accountId: account.id,
    code: body.PDNO,
    route: body.EXCG_ID_DVSN_CD,
    side,
    type,
    price: int(body.ORD_UNPR),
    qty: int(body.ORD_QTY),
  });
  return orderAnswer(ctx, result, true);
}

/** POST order-rvsecncl: revise (`01`) or cancel (`02`) the open part of an order. */
export function orderRevise(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      KRX_FWDG_ORD_ORGNO: z.string(),
      ORGN_ODNO: digits(),
      ORD_DVSN: digits(2),
      RVSE_CNCL_DVSN_CD: z.enum(["01", "02"]),
      ORD_QTY: digits(),
      ORD_UNPR: digits(),
      QTY_ALL_ORD_YN: z.enum(["Y", "N"]),
      EXCG_ID_DVSN_CD: z.enum(ROUTES),
      CNDT_PRIC: z.string().optional(),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const body = parsed.value;
  const account = accountId(ctx, body);
  if (!account.ok) return account.answer;
  const type = SUPPORTED_DVSN[body.ORD_DVSN];
  if (!type) return failure(KIS_ERRORS.unsupportedOrderType);
  const original = body.ORGN_ODNO.padStart(10, "0");
  const result = ctx.exchange.reviseOrCancel({
    accountId: account.id,
    originalOdno: original,
    route: body.EXCG_ID_DVSN_CD,
    action: body.RVSE_CNCL_DVSN_CD === "01" ? "revise" : "cancel",
    qty: body.QTY_ALL_ORD_YN === "Y" ? "all" : int(body.ORD_QTY),
    type,
    price: int(body.ORD_UNPR),
  });
  return orderAnswer(ctx, result, false);
}

/** GET inquire-psbl-rvsecncl (real only): open orders that can still be revised or cancelled. */
export function pendingOrders(ctx: RestContext, request: SimRequest): SimAnswer {
  const parsed = parseInput(
    z.object({
      ...accountFields,
      ...pagingFields,
      INQR_DVSN_1: z.string().optional(),
      INQR_DVSN_2: z.string().optional(),
    }),
    request.input,
  );
  if (!parsed.ok) return parsed.answer;
  const account = accountId(ctx, parsed.value);
  if (!account.ok) return account.answer;
  const open = ctx.exchange.orders(account.id).filter((o) => o.remaining > 0);
  const page = paged(
    request,
    open,
    ctx.pageSizes.pendingOrders,
    parsed.value,
    `${account.id}:${open.length}`,
  );
  if (page === "stale") return failure(KIS_ERRORS.staleContext);
  return success(
    {
      ctx_area_fk100: page.fk100,
      ctx_area_nk100: page.nk100,
      output: page.rows.map((o) => ({
        ord_gno_brno: o.orgNo,
        odno: o.odno,
        orgn_odno: o.originalOdno ?? "",
        ord_dvsn_name: o.type === "limit" ? "지정가" : "시장가",
        pdno: o.symbol.code,
        prdt_name: o.symbol.name,
        rvse_cncl_dvsn_name: o.action === "revise" ? "정정" : "",
        ord_qty: String(o.qty),
        ord_unpr: String(o.price),
        ord_tmd: kstWallClock(o.orderedAt).compactTime,
        tot_ccld_qty: String(o.filledQty),
        tot_ccld_amt: String(o.filledAmount),
        psbl_qty: String(o.remaining),
        sll_buy_dvsn_cd: o.side === "sell" ? "01" : "02",
        ord_dvsn_cd: ordDvsn(o.type),
        mgco_aptm_odno: "",
        excg_id_dvsn_cd: o.route,
      })),
    },
    undefined,
    page.trCont,
  );
}
