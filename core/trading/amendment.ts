/**
 * Cancels and revisions of journal orders ("amendments"): what was asked, its state, its schema and
 * the typed errors of asking for one where it is not legal.
 * @module
 */
import { z } from "zod";
import type { OrderRevision } from "../broker/mod.ts";
import type { JournalOrder, OrderStatus } from "./order_state.ts";
import { brokerRefSchema } from "./order_state.ts";
import type { BrokerRef } from "./order_state.ts";

/** What to change about an order: cancel (all that is open, or `quantity`), or revise it. */
export type AmendmentRequest =
  | { readonly kind: "cancel"; readonly quantity?: number }
  | { readonly kind: "revise"; readonly revision: OrderRevision };

/**
 * Where an amendment stands:
 * - `pending`: written before the broker call; the call may not have happened yet.
 * - `accepted`: KIS acknowledged it with its own order number (`ack`).
 * - `rejected`: KIS (or the client, before sending) refused it.
 * - `unknown`: the call failed in a way that may have reached KIS; reconciliation decides.
 * - `not_sent`: reconciliation found no KIS row for it after the horizon; the key may try again.
 */
export type AmendmentStatus = OrderAmendment["status"];

interface AmendmentBase {
  readonly id: string;
  readonly accountId: string;
  /** The journal order amended. */
  readonly orderId: string;
  readonly idempotencyKey: string;
  readonly request: AmendmentRequest;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The not-sent attempt this one replaces under the same key. */
  readonly replaces: string | null;
}

/** The state-specific part of an amendment. */
export type AmendmentState =
  | { readonly status: "pending" }
  | { readonly status: "unknown"; readonly error: string }
  | { readonly status: "rejected"; readonly reason: string }
  | { readonly status: "not_sent"; readonly reason: string }
  | {
    readonly status: "accepted";
    /** KIS's row for the cancel or revision (a new order number). */
    readonly ack: BrokerRef;
    /** For a revision: the journal order that follows the revised part. */
    readonly revisedOrderId: string | null;
  };

/** A cancel or revision of a journal order. */
export type OrderAmendment = AmendmentBase & AmendmentState;

/** Statuses reconciliation still has to settle. */
export const OPEN_AMENDMENT_STATUSES: readonly AmendmentStatus[] = ["pending", "unknown"];

/** Statuses an order can be cancelled or revised from: KIS knows it and part of it is open. */
export const AMENDABLE_STATUSES: readonly OrderStatus[] = ["submitted", "partially_filled"];

const revisionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("limit"),
    price: z.int().positive(),
    quantity: z.int().positive().optional(),
  }),
  z.strictObject({ type: z.literal("market"), quantity: z.int().positive().optional() }),
]);

/** The schema of an amendment request, as callers give it and the store keeps it. */
export const amendmentRequestSchema: z.ZodType<AmendmentRequest> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("cancel"), quantity: z.int().positive().optional() }),
  z.strictObject({ kind: z.literal("revise"), revision: revisionSchema }),
]);

const base = {
  id: z.string().min(1),
  accountId: z.string().min(1),
  orderId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  request: amendmentRequestSchema,
  createdAt: z.int(),
  updatedAt: z.int(),
  replaces: z.string().nullable(),
};

/** The schema amendments are read back with. */
export const orderAmendmentSchema: z.ZodType<OrderAmendment> = z.discriminatedUnion("status", [
  z.object({ ...base, status: z.literal("pending") }),
  z.object({ ...base, status: z.literal("unknown"), error: z.string() }),
  z.object({ ...base, status: z.literal("rejected"), reason: z.string() }),
  z.object({ ...base, status: z.literal("not_sent"), reason: z.string() }),
  z.object({
    ...base,
    status: z.literal("accepted"),
    ack: brokerRefSchema,
    revisedOrderId: z.string().nullable(),
  }),
]);

/** Whether two amendment requests ask for the same change. */
export function sameAmendment(a: AmendmentRequest, b: AmendmentRequest): boolean {
  return JSON.stringify(amendmentRequestSchema.parse(a)) ===
    JSON.stringify(amendmentRequestSchema.parse(b));
}

/** A cancel or revision of an order the journal does not hold. */
export class OrderNotFoundError extends Error {
  /** The id asked for. */
  readonly orderId: string;

  /** No order `orderId` in the account. */
  constructor(orderId: string) {
    super(`no order ${orderId} in the journal`);
    this.name = "OrderNotFoundError";
    this.orderId = orderId;
  }
}

/** A cancel or revision asked of an order in a state that has nothing at KIS to change. */
export class OrderNotAmendableError extends Error {
  /** The order's status when it was asked. */
  readonly status: OrderStatus;

  /** `order` cannot be cancelled or revised in its current state. */
  constructor(order: JournalOrder, kind: AmendmentRequest["kind"]) {
    super(
      `order ${order.id} is ${order.status}: only submitted or partially filled orders can be ` +
        `${kind === "cancel" ? "cancelled" : "revised"}`,
    );
    this.name = "OrderNotAmendableError";
    this.status = order.status;
  }
}

/** An amendment key used again for another order or another change: a caller bug. */
export class AmendmentKeyReusedError extends Error {
  /** The amendment the key already names. */
  readonly existing: OrderAmendment;

  /** `existing` holds the key; the new request differs. */
  constructor(existing: OrderAmendment) {
    super(
      `idempotency key ${existing.idempotencyKey} already names amendment ${existing.id} ` +
        `of order ${existing.orderId}`,
    );
    this.name = "AmendmentKeyReusedError";
    this.existing = existing;
  }
}
