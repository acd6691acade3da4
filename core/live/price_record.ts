/**
 * The latest traded price of each watched symbol, kept in KV so that every process sharing the
 * store can stream it: the worker holding the broker's trade stream writes it (throttled, see
 * `price_recorder.ts`) and the API's event stream reads it. One record a symbol, the latest wins,
 * and records expire a while after their symbol stops trading or being watched.
 * @module
 */
import { z } from "zod";
import { KEYS, PREFIXES } from "../store/mod.ts";

/** One symbol's latest trade: price and change from the previous close in KRW, `at` epoch ms. */
export const livePriceSchema = z.object({
  symbol: z.string().regex(/^[0-9A-Z]{6}$/),
  price: z.int().positive(),
  change: z.int(),
  /** When it was written, on the store's clock (simulated in the demo). */
  at: z.int(),
});

/** One symbol's latest trade. */
export type LivePrice = z.infer<typeof livePriceSchema>;

/** How long a record outlives its last write (ms): the price is gone a while after trading stops. */
export const LIVE_PRICE_TTL_MS = 6 * 60 * 60 * 1000;

/** The most records a reader takes: the watched set is bounded well below this. */
export const LIVE_PRICE_READ_LIMIT = 100;

/** Writes `prices` in one atomic operation, each replacing its symbol's record. */
export async function writeLivePrices(kv: Deno.Kv, prices: readonly LivePrice[]): Promise<void> {
  if (prices.length === 0) return;
  const op = kv.atomic();
  for (const price of prices) {
    op.set(KEYS.livePrice(price.symbol), livePriceSchema.parse(price), {
      expireIn: LIVE_PRICE_TTL_MS,
    });
  }
  await op.commit();
}

/** Every symbol's latest price, by symbol (at most {@link LIVE_PRICE_READ_LIMIT}); a record that does not parse is skipped. */
export async function readLivePrices(kv: Deno.Kv): Promise<LivePrice[]> {
  const prices: LivePrice[] = [];
  const entries = kv.list({ prefix: PREFIXES.livePrices }, { limit: LIVE_PRICE_READ_LIMIT });
  for await (const entry of entries) {
    const parsed = livePriceSchema.safeParse(entry.value);
    if (parsed.success) prices.push(parsed.data);
  }
  return prices;
}
