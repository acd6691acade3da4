/**
 * Cancelling and revising journal orders at most once per idempotency key: the amendment is
 * written `pending` before the broker is called, then takes KIS's answer; an answer that was lost
 * is settled by {@link reconcileAmendments} from the broker's daily orders, where KIS lists every
 * cancel and revision as a row naming the original order.
 * @module
 */
import { z } from "zod";
import type { Broker, OrderAck, OrderRecord, OrderRequest } from "../broker/mod.ts";
import { seoulDate } from "../krx/mod.ts";
import type { LogFields, LogLevel } from "../obs/log.ts";
import { type Store, StoreConflictError } from "../store/mod.ts";
import {
  AMENDABLE_STATUSES,
  AmendmentKeyReusedError,
  type AmendmentRequest,
  amendmentRequestSchema,
  type AmendmentState,
  type OrderAmendment,
  OrderNotAmendableError,
  OrderNotFoundError,
  sameAmendment,
} from "./amendment.ts";
import { AckClaimedError, type AmendmentRepository } from "./amendment_repository.ts";
import { failureChange } from "./failure.ts";
import { readKillSwitch } from "./kill_switch.ts";
import type { OrderRepository } from "./order_repository.ts";
import type { BrokerRef, JournalOrder } from "./order_state.ts";
import {
  isNewOrder,
  RECONCILE_DEFAULTS,
  type ReconcileOptions,
  recordInstant,
} from "./reconcile.ts";
import { RiskRejected } from "./risk.ts";

/** What amending works with. */
export interface AmendContext {
  readonly store: Store;
  readonly broker: Broker;
  readonly accountId: string;
  readonly orders: OrderRepository;
  readonly amendments: AmendmentRepository;
  readonly log: (level: LogLevel, message: string, fields?: LogFields) => void;
}

const keySchema = z.string().min(1).max(200);

/**
 * Cancels or revises order `orderId` once under `idempotencyKey`: a key used before returns its
 * amendment without calling the broker (unless reconciliation resolved it `not_sent`). `by`, who
 * asked, is named in the request's audit entry.
 *
 * @throws {OrderNotFoundError} when the journal has no such order.
 * @throws {OrderNotAmendableError} when the order is not submitted or partially filled.
 * @throws {AmendmentKeyReusedError} when the key names another order or another change.
 * @throws {RiskRejected} for a revision while the kill switch is on (cancels always go through).
 */
export async function amendOrder(
  context: AmendContext,
  orderId: string,
  idempotencyKey: string,
  request: AmendmentRequest,
  by?: string,
): Promise<OrderAmendment> {
  const key = keySchema.parse(idempotencyKey);
  const asked = amendmentRequestSchema.parse(request);
  const { store, orders, amendments } = context;
  for (let attempt = 0; attempt < 10; attempt++) {
    const { keyEntry, stored } = await amendments.byKey(key);
    if (
      stored !== null &&
      (stored.amendment.orderId !== orderId || !sameAmendment(stored.amendment.request, asked))
    ) {
      throw new AmendmentKeyReusedError(stored.amendment);
    }
    if (stored !== null && stored.amendment.status !== "not_sent") return stored.amendment;
    const order = (await orders.get(orderId))?.order;
    if (order === undefined) throw new OrderNotFoundError(orderId);
    if (!AMENDABLE_STATUSES.includes(order.status) || !("ref" in order)) {
      throw new OrderNotAmendableError(order, asked.kind);
    }
    if (asked.kind === "revise" && (await readKillSwitch(store.kv)).state.on) {
      throw new RiskRejected([{ code: "kill_switch", message: "the kill switch is on" }]);
    }
    const now = store.now();
    const amendment: OrderAmendment & { status: "pending" } = {
      id: store.nextId(),
      accountId: context.accountId,
      orderId,
      idempotencyKey: key,
      request: asked,
      createdAt: now,
      updatedAt: now,
      replaces: stored?.amendment.id ?? null,
      status: "pending",
    };
    if (await amendments.create(amendment, keyEntry, by)) {
      return await send(context, amendment, order);
    }
  }
  throw new StoreConflictError(`amendment ${key}`);
}

/** Calls the broker for a written amendment and records its answer. */
async function send(
  context: AmendContext,
  amendment: OrderAmendment,
  order: JournalOrder & { readonly ref: BrokerRef },
): Promise<OrderAmendment> {
  const { broker, store } = context;
  const target = {
    orderNo: order.ref.orderNo,
    branchNo: order.ref.branchNo,
    route: order.ref.route,
  };
  let state: AmendmentState;
  try {
    const ack: OrderAck = amendment.request.kind === "cancel"
      ? await broker.cancelOrder(target, amendment.request.quantity)
      : await broker.reviseOrder(target, amendment.request.revision);
    state = {
      status: "accepted",
      ack: {
        orderNo: ack.orderNo,
        branchNo: ack.branchNo,
        route: ack.route,
        date: seoulDate(store.now()),
      },
      revisedOrderId: null,
    };
  } catch (error) {
    state = failureChange(error);
    context.log("warn", "journal: cancel or revision failed", {
      order: order.id,
      amendment: amendment.id,
      status: state.status,
    });
  }
  const quantity = amendment.request.kind === "revise"
    ? amendment.request.revision.quantity ?? openQuantity(order)
    : 0;
  return await context.amendments.settle(
    amendment.id,
    () => state,
    amendment.request.kind === "revise" ? revisedOrderFor(context, order, quantity) : undefined,
  );
}

