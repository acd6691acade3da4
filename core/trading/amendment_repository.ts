/**
 * Cancels and revisions in KV: the amendment, its idempotency-key index, its open index and the
 * claim on KIS's row once accepted, written with an audit entry in one atomic operation per change;
 * an accepted revision writes the order KIS created for the revised part in the same operation.
 * @module
 */
import { z } from "zod";
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  PREFIXES,
  retryOnConflict,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import {
  type AmendmentState,
  OPEN_AMENDMENT_STATUSES,
  type OrderAmendment,
  orderAmendmentSchema,
} from "./amendment.ts";
import type { OrderRepository } from "./order_repository.ts";
import type { BrokerRef, JournalOrder } from "./order_state.ts";

/** An amendment as read, with the versionstamp a later write checks. */
export interface StoredAmendment {
  readonly amendment: OrderAmendment;
  readonly versionstamp: string;
}

const idSchema = z.string().min(1);

/** A KIS row already settled another amendment. */
export class AckClaimedError extends Error {
  /** The amendment holding the row. */
  readonly claimedBy: string;

  /** `ack` belongs to `claimedBy` already. */
  constructor(ack: BrokerRef, claimedBy: string) {
    super(`KIS row ${ack.date} ${ack.branchNo}-${ack.orderNo} already settled ${claimedBy}`);
    this.name = "AckClaimedError";
    this.claimedBy = claimedBy;
  }
}

/** Which states may follow an open amendment: any, once; final ones never change. */
function mayMove(from: OrderAmendment, to: AmendmentState): boolean {
  if (!OPEN_AMENDMENT_STATUSES.includes(from.status)) return false;
  return to.status !== "pending" && to.status !== from.status;
}

/** Amendments of one account in the store. */
export class AmendmentRepository {
  readonly #store: Store;
  readonly #accountId: string;
  readonly #orders: OrderRepository;

  /** The amendments of `accountId` in `store`; `orders` writes a revision's new order. */
  constructor(store: Store, accountId: string, orders: OrderRepository) {
    this.#store = store;
    this.#accountId = accountId;
    this.#orders = orders;
  }

