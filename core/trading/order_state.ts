/**
 * The journal's order states as a discriminated union, their zod schema, and the transition table
 * that decides which changes are legal.
 * @module
 */
import { z } from "zod";
import type { OrderRequest } from "../broker/mod.ts";
import { type IsoDate, isSymbolCode, parseIsoDate, type SymbolCode } from "../krx/mod.ts";

/**
 * Where a journal order stands:
 * - `intent`: written before the broker call; the call may not have happened yet.
 * - `submitted`: KIS accepted it (order number known), nothing filled yet.
 * - `partially_filled` / `filled` / `cancelled`: as KIS reports it.
 * - `rejected`: refused (by KIS, or by the broker client before sending) — never placed.
 * - `unknown`: the call failed in a way that may or may not have reached KIS; only
 *   reconciliation decides.
 * - `not_sent`: reconciliation found no broker order after the horizon; only now may the same
 *   idempotency key place a new attempt.
 */
export type OrderStatus = JournalOrder["status"];

/** KIS's identity of a placed order: number, branch, route and KIS order date. */
export interface BrokerRef {
  readonly orderNo: string;
  readonly branchNo: string;
  readonly route: "KRX" | "NXT" | "SOR";
  readonly date: IsoDate;
}

/** What every journal order carries whatever its state; times are epoch ms. */
export interface OrderBase {
  readonly id: string;
  readonly accountId: string;
  readonly idempotencyKey: string;
  readonly request: OrderRequest;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The not-sent attempt this one replaces under the same idempotency key. */
  readonly replaces: string | null;
  /** For the order KIS created by revising another: that order's id. */
  readonly revises?: string;
  /**
   * The price the order was decided at, integer KRW: the signal's close, the alert's trigger
   * price, the rebalance plan's price, or the last price the risk checks read; slippage is
   * measured against it. Absent on orders written before it was kept.
   */
  readonly signalPrice?: number;
}

/** Fill totals of a placed order, integer shares and KRW. */
export interface FillTotals {
  readonly filledQuantity: number;
  readonly filledAmount: number;
}

/** The state-specific part of a journal order. */
export type OrderStateChange =
  | { readonly status: "intent" }
  | { readonly status: "unknown"; readonly error: string }
  | { readonly status: "not_sent"; readonly reason: string }
  | { readonly status: "rejected"; readonly reason: string }
  | { readonly status: "submitted"; readonly ref: BrokerRef }
  | ({ readonly status: "partially_filled"; readonly ref: BrokerRef } & FillTotals)
  | ({ readonly status: "filled"; readonly ref: BrokerRef } & FillTotals)
  | ({ readonly status: "cancelled"; readonly ref: BrokerRef } & FillTotals);

/** One order of the journal: its base and exactly one state. */
export type JournalOrder = OrderBase & OrderStateChange;

/** Every status a journal order can be in (a test checks it against {@link TRANSITIONS}). */
export const ORDER_STATUSES = [
  "intent",
  "unknown",
  "submitted",
  "partially_filled",
  "filled",
  "cancelled",
  "rejected",
  "not_sent",
] as const satisfies readonly OrderStatus[];

/** Which statuses may follow each status; a status absent from its own list cannot repeat. */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  intent: [
    "submitted",
    "partially_filled",
    "filled",
    "cancelled",
    "rejected",
    "unknown",
    "not_sent",
  ],
  unknown: ["submitted", "partially_filled", "filled", "cancelled", "rejected", "not_sent"],
  submitted: ["partially_filled", "filled", "cancelled", "rejected"],
  partially_filled: ["partially_filled", "filled", "cancelled"],
  filled: [],
  cancelled: [],
  rejected: [],
  not_sent: [],
};

/** Statuses that can still change at the broker or need reconciliation. */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  "intent",
  "unknown",
  "submitted",
  "partially_filled",
];

/** A change the transition table does not allow. */
export class IllegalTransitionError extends Error {
  /** The order's status before, and the refused one. */
  readonly from: OrderStatus;
  /** The refused status. */
  readonly to: OrderStatus;

  /** `order` cannot move to `to` (the `reason` says why). */
  constructor(order: JournalOrder, to: OrderStatus, reason: string) {
    super(`order ${order.id}: ${order.status} → ${to} refused: ${reason}`);
    this.name = "IllegalTransitionError";
    this.from = order.status;
    this.to = to;
  }
}