/** Shares of `order` still open as the journal last saw it. */
function openQuantity(order: JournalOrder): number {
  return order.request.quantity - ("filledQuantity" in order ? order.filledQuantity : 0);
}

/** Builds the journal order that follows a revision's new KIS order of `quantity` shares. */
function revisedOrderFor(context: AmendContext, order: JournalOrder, quantity: number) {
  return (ack: BrokerRef, amendment: OrderAmendment): JournalOrder & { ref: BrokerRef } => {
    if (amendment.request.kind !== "revise") throw new RangeError("only a revision makes an order");
    const revision = amendment.request.revision;
    const { side, symbol, route } = order.request;
    const routed = route === undefined ? {} : { route };
    const request: OrderRequest = revision.type === "limit"
      ? { type: "limit", side, symbol, quantity, price: revision.price, ...routed }
      : { type: "market", side, symbol, quantity, ...routed };
    const now = context.store.now();
    return {
      id: context.store.nextId(),
      accountId: context.accountId,
      idempotencyKey: `revision:${amendment.idempotencyKey}`,
      request,
      createdAt: now,
      updatedAt: now,
      replaces: null,
      revises: order.id,
      status: "submitted",
      ref: ack,
    };
  };
}

/** What one run of {@link reconcileAmendments} did, by amendment id. */
export interface AmendmentReconcileReport {
  /** Pending or unknown amendments found among KIS's rows. */
  readonly accepted: readonly string[];
  /** Pending or unknown amendments with no KIS row after the horizon. */
  readonly notSent: readonly string[];
  /** Still within the horizon, left for a later run. */
  readonly pending: readonly string[];
}

/**
 * Whether KIS row `record` can be the cancel or revision `amendment` asked for of `order`: a row
 * naming the order as its original, on its date, timed within the window, and with the asked
 * change (a cancel: a cancelled row at the order's price with nothing filled; a revision: the
 * revised type and price; either: the asked quantity when one was given).
 */
export function matchesAmendment(
  amendment: OrderAmendment,
  order: JournalOrder & { readonly ref: BrokerRef },
  record: OrderRecord,
  options: Required<ReconcileOptions>,
): boolean {
  const at = recordInstant(record);
  const inWindow = at >= Math.floor((amendment.createdAt - options.skewMs) / 1000) * 1000 &&
    at <= amendment.createdAt + options.horizonMs;
  if (
    isNewOrder(record) || record.originalOrderNo !== order.ref.orderNo ||
    record.date !== order.ref.date || !inWindow
  ) {
    return false;
  }
  const request = amendment.request;
  if (request.kind === "cancel") {
    const orderPrice = order.request.type === "limit" ? order.request.price : 0;
    return record.state.status === "cancelled" && record.filledQuantity === 0 &&
      record.price === orderPrice &&
      (request.quantity === undefined || record.quantity === request.quantity);
  }
  const revision = request.revision;
  return record.type === revision.type &&
    record.price === (revision.type === "limit" ? revision.price : 0) &&
    (revision.quantity === undefined || record.quantity === revision.quantity);
}

/**
 * Settles every pending or unknown amendment from the broker's daily orders: one KIS row matching
 * it ({@link matchesAmendment}, earliest first, not claimed by another amendment) makes it `accepted` (a
 * revision also gets its new journal order); none after the horizon makes it `not_sent`.
 */
export async function reconcileAmendments(
  context: AmendContext,
  options: ReconcileOptions = {},
): Promise<AmendmentReconcileReport> {
  const settings = { ...RECONCILE_DEFAULTS, ...options };
  const report = { accepted: [] as string[], notSent: [] as string[], pending: [] as string[] };
  const open = (await context.amendments.open()).sort((a, b) => a.createdAt - b.createdAt);
  if (open.length === 0) return report;
  const now = context.store.now();
  const from = seoulDate(Math.min(...open.map((a) => a.createdAt)));
  const records = await context.broker.getOrders({ from, to: seoulDate(now) });
  for (const amendment of open) {
    const order = (await context.orders.get(amendment.orderId))?.order;
    if (order === undefined || !("ref" in order)) continue;
    const candidates = records
      .filter((r) => matchesAmendment(amendment, order, r, settings))
      .sort((a, b) => recordInstant(a) - recordInstant(b));
    let accepted = false;
    for (const record of candidates) {
      const ack: BrokerRef = {
        orderNo: record.orderNo,
        branchNo: record.branchNo,
        route: record.route,
        date: record.date,
      };
      if (await context.amendments.claimOf(ack) !== null) continue;
      try {
        await context.amendments.settle(
          amendment.id,
          () => ({ status: "accepted", ack, revisedOrderId: null }),
          amendment.request.kind === "revise"
            ? revisedOrderFor(context, order, record.quantity)
            : undefined,
        );
      } catch (error) {
        if (error instanceof AckClaimedError) continue;
        throw error;
      }
      context.log("info", "journal: a cancel or revision found at KIS", {
        amendment: amendment.id,
        ref: ack,
      });
      report.accepted.push(amendment.id);
      accepted = true;
      break;
    }
    if (accepted) continue;
    if (now - amendment.createdAt >= settings.horizonMs) {
      const reason = `no KIS row within ${settings.horizonMs} ms of the request`;
      await context.amendments.settle(amendment.id, () => ({ status: "not_sent", reason }));
      report.notSent.push(amendment.id);
    } else {
      report.pending.push(amendment.id);
    }
  }
  return report;
}
