/**
 * Daily bars from the broker for backtests, kept in KV for a while: a lab that runs the same symbol
 * and dates again and again asks the broker once per symbol and day range. Each fetch is one head
 * and chunks of at most {@link BAR_CHUNK_SIZE} bars as columns, every key with the same
 * `expireIn`, so no value nears KV's 64 KiB limit and the cache empties itself.
 * @module
 */
import { z } from "zod";
import type { Broker } from "../broker/types.ts";
import type { IsoDate, SymbolCode } from "../krx/mod.ts";
import { assertValueFits, KEYS, whileKvBusy } from "../store/mod.ts";

/** One daily bar as a backtest reads it (the CSV columns). */
export interface BarRow {
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Where a backtest's bars for one symbol come from when the request names only the symbol. */
export interface DailyBarSource {
  /** The symbol's daily bars from `from` to `to` inclusive, oldest first. */
  bars(symbol: SymbolCode, range: { from: IsoDate; to: IsoDate }): Promise<BarRow[]>;
}

/** Bars per chunk: about 45 bytes each serialised, so a chunk stays near 36 KB. */
export const BAR_CHUNK_SIZE = 800;

/** How long a cached fetch is kept by default: one hour, so today's bar is soon seen again. */
export const DEFAULT_BAR_CACHE_TTL_MS = 60 * 60 * 1000;

/** The head of a cached fetch: when it was fetched and how many chunks follow. */
const headSchema = z.object({ fetchedAt: z.number(), chunks: z.int().min(0), count: z.int() });

/** What `["bar_cache", symbol, from, to]` holds. */
export type BarCacheHead = z.infer<typeof headSchema>;

const chunkSchema = z.object({
  date: z.array(z.string()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

/** What `["bar_cache", symbol, from, to, index]` holds: bars as columns. */
export type BarChunk = z.infer<typeof chunkSchema>;

/** Settings of a {@link CachedBrokerBars}. */
export interface CachedBrokerBarsOptions {
  readonly broker: Pick<Broker, "getDailyBars">;
  /** The store's KV; without one every call asks the broker. */
  readonly kv?: Deno.Kv;
  /** How long a fetch is kept (default {@link DEFAULT_BAR_CACHE_TTL_MS}). */
  readonly ttlMs?: number;
  /** Epoch-ms clock (default `Date.now`). */
  readonly now?: () => number;
}

/** The broker's daily bars, cached in KV per symbol and day range for `ttlMs`. */
export class CachedBrokerBars implements DailyBarSource {
  readonly #options: CachedBrokerBarsOptions;

  /** Creates the source; nothing is read until the first call. */
  constructor(options: CachedBrokerBarsOptions) {
    this.#options = options;
  }

  /** {@inheritDoc DailyBarSource.bars} */
  async bars(symbol: SymbolCode, range: { from: IsoDate; to: IsoDate }): Promise<BarRow[]> {
    const kv = this.#options.kv;
    if (kv !== undefined) {
      const cached = await this.#read(kv, symbol, range);
      if (cached !== null) return cached;
    }
    const fetched = (await this.#options.broker.getDailyBars(symbol, range)).map((bar) => ({
      date: bar.date,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
    }));
    if (kv !== undefined) await this.#write(kv, symbol, range, fetched);
    return fetched;
  }

  async #read(
    kv: Deno.Kv,
    symbol: SymbolCode,
    { from, to }: { from: IsoDate; to: IsoDate },
  ): Promise<BarRow[] | null> {
    const head = await whileKvBusy(() => kv.get(KEYS.barCache(symbol, from, to)));
    const parsed = headSchema.safeParse(head.value);
    if (!parsed.success) return null;
    // KV removes expired entries lazily; the head's own age decides
    if ((this.#options.now ?? Date.now)() - parsed.data.fetchedAt >= this.#ttlMs()) return null;
    const keys = Array.from(
      { length: parsed.data.chunks },
      (_, i) => KEYS.barCacheChunk(symbol, from, to, i),
    );
    const rows: BarRow[] = [];
    for (let i = 0; i < keys.length; i += 10) {
      const entries = await whileKvBusy(() => kv.getMany(keys.slice(i, i + 10)));
      for (const entry of entries) {
        const chunk = chunkSchema.safeParse(entry.value);
        // a chunk expired before its head: fetch again rather than answer part of the range
        if (!chunk.success) return null;
        rows.push(...rowsOf(chunk.data));
      }
    }
    return rows.length === parsed.data.count ? rows : null;
  }

  async #write(
    kv: Deno.Kv,
    symbol: SymbolCode,
    { from, to }: { from: IsoDate; to: IsoDate },
    rows: readonly BarRow[],
  ): Promise<void> {
    const expireIn = this.#ttlMs();
    const now = this.#options.now ?? Date.now;
    const chunks = Math.ceil(rows.length / BAR_CHUNK_SIZE);
    const head: BarCacheHead = { fetchedAt: now(), chunks, count: rows.length };
    // Chunks first and the head last, each its own write (KV bounds an atomic operation's size,
    // and forty years are thirteen chunks), so a reader never finds a head without its chunks;
    // the chunks outlive the head by a minute for the same reason.
    for (let i = 0; i < chunks; i++) {
      const key = KEYS.barCacheChunk(symbol, from, to, i);
      const value = chunkOf(rows.slice(i * BAR_CHUNK_SIZE, (i + 1) * BAR_CHUNK_SIZE));
      assertValueFits(key, value);
      await whileKvBusy(() => kv.set(key, value, { expireIn: expireIn + 60_000 }));
    }
    const key = KEYS.barCache(symbol, from, to);
    await whileKvBusy(() => kv.set(key, head, { expireIn }));
  }

  #ttlMs(): number {
    return this.#options.ttlMs ?? DEFAULT_BAR_CACHE_TTL_MS;
  }
}

function chunkOf(rows: readonly BarRow[]): BarChunk {
  return {
    date: rows.map((r) => r.date),
    open: rows.map((r) => r.open),
    high: rows.map((r) => r.high),
    low: rows.map((r) => r.low),
    close: rows.map((r) => r.close),
    volume: rows.map((r) => r.volume),
  };
}

function rowsOf(chunk: BarChunk): BarRow[] {
  return chunk.date.map((date, i) => ({
    date,
    open: chunk.open[i]!,
    high: chunk.high[i]!,
    low: chunk.low[i]!,
    close: chunk.close[i]!,
    volume: chunk.volume[i]!,
  }));
}
