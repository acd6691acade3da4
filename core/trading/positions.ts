/**
 * The positions snapshot of an account: what the broker's balance says each holding is (quantity,
 * average cost), stored per symbol with the time of the sync. The broker's balance is the truth;
 * a sync first reconciles the journal, so every fill the broker's daily orders show by then is
 * recorded before the balance is read, and the snapshot is never older than the recorded fills.
 * @module
 */
import { z } from "zod";
import type { Balance, Broker } from "../broker/mod.ts";
import { isSymbolCode, type SymbolCode } from "../krx/mod.ts";
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  retryOnConflict,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";

/** One holding of an account as of its last sync. */
export interface Position {
  readonly accountId: string;
  readonly symbol: SymbolCode;
  readonly name: string;
  readonly quantity: number;
  /** Shares not under a sell order. */
  readonly orderableQuantity: number;
  /** Average purchase price per share as the broker reports it (may be fractional). */
  readonly averagePrice: number;
  /** Integer KRW paid for the shares held. */
  readonly purchaseAmount: number;
  /** Last price at the sync, integer KRW. */
  readonly price: number;
  /** When the broker's balance was read, epoch ms. */
  readonly syncedAt: number;
}

/** The schema positions are read back with. */
export const positionSchema: z.ZodType<Position> = z.object({
  accountId: z.string().min(1),
  symbol: z.string().refine(isSymbolCode).transform((s) => s as SymbolCode),
  name: z.string(),
  quantity: z.int().positive(),
  orderableQuantity: z.int().nonnegative(),
  averagePrice: z.number().nonnegative(),
  purchaseAmount: z.int().nonnegative(),
  price: z.int().nonnegative(),
  syncedAt: z.int(),
});

/** What a positions sync changed, by symbol. */
export interface PositionsSync {
  readonly positions: readonly Position[];
  /** Symbols whose snapshot was removed because the broker no longer shows them. */
  readonly closed: readonly SymbolCode[];
}

/** Positions written per atomic operation: well inside KV's limits on mutations and total size. */
const MAX_MUTATIONS = 100;

/**
 * Replaces the account's positions with the broker's balance: every holding is written, every
 * symbol no longer held is removed. The caller reconciles the journal first (see
 * `OrderJournal.syncPositions`), so the recorded fills are not older than the snapshot.
 */
export async function syncPositions(
  store: Store,
  broker: Broker,
  accountId: string,
  onBalance: (balance: Balance) => void = () => {},
): Promise<PositionsSync> {
  const balance = await broker.getBalance();
  onBalance(balance);
  const syncedAt = store.now();
  const positions: Position[] = balance.holdings.filter((h) => h.quantity > 0).map((h) => ({
    accountId,
    symbol: h.symbol,
    name: h.name,
    quantity: h.quantity,
    orderableQuantity: h.orderableQuantity,
    averagePrice: h.averagePrice,
    purchaseAmount: Math.round(h.purchaseAmount),
    price: Math.round(h.price),
    syncedAt,
  }));
  const held = new Set<string>(positions.map((p) => p.symbol));
  const closed = (await allPositions(store, accountId)).map((p) => p.symbol)
    .filter((symbol) => !held.has(symbol));
  const writes: Array<(op: Deno.AtomicOperation) => void> = [
    ...positions.map((p) => (op: Deno.AtomicOperation) =>
      setChecked(op, KEYS.position(accountId, p.symbol), p)
    ),
    ...closed.map((symbol) => (op: Deno.AtomicOperation) =>
      op.delete(KEYS.position(accountId, symbol))
    ),
  ];
  for (let i = 0; i < writes.length; i += MAX_MUTATIONS) {
    const chunk = writes.slice(i, i + MAX_MUTATIONS);
    await retryOnConflict(() => {
      const op = store.kv.atomic();
      for (const write of chunk) write(op);
      return commitOrConflict(op, `positions of ${accountId}`);
    });
  }
  return { positions, closed };
}

/** A page of an account's positions, by symbol. */
export function listPositions(
  store: Store,
  accountId: string,
  request: PageRequest = {},
): Promise<Page<Position>> {
  return whileKvBusy(() =>
    listPage(store.kv, { prefix: [...PREFIXES.positions, accountId] }, positionSchema, request)
  );
}

/** The position of `symbol`, or null when the last sync showed none. */
export async function getPosition(
  store: Store,
  accountId: string,
  symbol: SymbolCode,
): Promise<Position | null> {
  const entry = await whileKvBusy(() => store.kv.get(KEYS.position(accountId, symbol)));
  return entry.versionstamp === null ? null : positionSchema.parse(entry.value);
}

async function allPositions(store: Store, accountId: string): Promise<Position[]> {
  const all: Position[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Position> = await listPositions(store, accountId, { limit: 1000, cursor });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return all;
}