  /** The amendment `id`, or null. */
  async get(id: string): Promise<StoredAmendment | null> {
    const entry = await whileKvBusy(() => this.#store.kv.get(KEYS.amendment(this.#accountId, id)));
    if (entry.versionstamp === null) return null;
    return {
      amendment: orderAmendmentSchema.parse(entry.value),
      versionstamp: entry.versionstamp,
    };
  }

  /** The key's index entry (its versionstamp guards a create) and the amendment it points to. */
  async byKey(
    key: string,
  ): Promise<
    { readonly keyEntry: Deno.KvEntryMaybe<unknown>; readonly stored: StoredAmendment | null }
  > {
    const keyEntry = await whileKvBusy(() =>
      this.#store.kv.get(KEYS.amendmentByKey(this.#accountId, key))
    );
    if (keyEntry.versionstamp === null) return { keyEntry, stored: null };
    return { keyEntry, stored: await this.get(idSchema.parse(keyEntry.value)) };
  }

  /**
   * Writes a new pending amendment and points its key at it, if the key entry is unchanged since
   * `keyEntry` was read; false when another writer took the key first. `by`, who asked, is named
   * in the audit entry.
   */
  async create(
    amendment: OrderAmendment & { readonly status: "pending" },
    keyEntry: Deno.AtomicCheck,
    by?: string,
  ): Promise<boolean> {
    const key = KEYS.amendment(this.#accountId, amendment.id);
    const build = () => {
      const op = this.#store.kv.atomic().check(keyEntry).check({ key, versionstamp: null });
      setChecked(op, key, amendment);
      op.set(KEYS.amendmentByKey(this.#accountId, amendment.idempotencyKey), amendment.id);
      op.set(KEYS.amendmentOpen(this.#accountId, amendment.id), amendment.id);
      this.#store.audit.appendTo(op, {
        kind: "order",
        action: `${amendment.request.kind}_requested`,
        subject: amendment.orderId,
        data: {
          amendmentId: amendment.id,
          idempotencyKey: amendment.idempotencyKey,
          request: amendment.request,
          replaces: amendment.replaces,
          ...(by === undefined ? {} : { by }),
        },
      });
      return op;
    };
    return (await whileKvBusy(() => build().commit())).ok;
  }

  /**
   * Moves amendment `id` to the state `decide` returns (null leaves it), with its audit entry; an
   * accepted revision also writes `revisedOrder(ack)`, the order KIS created for the revised part.
   * Returns the amendment as stored afterwards.
   */
  settle(
    id: string,
    decide: (amendment: OrderAmendment) => AmendmentState | null,
    revisedOrder?: (ack: BrokerRef, amendment: OrderAmendment) => JournalOrder & { ref: BrokerRef },
  ): Promise<OrderAmendment> {
    return retryOnConflict(async () => {
      const stored = await this.get(id);
      if (stored === null) throw new RangeError(`no amendment ${id} in ${this.#accountId}`);
      let state = decide(stored.amendment);
      if (state === null || !mayMove(stored.amendment, state)) return stored.amendment;
      const key = KEYS.amendment(this.#accountId, id);
      const op = this.#store.kv.atomic().check({ key, versionstamp: stored.versionstamp });
      if (state.status === "accepted") {
        const { date, branchNo, orderNo } = state.ack;
        const claimKey = KEYS.amendmentByKisNo(this.#accountId, date, branchNo, orderNo);
        const claim = await whileKvBusy(() => this.#store.kv.get(claimKey));
        if (claim.versionstamp !== null && claim.value !== id) {
          throw new AckClaimedError(state.ack, idSchema.parse(claim.value));
        }
        op.check(claim).set(claimKey, id);
      }
      if (state.status === "accepted" && revisedOrder !== undefined) {
        const order = revisedOrder(state.ack, stored.amendment);
        this.#orders.addPlacedOrderTo(op, order);
        state = { ...state, revisedOrderId: order.id };
      }
      const { orderId, idempotencyKey, request, createdAt, replaces } = stored.amendment;
      const next: OrderAmendment = {
        id,
        accountId: this.#accountId,
        orderId,
        idempotencyKey,
        request,
        createdAt,
        replaces,
        updatedAt: this.#store.now(),
        ...state,
      };
      setChecked(op, key, next);
      if (!OPEN_AMENDMENT_STATUSES.includes(next.status)) {
        op.delete(KEYS.amendmentOpen(this.#accountId, id));
      }
      this.#store.audit.appendTo(op, {
        kind: "order",
        action: `${next.request.kind}_${next.status}`,
        subject: next.orderId,
        data: { amendmentId: id, from: stored.amendment.status, state },
      });
      await commitOrConflict(op, `amendment ${id}`);
      return next;
    });
  }

  /** Every amendment still pending or unknown, oldest first. */
  async open(): Promise<OrderAmendment[]> {
    const amendments: OrderAmendment[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<string> = await whileKvBusy(() =>
        listPage(
          this.#store.kv,
          {
            prefix: [...PREFIXES.orderAmendmentsOpen, this.#accountId],
          },
          idSchema,
          { limit: 500, cursor },
        )
      );
      for (const id of page.items) {
        const stored = await this.get(id);
        if (stored !== null) amendments.push(stored.amendment);
      }
      cursor = page.cursor;
    } while (cursor !== null);
    return amendments;
  }

  /** The amendment a KIS row (date, branch, number) already settled, or null. */
  async claimOf(ref: Omit<BrokerRef, "route">): Promise<string | null> {
    const entry = await whileKvBusy(() =>
      this.#store.kv.get(
        KEYS.amendmentByKisNo(this.#accountId, ref.date, ref.branchNo, ref.orderNo),
      )
    );
    return entry.versionstamp === null ? null : idSchema.parse(entry.value);
  }
}
