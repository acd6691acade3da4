/**
 * The journal's orders in KV: the order entity, its indexes (by status, by KIS order number, by
 * idempotency key), the per-day amount counter and an audit entry, written together in one atomic
 * operation per change.
 * @module
 */
import { z } from "zod";
import type { IsoDate } from "../krx/mod.ts";
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  retryOnConflict,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import { appendFill, fillBetween } from "./fills.ts";
import {
  type BrokerRef,
  type JournalOrder,
  journalOrderSchema,
  OPEN_STATUSES,
  type OrderStateChange,
  type OrderStatus,
  transition,
} from "./order_state.ts";

/** An order as read, with the versionstamp a later write checks. */
export interface StoredOrder {
  readonly order: JournalOrder;
  readonly versionstamp: string;
}

/** A broker order already recorded against another journal order. */
export class RefClaimedError extends Error {
  /** The journal order that holds the reference. */
  readonly claimedBy: string;

  /** `ref` belongs to `claimedBy` already. */
  constructor(ref: BrokerRef, claimedBy: string) {
    super(`KIS order ${ref.date} ${ref.branchNo}-${ref.orderNo} is already order ${claimedBy}`);
    this.name = "RefClaimedError";
    this.claimedBy = claimedBy;
  }
}

const orderIdSchema = z.string().min(1);

/** KV's `sum` wraps at 2^64, so adding 2^64 − 1 takes one away. */
const MINUS_ONE = (1n << 64n) - 1n;

/** The count's largest sane value; above it the count was decremented below zero. */
const MAX_SANE_COUNT = 1n << 53n;

