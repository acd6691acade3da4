/**
 * Throttles trades into the KV price records: each trade replaces its symbol's pending price, and
 * every `writeEveryMs` the pending prices are written in one operation, so a symbol's record is
 * written at most once per interval however fast it trades, and the last trade of a burst is
 * written too.
 * @module
 */
import type { TradeTick } from "../broker/mod.ts";
import type { Store } from "../store/mod.ts";
import { type LivePrice, writeLivePrices } from "./price_record.ts";

/** How often the pending prices are written by default (ms): at most one write a second a symbol. */
export const LIVE_PRICE_WRITE_MS = 1_000;

/** Collects trades and writes the latest of each symbol on a timer. */
export class LivePriceRecorder {
  readonly #store: Store;
  readonly #pending = new Map<string, LivePrice>();
  readonly #timer: ReturnType<typeof setInterval>;
  #writing: Promise<void> = Promise.resolve();
  readonly #onError: (error: unknown) => void;

  /** A recorder writing to `store` every `writeEveryMs`; a failed write goes to `onError`. */
  constructor(
    store: Store,
    options: { readonly writeEveryMs?: number; readonly onError: (error: unknown) => void },
  ) {
    this.#store = store;
    this.#onError = options.onError;
    this.#timer = setInterval(() => this.flush(), options.writeEveryMs ?? LIVE_PRICE_WRITE_MS);
  }

  /** Keeps `trade` as its symbol's pending price. */
  record(trade: TradeTick): void {
    this.#pending.set(trade.symbol, {
      symbol: trade.symbol,
      price: trade.price,
      change: trade.change,
      at: this.#store.now(),
    });
  }

  /** Writes the pending prices now (one write after another, never two at once). */
  flush(): Promise<void> {
    if (this.#pending.size === 0) return this.#writing;
    const prices = [...this.#pending.values()];
    this.#pending.clear();
    this.#writing = this.#writing.then(() => writeLivePrices(this.#store.kv, prices)).catch(
      this.#onError,
    );
    return this.#writing;
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
