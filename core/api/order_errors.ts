/**
 * How the order journal's refusals become API errors: every risk check's code maps to one typed
 * `error.code` and status (a 409 for what passes with time, a 422 for what this order can never
 * do), and a reused idempotency key is a 422.
 * @module
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { IdempotencyKeyReusedError, RiskRejected, RiskRejection } from "../trading/mod.ts";
import { ApiError } from "./errors.ts";

/** The API's answer to each risk check, by the check's code. */
export const RISK_ERRORS: Readonly<
  Record<RiskRejection["code"], { readonly status: ContentfulStatusCode; readonly code: string }>
> = {
  kill_switch: { status: 409, code: "kill_switch" },
  session_closed: { status: 409, code: "market_closed" },
  open_orders: { status: 409, code: "risk_limit" },
  daily_amount: { status: 409, code: "risk_limit" },
  order_amount: { status: 422, code: "risk_limit" },
  position_weight: { status: 422, code: "risk_limit" },
  insufficient_cash: { status: 422, code: "insufficient_cash" },
  off_tick: { status: 422, code: "invalid_price" },
  price_limit: { status: 422, code: "invalid_price" },
  invalid_quantity: { status: 422, code: "invalid_quantity" },
};

/**
 * The API error of a risk refusal: the first failed check (they are checked most fundamental
 * first, the kill switch before all) sets code and status; `details` lists every failed check as
 * `risk.<check>`.
 */
export function riskApiError(error: RiskRejected): ApiError {
  const first = error.rejections[0];
  const { status, code } = first === undefined
    ? { status: 422 as const, code: "risk_limit" }
    : RISK_ERRORS[first.code];
  const details = error.rejections.map((r) => ({ field: `risk.${r.code}`, message: r.message }));
  return new ApiError(status, code, first?.message ?? error.message, { details });
}

/** The API error of an idempotency key sent again with a different order. */
export function reusedKeyApiError(error: IdempotencyKeyReusedError): ApiError {
  return new ApiError(
    422,
    "idempotency_key_reused",
    `this Idempotency-Key already placed order ${error.existing.id} with a different body`,
    { details: [{ field: "header.idempotency-key", message: "use a new key for a new order" }] },
  );
}
