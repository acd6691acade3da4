/**
 * The worker's live prices: a trade stream of the watched symbols (holdings and alerted symbols)
 * whose trades are written to the KV price records, at most once a second a symbol, for the
 * API's event stream in any process. The watched set is re-read periodically; a changed set opens
 * the new stream before closing the old one, as the realtime alerts do.
 * @module
 */
import type { Broker, BrokerStream } from "../broker/mod.ts";
import type { SymbolCode } from "../krx/mod.ts";
import { LivePriceRecorder } from "../live/price_recorder.ts";
import { watchedSymbols } from "../live/watched_symbols.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";

/** What the live prices need. */
export interface LivePricesOptions {
  readonly store: Store;
  readonly broker: Broker;
  /** How often the watched symbols are re-read, wall ms (default 10,000). */
  readonly reloadMs?: number;
  /** How often trades are written, wall ms (default 1,000). */
  readonly writeEveryMs?: number;
  /** The most symbols watched (default `LIVE_PRICE_MAX_SYMBOLS`). */
  readonly maxSymbols?: number;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/** Running live prices. */
export interface LivePrices {
  /** The symbols the trade stream carries now. */
  symbols(): readonly SymbolCode[];
  /** Re-reads the watched symbols and re-subscribes when they changed (also done periodically). */
  refresh(): Promise<void>;
  /** Closes the stream and writes the pending prices. */
  close(): Promise<void>;
}

/**
 * Starts watching: the first read of the watched symbols runs at once (not awaited: a broker that
 * is down is retried at the next reload), then every `reloadMs`.
 */
export function startLivePrices(options: LivePricesOptions): LivePrices {
  const { store, broker } = options;
  const log = options.log ?? defaultLog;
  const recorder = new LivePriceRecorder(store, {
    writeEveryMs: options.writeEveryMs,
    onError: (error) => log("warn", "live prices: a write failed", { error }),
  });
  let held: readonly SymbolCode[] = [];
  let subscribed: readonly SymbolCode[] = [];
  let stream: BrokerStream | null = null;
  let watching: Promise<void> = Promise.resolve();
  let closed = false;

  const watch = async (opened: BrokerStream) => {
    for await (const event of opened) if (event.type === "trade") recorder.record(event);
  };
  const subscribe = async (symbols: readonly SymbolCode[]) => {
    if (stream !== null && sameSymbols(symbols, subscribed)) return;
    const previous = { stream, watching };
    stream = null;
    subscribed = symbols;
    try {
      if (symbols.length > 0) {
        const opened = await broker.stream({ trades: symbols });
        stream = opened;
        watching = watch(opened).then(
          () => {
            if (stream === opened) stream = null; // ended without our close: re-subscribe at reload
          },
          (error) => {
            log("warn", "live prices: the trade stream failed; re-subscribing at the next reload", {
              error,
            });
            if (stream === opened) stream = null;
          },
        );
        log("info", "live prices: watching trades", { symbols });
      }
    } finally {
      // the old stream closes even when the new one could not open
      await previous.stream?.close();
      await previous.watching;
    }
  };
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () =>
    refreshing = refreshing.then(async () => {
      if (closed) return;
      const watched = await watchedSymbols(store, broker, { held, max: options.maxSymbols });
      held = watched.held;
      if (!closed) await subscribe(watched.symbols);
    }).catch((error) => {
      if (!closed) log("warn", "live prices: reload failed", { error });
    });
  refresh();
  const reloadTimer = setInterval(refresh, options.reloadMs ?? 10_000);
  return {
    symbols: () => subscribed,
    refresh,
    async close() {
      closed = true;
      clearInterval(reloadTimer);
      await refreshing;
      await stream?.close();
      await watching;
      await recorder.close();
    },
  };
}

function sameSymbols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((symbol, i) => symbol === b[i]);
}