/**
 * `order` moved to `change` at `at`, or an {@link IllegalTransitionError} when the table forbids
 * it, when fills would go backwards, or when a known broker reference would change.
 */
export function transition(
  order: JournalOrder,
  change: OrderStateChange,
  at: number,
): JournalOrder {
  if (!TRANSITIONS[order.status].includes(change.status)) {
    throw new IllegalTransitionError(order, change.status, "not in the transition table");
  }
  if ("ref" in order && "ref" in change && !sameRef(order.ref, change.ref)) {
    throw new IllegalTransitionError(order, change.status, "the broker reference cannot change");
  }
  if ("filledQuantity" in order && "filledQuantity" in change) {
    if (change.filledQuantity < order.filledQuantity) {
      throw new IllegalTransitionError(order, change.status, "fills cannot go backwards");
    }
    if (change.status === order.status && change.filledQuantity === order.filledQuantity) {
      throw new IllegalTransitionError(order, change.status, "no new fill");
    }
  }
  const base: OrderBase = {
    id: order.id,
    accountId: order.accountId,
    idempotencyKey: order.idempotencyKey,
    request: order.request,
    createdAt: order.createdAt,
    updatedAt: at,
    replaces: order.replaces,
    ...(order.revises === undefined ? {} : { revises: order.revises }),
    ...(order.signalPrice === undefined ? {} : { signalPrice: order.signalPrice }),
  };
  return { ...base, ...change };
}

/** Whether `order` may move to `change` (see {@link transition}). */
export function canTransition(order: JournalOrder, change: OrderStateChange): boolean {
  try {
    transition(order, change, order.updatedAt);
    return true;
  } catch (error) {
    if (error instanceof IllegalTransitionError) return false;
    throw error;
  }
}

/** Whether two order requests ask for the same order (type, side, symbol, quantity, price, route). */
export function sameRequest(a: OrderRequest, b: OrderRequest): boolean {
  const price = (r: OrderRequest) => r.type === "limit" ? r.price : 0;
  return a.type === b.type && a.side === b.side && a.symbol === b.symbol &&
    a.quantity === b.quantity && price(a) === price(b) && a.route === b.route;
}

function sameRef(a: BrokerRef, b: BrokerRef): boolean {
  return a.orderNo === b.orderNo && a.branchNo === b.branchNo && a.date === b.date;
}

const symbolSchema = z.string().refine(isSymbolCode, "a KRX symbol code").transform((s) =>
  s as SymbolCode
);
const quantity = z.number().int().positive();
const route = z.enum(["KRX", "NXT", "SOR"]);

/** The schema of an `OrderRequest` as the journal stores it. */
export const orderRequestSchema: z.ZodType<OrderRequest> = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("limit"),
    side: z.enum(["buy", "sell"]),
    symbol: symbolSchema,
    quantity,
    price: z.number().int().positive(),
    route: route.optional(),
  }),
  z.object({
    type: z.literal("market"),
    side: z.enum(["buy", "sell"]),
    symbol: symbolSchema,
    quantity,
    route: route.optional(),
  }),
]);

/** The schema of a {@link BrokerRef} as the store keeps it. */
export const brokerRefSchema: z.ZodType<BrokerRef> = z.object({
  orderNo: z.string().min(1),
  branchNo: z.string(),
  route,
  date: z.string().transform((s) => parseIsoDate(s)),
});
const totals = {
  ref: brokerRefSchema,
  filledQuantity: z.number().int().nonnegative(),
  filledAmount: z.number().int().nonnegative(),
};
const base = {
  id: z.string().min(1),
  accountId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  request: orderRequestSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  replaces: z.string().nullable(),
  revises: z.string().optional(),
  signalPrice: z.number().int().positive().optional(),
};

/** The schema journal orders are read back with. */
export const journalOrderSchema: z.ZodType<JournalOrder> = z.discriminatedUnion("status", [
  z.object({ ...base, status: z.literal("intent") }),
  z.object({ ...base, status: z.literal("unknown"), error: z.string() }),
  z.object({ ...base, status: z.literal("not_sent"), reason: z.string() }),
  z.object({ ...base, status: z.literal("rejected"), reason: z.string() }),
  z.object({ ...base, status: z.literal("submitted"), ref: brokerRefSchema }),
  z.object({ ...base, status: z.literal("partially_filled"), ...totals }),
  z.object({ ...base, status: z.literal("filled"), ...totals }),
  z.object({ ...base, status: z.literal("cancelled"), ...totals }),
]);
