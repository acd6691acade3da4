/**
 * The `quote` events of `GET /events`: each watched symbol's latest price from the KV records the
 * worker writes (core/live/price_record.ts), so every web process streams them. The first poll
 * sends every record, later polls the ones that changed. Quotes carry no event id: a client that
 * misses one loses nothing, since the next (or a reconnect's first poll) carries the latest price.
 * @module
 */
import { type LivePrice, readLivePrices } from "../live/price_record.ts";
import type { Store } from "../store/mod.ts";
import type { FeedEvent } from "./event_feed.ts";

/** A feed of the latest prices in `store`. */
export class QuoteFeed {
  readonly #store: Store;
  /** What was sent of each symbol: its time and price. */
  readonly #sent = new Map<string, string>();

  /** A feed of the prices in `store`. */
  constructor(store: Store) {
    this.#store = store;
  }

  /** The `quote` events since the last poll, by symbol. */
  async poll(): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    for (const price of await readLivePrices(this.#store.kv)) {
      const seen = `${price.at}:${price.price}`;
      if (this.#sent.get(price.symbol) === seen) continue;
      this.#sent.set(price.symbol, seen);
      events.push({ event: "quote", data: price satisfies LivePrice });
    }
    return events;
  }
}
