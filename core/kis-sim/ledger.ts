import type { IsoDate } from "../krx/mod.ts";
import { PREFIXES } from "../store/keys.ts";
import type { SimExchange } from "./exchange.ts";
import type { LedgerState } from "./exchange_types.ts";
import {
  accountFromRecord,
  accountRecord,
  accountToRecord,
  fillRecord,
  metaRecord,
  orderFromRecord,
  orderRecord,
  orderToRecord,
} from "./ledger_records.ts";

const PREFIX = PREFIXES.kisSim[0];
const META_KEY: Deno.KvKey = [PREFIX, "meta"];
const accountKey = (id: string): Deno.KvKey => [PREFIX, "accounts", id];
const orderKey = (odno: string): Deno.KvKey => [PREFIX, "orders", odno];
const fillKey = (odno: string, index: number): Deno.KvKey => [PREFIX, "fills", odno, index];

/** A ledger that cannot be written: another simulator wrote it, or a write failed. */
export class LedgerWriteError extends Error {
  /** Why the ledger stopped. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "LedgerWriteError";
  }
}

type Mutation = { key: Deno.KvKey; value: unknown };

/**
 * The simulator's accounts, journal and fills in Deno KV under `["kis_sim", …]`. Each
 * {@link SimLedger.write} commits what changed since the last one in one atomic operation, in
 * call order. A failed write stops the ledger (every later write rejects with the same
 * {@link LedgerWriteError}): memory is then ahead of the file, and a restart from the file is the
 * only honest state. A second simulator writing the same ledger is caught by the head's
 * versionstamp and stops the one that loses.
 */
export class SimLedger {
  readonly #kv: Deno.Kv;
  readonly #exchange: SimExchange;
  /** How many fills of each order are in the file. */
  readonly #storedFills = new Map<string, number>();
  #head: string | null;
  #written: { nextOdno: number; date: string };
  #tail: Promise<void> = Promise.resolve();
  #failure: LedgerWriteError | null = null;

  private constructor(kv: Deno.Kv, exchange: SimExchange, head: string | null) {
    this.#kv = kv;
    this.#exchange = exchange;
    this.#head = head;
    this.#written = { nextOdno: 0, date: "" };
  }

  /**
   * Opens the ledger of `exchange` in `kv`: restores the exchange from it when one is stored
   * (see {@link SimExchange.restore} for open orders across a day), then writes the state.
   */
  static async open(kv: Deno.Kv, exchange: SimExchange): Promise<SimLedger> {
    const stored = await load(kv, exchange);
    const ledger = new SimLedger(kv, exchange, stored?.head ?? null);
    if (stored) {
      exchange.restore(stored.state);
      for (const order of stored.state.orders) {
        ledger.#storedFills.set(order.odno, order.fills.length);
      }
    }
    await ledger.write();
    return ledger;
  }

  /** Commits what changed in the exchange since the last write; resolves once it is durable. */
  write(): Promise<void> {
    const mutations = this.#mutations(this.#exchange.takeChanges());
    const run = this.#tail.then(() => this.#commit(mutations));
    this.#tail = run.catch(() => {});
    return run;
  }

  #mutations(changes: LedgerState): Mutation[] {
    const mutations: Mutation[] = [];
    for (const order of changes.orders) {
      const stored = this.#storedFills.get(order.odno) ?? 0;
      order.fills.slice(stored).forEach((fill, i) => {
        mutations.push({
          key: fillKey(order.odno, stored + i),
          value: { qty: fill.qty, price: fill.price, at: fill.at.getTime() },
        });
      });
      this.#storedFills.set(order.odno, order.fills.length);
      mutations.push({ key: orderKey(order.odno), value: orderToRecord(order) });
    }
    for (const account of changes.accounts) {
      mutations.push({ key: accountKey(account.id), value: accountToRecord(account) });
    }
    const head = { nextOdno: changes.nextOdno, date: changes.date };
    const moved = head.nextOdno !== this.#written.nextOdno || head.date !== this.#written.date;
    if (mutations.length === 0 && !moved) return mutations;
    // every commit writes the head, so its versionstamp is the ledger's and guards the next one
    this.#written = head;
    mutations.push({ key: META_KEY, value: head });
    return mutations;
  }

  async #commit(mutations: Mutation[]): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (mutations.length === 0) return;
    const op = this.#kv.atomic().check({ key: META_KEY, versionstamp: this.#head });
    for (const { key, value } of mutations) op.set(key, value);
    try {
      const result = await op.commit();
      if (!result.ok) {
        throw new LedgerWriteError("another simulator has written this ledger since it was read");
      }
      this.#head = result.versionstamp;
    } catch (error) {
      this.#failure = error instanceof LedgerWriteError
        ? error
        : new LedgerWriteError(`the simulator's ledger could not be written: ${error}`, {
          cause: error,
        });
      throw this.#failure;
    }
  }
}

/**
 * The trading day the ledger in `kv` was last written on, or `null` when none is stored: a demo
 * clock restarted on an earlier day would be refused by the ledger, so it resumes from this one.
 */
export async function storedLedgerDate(kv: Deno.Kv): Promise<IsoDate | null> {
  const meta = await kv.get(META_KEY);
  return meta.versionstamp === null ? null : metaRecord.parse(meta.value).date as IsoDate;
}

/** The stored ledger, parsed, with the head's versionstamp; `null` when none is stored. */
async function load(
  kv: Deno.Kv,
  exchange: SimExchange,
): Promise<{ state: LedgerState; head: string } | null> {
  const meta = await kv.get(META_KEY);
  if (meta.versionstamp === null) return null;
  const head = metaRecord.parse(meta.value);
  const accounts = [];
  for await (const entry of kv.list({ prefix: [PREFIX, "accounts"] })) {
    accounts.push(accountFromRecord(accountRecord.parse(entry.value)));
  }
  const fills = new Map<string, ReturnType<typeof fillRecord.parse>[]>();
  for await (const entry of kv.list({ prefix: [PREFIX, "fills"] })) {
    const odno = String(entry.key[2]);
    const list = fills.get(odno) ?? [];
    list[Number(entry.key[3])] = fillRecord.parse(entry.value);
    fills.set(odno, list);
  }
  const orders = [];
  for await (const entry of kv.list({ prefix: [PREFIX, "orders"] })) {
    const record = orderRecord.parse(entry.value);
    const own = fills.get(record.odno) ?? [];
    if (own.some((f) => f === undefined)) {
      throw new RangeError(`the ledger's order ${record.odno} misses one of its fills`);
    }
    orders.push(orderFromRecord(record, own, exchange.market));
  }
  orders.sort((a, b) =>
    a.orderedAt.getTime() - b.orderedAt.getTime() || a.odno.localeCompare(b.odno)
  );
  return { state: { ...head, accounts, orders }, head: meta.versionstamp };
}
