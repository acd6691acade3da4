/**
 * The browser's one connection to the API's event stream (`/api/v1/events`, with the session
 * cookie), shared by every island on the page through this module (the bundle's shared chunk),
 * and the latest price of each symbol it has streamed. The browser's `EventSource` reconnects by
 * itself; after a reconnect the stream sends every latest price again.
 * @module
 */
import { signal } from "@preact/signals";

/** A symbol's latest price as a `quote` event carries it. */
export interface LiveQuote {
  readonly symbol: string;
  readonly price: number;
  readonly change: number;
  /** When the worker wrote it, on the store's clock (epoch ms). */
  readonly at: number;
}

/** The latest quote of each symbol streamed so far (empty on the server and before the stream). */
export const liveQuotes = signal<ReadonlyMap<string, LiveQuote>>(new Map());

let source: EventSource | null = null;
let holders = 0;

function isQuote(value: unknown): value is LiveQuote {
  const quote = value as Partial<LiveQuote> | null;
  return typeof quote?.symbol === "string" && Number.isInteger(quote.price) &&
    (quote.price ?? 0) > 0 && Number.isInteger(quote.at) && Number.isInteger(quote.change);
}

function onQuote(message: MessageEvent<string>): void {
  let quote: unknown;
  try {
    quote = JSON.parse(message.data);
  } catch {
    return;
  }
  if (!isQuote(quote)) return;
  const known = liveQuotes.value.get(quote.symbol);
  if (known && known.at > quote.at) return;
  liveQuotes.value = new Map(liveQuotes.value).set(quote.symbol, quote);
}

/**
 * The page's event stream, opened by the first island that asks; call the returned `release`
 * when done (the last one closes it).
 */
export function openLiveEvents(): { readonly source: EventSource; release(): void } {
  if (source === null) {
    source = new EventSource("/api/v1/events");
    source.addEventListener("quote", onQuote);
  }
  holders++;
  const opened = source;
  let released = false;
  return {
    source: opened,
    release() {
      if (released) return;
      released = true;
      holders--;
      if (holders === 0 && source === opened) {
        opened.close();
        source = null;
      }
    },
  };
}
