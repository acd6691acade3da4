/**
 * The worker's live prices: a trade stream of the watched symbols (holdings and alerted symbols)
 * whose trades are written to the KV price records, at most once a second a symbol, for the
 * API's event stream in any process. The watched set is re-read periodically and the stream follows
 * it (core/engine/reloading_trade_stream.ts).
 * @module
 */
import type { Broker } from "../broker/mod.ts";
import type { SymbolCode } from "../krx/mod.ts";
import { LivePriceRecorder } from "../live/price_recorder.ts";
import { watchedSymbols } from "../live/watched_symbols.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";
import { startReloadingTradeStream } from "./reloading_trade_stream.ts";

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
  const trades = startReloadingTradeStream({
    broker,
    read: async () => {
      const watched = await watchedSymbols(store, broker, { held, max: options.maxSymbols });
      held = watched.held;
      return watched.symbols;
    },
    watch: async (stream) => {
      for await (const event of stream) if (event.type === "trade") recorder.record(event);
    },
    reloadMs: options.reloadMs ?? 10_000,
    label: "live prices",
    log,
  });
  trades.refresh();
  return {
    symbols: trades.symbols,
    refresh: trades.refresh,
    async close() {
      await trades.close();
      await recorder.close();
    },
  };
}
