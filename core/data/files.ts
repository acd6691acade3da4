/**
 * Reads bars CSVs from disk: one file, or a folder of `<code>.csv` files read as one portfolio.
 * The I/O edge around the pure `parseBarsCsv`, shared by the CLI, the API and notebooks.
 * @module
 */
import { basename, join } from "node:path";
import { parseSymbolCode } from "../krx/mod.ts";
import type { Bars } from "../strategies/mod.ts";
import { type BarsCsvOptions, CsvError, parseBarsCsv } from "./bars_csv.ts";

/** One symbol's bars, named after its file. */
export interface SymbolBars {
  readonly symbol: string;
  readonly bars: Bars;
}

/** What was read from a path: a single file, or every `<code>.csv` of a folder by symbol. */
export interface BarsInput {
  readonly folder: boolean;
  readonly series: readonly SymbolBars[];
}

/** Reading options: everything `parseBarsCsv` takes except the source, which is the file's path. */
export type ReadBarsOptions = Omit<BarsCsvOptions, "source">;

/**
 * Reads `path`: a CSV file (its symbol is the file name without `.csv`), or a folder whose
 * `<code>.csv` files are read in code order. Errors are `CsvError`s naming the path as given.
 * @example
 * ```ts
 * const { series } = await readBars("/data/005930.csv");
 * ```
 */
export async function readBars(path: string, options: ReadBarsOptions = {}): Promise<BarsInput> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    throw new CsvError(path, `cannot read: ${reasonOf(error)}`);
  }
  if (!info.isDirectory) {
    const symbol = basename(path).replace(/\.csv$/i, "");
    return { folder: false, series: [{ symbol, bars: await readFile(path, options) }] };
  }
  const files: { symbol: string; file: string }[] = [];
  for await (const entry of Deno.readDir(path)) {
    if (!entry.isFile || !entry.name.toLowerCase().endsWith(".csv")) continue;
    const file = join(path, entry.name);
    try {
      files.push({ symbol: parseSymbolCode(entry.name.slice(0, -4)), file });
    } catch {
      throw new CsvError(file, "the file name must be a symbol code like 005930.csv");
    }
  }
  if (files.length === 0) throw new CsvError(path, "no <code>.csv files in this folder");
  files.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  const series = [];
  for (const { symbol, file } of files) {
    series.push({ symbol, bars: await readFile(file, options) });
  }
  return { folder: true, series };
}

async function readFile(file: string, options: ReadBarsOptions): Promise<Bars> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (error) {
    throw new CsvError(file, `cannot read: ${reasonOf(error)}`);
  }
  return parseBarsCsv(text, { ...options, source: file });
}

function reasonOf(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file or folder";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.NotCapable) return "outside what this process may read";
  return error instanceof Error ? error.message : String(error);
}
