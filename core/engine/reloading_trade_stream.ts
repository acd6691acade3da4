/**
 * A trade stream that follows a changing set of symbols, for the worker's realtime alerts and live
 * prices. The set is re-read periodically; a changed set opens the new stream before the old one
 * closes, so no trade falls in between, and a new stream that fails to open leaves the old one in
 * use until a later reload opens one.
 * @module
 */
import type { Broker, BrokerStream } from "../broker/mod.ts";
import type { SymbolCode } from "../krx/mod.ts";
import type { LogFields, LogLevel } from "../obs/log.ts";

/** What a reloading trade stream needs. */
export interface ReloadingTradeStreamOptions {
  readonly broker: Broker;
  /** The symbols to watch now; called at each reload, never two at once. */
  readonly read: () => Promise<readonly SymbolCode[]>;
  /** Reads one opened stream until it ends. */
  readonly watch: (stream: BrokerStream) => Promise<void>;
  /** How often `read` is called, wall ms. */
  readonly reloadMs: number;
  /** What its log lines begin with (`alerts`, `live prices`). */
  readonly label: string;
  readonly log: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/** A running reloading trade stream. */
export interface ReloadingTradeStream {
  /** The symbols the open stream carries (none when no stream is open). */
  symbols(): readonly SymbolCode[];
  /** Re-reads the symbols and switches streams when they changed (also done periodically). */
  refresh(): Promise<void>;
  /** Stops reloading, closes the stream and waits for its watch to end. */
  close(): Promise<void>;
}

interface OpenStream {
  readonly stream: BrokerStream;
  readonly symbols: readonly SymbolCode[];
  readonly watching: Promise<void>;
}

/** Starts reloading every `reloadMs`; the first read waits for a `refresh()` or the first reload. */
export function startReloadingTradeStream(
  options: ReloadingTradeStreamOptions,
): ReloadingTradeStream {
  const { broker, label, log } = options;
  let current: OpenStream | null = null;
  let closed = false;

  const watch = (stream: BrokerStream, symbols: readonly SymbolCode[]): OpenStream => {
    const opened: OpenStream = {
      stream,
      symbols,
      watching: options.watch(stream).then(
        () => {
          if (current === opened) current = null; // ended without our close: reopened at reload
        },
        (error) => {
          log("warn", `${label}: the trade stream failed; re-subscribing at the next reload`, {
            error,
          });
          if (current === opened) current = null;
        },
      ),
    };
    log("info", `${label}: watching trades`, { symbols });
    return opened;
  };
  const switchTo = async (symbols: readonly SymbolCode[]) => {
    if (sameSymbols(symbols, current?.symbols ?? [])) return;
    let stream: BrokerStream | null = null;
    if (symbols.length > 0) {
      try {
        stream = await broker.stream({ trades: symbols });
      } catch (error) {
        log("warn", `${label}: the new trade stream did not open; retrying at the next reload`, {
          symbols,
          kept: current?.symbols ?? [],
          error,
        });
        return;
      }
    }
    const previous = current;
    current = stream && watch(stream, symbols);
    await previous?.stream.close();
    await previous?.watching;
  };
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = () =>
    refreshing = refreshing.then(async () => {
      if (closed) return;
      const symbols = await options.read();
      if (!closed) await switchTo(symbols);
    }).catch((error) => {
      if (!closed) log("warn", `${label}: reload failed`, { error });
    });
  const reloadTimer = setInterval(refresh, options.reloadMs);
  return {
    symbols: () => current?.symbols ?? [],
    refresh,
    async close() {
      closed = true;
      clearInterval(reloadTimer);
      await refreshing;
      const last = current;
      current = null;
      await last?.stream.close();
      await last?.watching;
    },
  };
}

function sameSymbols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((symbol, i) => symbol === b[i]);
}
