/**
 * Market data from files: daily bars from CSV, with errors naming the file, line and column.
 * @module
 */
export { BAR_COLUMNS, type BarsCsvOptions, CsvError, parseBarsCsv } from "./bars_csv.ts";
export { type BarsInput, readBars, type ReadBarsOptions, type SymbolBars } from "./files.ts";
