import type { OrderRoute } from "../../krx/mod.ts";
import { BrokerError } from "../errors.ts";
import type { OrderRef, OrderRequest, OrderRevision } from "../types.ts";
import { positiveInteger } from "./kis_calls.ts";

/** Nextrade takes limit orders but no market orders (KIS's order-cash spec lists NXT's types). */
function assertRouteTakes(route: OrderRoute, type: "limit" | "market"): void {
  if (route === "NXT" && type === "market") {
    throw new BrokerError(
      "invalid_order",
      "Nextrade (NXT) takes no market orders; send a limit order, or route through KRX or SOR",
    );
  }
}

/** The body of order-cash for `order` sent on `route`, without the account fields. */
export function orderCashFields(order: OrderRequest, route: OrderRoute): Record<string, string> {
  assertRouteTakes(route, order.type);
  return {
    PDNO: order.symbol,
    ORD_DVSN: order.type === "limit" ? "00" : "01",
    ORD_QTY: positiveInteger(order.quantity, "order quantity"),
    // KIS wants "0" as the price of a market order.
    ORD_UNPR: order.type === "limit" ? positiveInteger(order.price, "limit price") : "0",
    EXCG_ID_DVSN_CD: route,
    ...(order.side === "sell" ? { SLL_TYPE: "01" } : {}),
  };
}

/** The fields of order-rvsecncl naming the original order `ref`, sent on its `route`. */
function originalOrder(ref: OrderRef, route: OrderRoute): Record<string, string> {
  return { KRX_FWDG_ORD_ORGNO: ref.branchNo, ORGN_ODNO: ref.orderNo, EXCG_ID_DVSN_CD: route };
}

/** The body of order-rvsecncl revising `ref` (sent on `route`), without the account fields. */
export function reviseFields(
  ref: OrderRef,
  revision: OrderRevision,
  route: OrderRoute,
): Record<string, string> {
  assertRouteTakes(route, revision.type);
  return {
    ...originalOrder(ref, route),
    RVSE_CNCL_DVSN_CD: "01",
    ORD_DVSN: revision.type === "limit" ? "00" : "01",
    ORD_UNPR: revision.type === "limit" ? positiveInteger(revision.price, "limit price") : "0",
    ORD_QTY: revision.quantity === undefined
      ? "0"
      : positiveInteger(revision.quantity, "revised quantity"),
    QTY_ALL_ORD_YN: revision.quantity === undefined ? "Y" : "N",
  };
}

/**
 * The body of order-rvsecncl cancelling `quantity` (all that is open without one) of `ref`, sent
 * on `route`, without the account fields.
 */
export function cancelFields(
  ref: OrderRef,
  route: OrderRoute,
  quantity?: number,
): Record<string, string> {
  return {
    ...originalOrder(ref, route),
    RVSE_CNCL_DVSN_CD: "02",
    ORD_DVSN: "00",
    ORD_UNPR: "0",
    ORD_QTY: quantity === undefined ? "0" : positiveInteger(quantity, "cancel quantity"),
    QTY_ALL_ORD_YN: quantity === undefined ? "Y" : "N",
  };
}