function isOpen(status: OrderStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** What placing under an idempotency key reads first (see {@link OrderRepository.placementView}). */
export interface PlacementView {
  /** The idempotency key it was read for. */
  readonly key: string;
  /** The KST day whose counter it read. */
  readonly day: IsoDate;
  readonly keyEntry: Deno.KvEntryMaybe<unknown>;
  readonly stored: StoredOrder | null;
  readonly guardEntry: Deno.KvEntryMaybe<unknown>;
  readonly amountOnDay: number;
  readonly openCount: number;
}

/** Orders of one account in the store. */
export class OrderRepository {
  readonly #store: Store;
  readonly #accountId: string;
  readonly #onChange: (before: JournalOrder, after: JournalOrder) => void;

  /**
   * The orders of `accountId` in `store`; `onChange` hears every committed change of status or
   * fills (for metrics).
   */
  constructor(
    store: Store,
    accountId: string,
    onChange: (before: JournalOrder, after: JournalOrder) => void = () => {},
  ) {
    this.#store = store;
    this.#accountId = accountId;
    this.#onChange = onChange;
  }

  /** The order `id`, or null. */
  async get(id: string): Promise<StoredOrder | null> {
    const entry = await whileKvBusy(() => this.#store.kv.get(KEYS.order(this.#accountId, id)));
    if (entry.versionstamp === null) return null;
    return { order: journalOrderSchema.parse(entry.value), versionstamp: entry.versionstamp };
  }

  /** The idempotency-key entry (its versionstamp guards a create) and the order it points to. */
  async byIdempotencyKey(
    key: string,
  ): Promise<
    { readonly keyEntry: Deno.KvEntryMaybe<unknown>; readonly stored: StoredOrder | null }
  > {
    const keyEntry = await whileKvBusy(() =>
      this.#store.kv.get(KEYS.orderByIdempotencyKey(this.#accountId, key))
    );
    if (keyEntry.versionstamp === null) return { keyEntry, stored: null };
    return { keyEntry, stored: await this.get(orderIdSchema.parse(keyEntry.value)) };
  }

  /**
   * Everything placing under `key` reads from the store, in one read: the key's entry and the
   * order it points to (as {@link byIdempotencyKey}), the KRW written as intents on `day` (a
   * counter, never decreased), the open-order count (as {@link openCount}), and the entry at `guard` (the
   * kill switch), whose versionstamp the intent's write then checks.
   */
  async placementView(key: string, day: IsoDate, guard: Deno.KvKey): Promise<PlacementView> {
    const [keyEntry, guardEntry, amount, count] = await whileKvBusy(() =>
      this.#store.kv.getMany([
        KEYS.orderByIdempotencyKey(this.#accountId, key),
        guard,
        KEYS.orderAmountByDay(this.#accountId, day),
        KEYS.openOrderCount(this.#accountId),
      ])
    );
    const stored = keyEntry.versionstamp === null
      ? null
      : await this.get(orderIdSchema.parse(keyEntry.value));
    return {
      key,
      day,
      keyEntry,
      stored,
      guardEntry,
      amountOnDay: counterValue(amount),
      openCount: this.#openCountOf(count),
    };
  }

  /**
   * Writes a new intent, pointing its idempotency key at it, adding `amount` KRW to the day's
   * counter and auditing it, if every check in `checks` (the key entry, the kill switch) still
   * holds; false when one does not. `by`, who asked, is named in the audit entry; `alongside` adds
   * another record's changes to the same operation.
   */
  async createIntent(
    order: JournalOrder & { readonly status: "intent" },
    day: IsoDate,
    amount: number,
    checks: readonly Deno.AtomicCheck[],
    by?: string,
    alongside?: (op: Deno.AtomicOperation) => void,
  ): Promise<boolean> {
    const kv = this.#store.kv;
    const key = KEYS.order(this.#accountId, order.id);
    const build = () => {
      const op = kv.atomic().check(...checks).check({ key, versionstamp: null });
      setChecked(op, key, order);
      op.set(KEYS.orderByStatus(this.#accountId, "intent", order.id), order.id);
      op.set(KEYS.orderByIdempotencyKey(this.#accountId, order.idempotencyKey), order.id);
      op.sum(KEYS.orderAmountByDay(this.#accountId, day), BigInt(amount));
      op.sum(KEYS.openOrderCount(this.#accountId), 1n);
      this.#store.audit.appendTo(op, {
        kind: "order",
        action: "intent",
        subject: order.id,
        data: {
          idempotencyKey: order.idempotencyKey,
          request: order.request,
          replaces: order.replaces,
          ...(by === undefined ? {} : { by }),
        },
      });
      alongside?.(op);
      return op;
    };
    // a locked file wrote nothing, so the same operation is committed again
    return (await whileKvBusy(() => build().commit())).ok;
  }

  /**
   * Adds a new order KIS already acknowledged (the order a revision created) to `op`: the order,
   * its status, idempotency-key and KIS-number indexes (each checked new) and its audit entry.
   */
  addPlacedOrderTo(
    op: Deno.AtomicOperation,
    order: JournalOrder & { readonly ref: BrokerRef },
  ): void {
    const key = KEYS.order(this.#accountId, order.id);
    const keyIndex = KEYS.orderByIdempotencyKey(this.#accountId, order.idempotencyKey);
    const refKey = KEYS.orderByKisNo(
      this.#accountId,
      order.ref.date,
      order.ref.branchNo,
      order.ref.orderNo,
    );
    op.check({ key, versionstamp: null }, { key: keyIndex, versionstamp: null }, {
      key: refKey,
      versionstamp: null,
    });
    setChecked(op, key, order);
    op.set(KEYS.orderByStatus(this.#accountId, order.status, order.id), order.id);
    if (isOpen(order.status)) op.sum(KEYS.openOrderCount(this.#accountId), 1n);
    op.set(keyIndex, order.id);
    op.set(refKey, order.id);
    this.#store.audit.appendTo(op, {
      kind: "order",
      action: order.status,
      subject: order.id,
      data: { from: null, why: "created by a revision", revises: order.revises, ref: order.ref },
    });
  }

  /**
   * Applies `decide`'s change to order `id` with optimistic concurrency: read, decide, check the
   * versionstamp, write order, indexes, audit and the fill the change reveals (if its filled
   * quantity grew) at once; on a conflict, read and decide again.
   * `decide` returns null to leave the order as it is. Returns the order as stored afterwards.
   *
   * @throws {IllegalTransitionError} when the change is not allowed from the current state.
   * @throws {RefClaimedError} when the change's broker order is another order's already.
   */
  update(
    id: string,
    decide: (order: JournalOrder) => OrderStateChange | null,
    why: string,
  ): Promise<JournalOrder> {
    return retryOnConflict(async () => {
      const stored = await this.get(id);
      if (stored === null) throw new RangeError(`no order ${id} in account ${this.#accountId}`);
      const change = decide(stored.order);
      if (change === null) return stored.order;
      const next = transition(stored.order, change, this.#store.now());
      const kv = this.#store.kv;
      const key = KEYS.order(this.#accountId, id);
      const op = kv.atomic().check({ key, versionstamp: stored.versionstamp });
      setChecked(op, key, next);
      if (next.status !== stored.order.status) {
        op.delete(KEYS.orderByStatus(this.#accountId, stored.order.status, id));
        op.set(KEYS.orderByStatus(this.#accountId, next.status, id), id);
        if (isOpen(stored.order.status) !== isOpen(next.status)) {
          op.sum(KEYS.openOrderCount(this.#accountId), isOpen(next.status) ? 1n : MINUS_ONE);
        }
      }
      if ("ref" in next && !("ref" in stored.order)) {
        const refKey = KEYS.orderByKisNo(
          this.#accountId,
          next.ref.date,
          next.ref.branchNo,
          next.ref.orderNo,
        );
        const claim = await kv.get(refKey);
        if (claim.versionstamp !== null && claim.value !== id) {
          throw new RefClaimedError(next.ref, orderIdSchema.parse(claim.value));
        }
        op.check(claim).set(refKey, id);
      }
      // the fill's entry goes first, so an order's entries still end with its current state
      const fill = fillBetween(stored.order, next, next.updatedAt);
      if (fill !== null) appendFill(this.#store, op, fill);
      this.#store.audit.appendTo(op, {
        kind: "order",
        action: next.status,
        subject: id,
        data: { from: stored.order.status, why, change },
      });
      await commitOrConflict(op, `order ${id}`);
      this.#onChange(stored.order, next);
      return next;
    });
  }

  /** The journal order holding a KIS order number, or null. */
  async idOfBrokerOrder(ref: Omit<BrokerRef, "route">): Promise<string | null> {
    const entry = await whileKvBusy(() =>
      this.#store.kv.get(KEYS.orderByKisNo(this.#accountId, ref.date, ref.branchNo, ref.orderNo))
    );
    return entry.versionstamp === null ? null : orderIdSchema.parse(entry.value);
  }

  /** A page of the orders in `status`, oldest id first, through the status index. */
  async listByStatus(status: OrderStatus, request: PageRequest = {}): Promise<Page<JournalOrder>> {
    const ids = await listPage(
      this.#store.kv,
      { prefix: ["orders_by_status", this.#accountId, status] },
      orderIdSchema,
      request,
    );
    const orders: JournalOrder[] = [];
    for (let i = 0; i < ids.items.length; i += 10) {
      const keys = ids.items.slice(i, i + 10).map((id) => KEYS.order(this.#accountId, id));
      for (const entry of await whileKvBusy(() => this.#store.kv.getMany(keys))) {
        if (entry.versionstamp !== null) orders.push(journalOrderSchema.parse(entry.value));
      }
    }
    return { items: orders, cursor: ids.cursor };
  }

  /** Every order in any of `statuses` (all pages). */
  async allInStatuses(statuses: readonly OrderStatus[]): Promise<JournalOrder[]> {
    const orders: JournalOrder[] = [];
    for (const status of statuses) {
      let cursor: string | null = null;
      do {
        const page: Page<JournalOrder> = await this.listByStatus(status, { limit: 500, cursor });
        orders.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== null);
    }
    return orders;
  }

  /**
   * How many orders are open, in one read of the count the status changes keep.
   *
   * @throws {RangeError} when the count went below zero: some write moved an order out of the open
   * statuses without the count, and the risk checks must not trust it.
   */
  async openCount(): Promise<number> {
    return this.#openCountOf(
      await whileKvBusy(() => this.#store.kv.get(KEYS.openOrderCount(this.#accountId))),
    );
  }

  #openCountOf(entry: Deno.KvEntryMaybe<unknown>): number {
    if (entry.value instanceof Deno.KvU64 && entry.value.value > MAX_SANE_COUNT) {
      throw new RangeError(`the open-order count of ${this.#accountId} went below zero`);
    }
    return counterValue(entry);
  }
}

/** A KV `sum` counter's value, 0 when it was never written. */
function counterValue(entry: Deno.KvEntryMaybe<unknown>): number {
  return entry.value instanceof Deno.KvU64 ? Number(entry.value.value) : 0;
}
