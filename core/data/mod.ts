/**
 * Market data: daily bars from CSV files, with errors naming the file, line and column, and from
 * the broker, cached in KV for backtests.
 * @module
 */
export { BAR_COLUMNS, type BarsCsvOptions, CsvError, parseBarsCsv } from "./bars_csv.ts";
export { type BarsInput, readBars, type ReadBarsOptions, type SymbolBars } from "./files.ts";
export {
  BAR_CHUNK_SIZE,
  type BarCacheHead,
  type BarChunk,
  type BarRow,
  CachedBrokerBars,
  type CachedBrokerBarsOptions,
  type DailyBarSource,
  DEFAULT_BAR_CACHE_TTL_MS,
} from "./broker_bars.ts";
