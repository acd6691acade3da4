// deno-lint-ignore-file no-console
/**
 * `deno task backtest`: backtests a strategy on daily bars from CSV files and prints a summary
 * table or JSON. Bad input exits with code 2 and a message naming the line or parameter.
 *
 * @example
 * deno task backtest --strategy ma-cross --param fast=5 --param slow=20 --csv bars.csv --json
 * @module
 */
import { basename, join } from "node:path";
import {
  type BacktestOptions,
  backtestOptionsSchema,
  type Metrics,
  type PortfolioSettings,
  runBacktest,
  runPortfolio,
  type Trade,
} from "../core/backtest/mod.ts";
import { type IsoDate, parseIsoDate, parseSymbolCode } from "../core/krx/mod.ts";
import {
  type Bars,
  BarsError,
  createBars,
  getStrategy,
  parseStrategyParams,
} from "../core/strategies/mod.ts";

const USAGE = `usage: deno task backtest --csv <file.csv | folder> [options]

  --strategy <id>        ma-cross (default), rsi, bollinger, composite
  --param <name=value>   strategy parameter, repeatable (JSON values allowed)
  --cash <KRW>           starting cash (default 10000000)
  --fee <fraction>       commission per side (default 0.00015)
  --tax <fraction>       sell tax, overriding the rate in force on each fill's date
  --slippage <n>t|<p>%   slippage in ticks (e.g. 1t) or percent (e.g. 0.1%)
  --fill open|close      fill at the next open (default) or the signal bar's close
  --market <name>        KOSPI (default), KOSDAQ, KONEX
  --from / --to <date>   keep bars in this date range (YYYY-MM-DD or YYYYMMDD)
  --rebalance <n>        portfolio folders: rebalance to equal weights every n dates
  --json                 print JSON instead of a table`;

/** Bad command-line input; reported with exit code 2. */
class UsageError extends Error {}

interface Args {
  readonly flags: Map<string, string>;
  readonly params: string[];
  readonly json: boolean;
}

const VALUE_FLAGS = new Set([
  "strategy",
  "csv",
  "cash",
  "fee",
  "tax",
  "slippage",
  "fill",
  "market",
  "from",
  "to",
  "rebalance",
]);

function parseArgs(argv: readonly string[]): Args {
  const flags = new Map<string, string>();
  const params: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (name === "json") {
      json = true;
      continue;
    }
    if (name !== "param" && !VALUE_FLAGS.has(name)) {
      throw new UsageError(`unknown option --${name}`);
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === "param") params.push(value);
    else flags.set(name, value);
  }
  return { flags, params, json };
}

function parseParams(params: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param "${param}" must look like name=value`);
    const text = param.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // A bare word such as `upper` is a string value.
    }
    raw[param.slice(0, eq)] = value;
  }
  return raw;
}

function parseNumberFlag(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number (got "${text}")`);
  }
  return value;
}

function parseSlippage(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const ticks = /^(\d+)\s*t(icks?)?$/i.exec(text);
  if (ticks) return { kind: "ticks", ticks: Number(ticks[1]) };
  const percent = /^(\d+(\.\d+)?)\s*%$/.exec(text);
  if (percent) return { kind: "fraction", fraction: Number(percent[1]) / 100 };
  throw new UsageError(
    `--slippage must be ticks like 2t or a percentage like 0.1% (got "${text}")`,
  );
}

const OPTION_FLAGS: Record<string, string> = {
  cash: "--cash",
  feeRate: "--fee",
  taxRate: "--tax",
  slippage: "--slippage",
  fill: "--fill",
  market: "--market",
};

function parseOptions(flags: Map<string, string>): BacktestOptions {
  const result = backtestOptionsSchema.safeParse({
    cash: parseNumberFlag(flags, "cash"),
    feeRate: parseNumberFlag(flags, "fee"),
    taxRate: parseNumberFlag(flags, "tax"),
    slippage: parseSlippage(flags.get("slippage")),
    fill: flags.get("fill"),
    market: flags.get("market"),
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const flag = OPTION_FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
    return `${flag}: ${issue.message}`;
  });
  throw new UsageError(problems.join("; "));
}

const COLUMNS = ["date", "open", "high", "low", "close", "volume"] as const;

/** Parses one CSV of daily bars; errors name the file and line. */
export function parseBarsCsv(text: string, file: string, from?: IsoDate, to?: IsoDate): Bars {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== "");
  if (headerAt === -1) throw new UsageError(`${file}: empty file`);
  const header = (lines[headerAt] as string).split(",").map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new UsageError(`${file} line ${headerAt + 1}: missing column(s) ${missing.join(", ")}`);
  }
  const at = COLUMNS.map((c) => header.indexOf(c));
  const rows: { line: number; date: IsoDate; values: number[] }[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === "") continue;
    const cells = line.split(",").map((c) => c.trim());
    const where = `${file} line ${i + 1}`;
    let date: IsoDate;
    try {
      date = parseIsoDate(cells[at[0] as number] ?? "");
    } catch (error) {
      throw new UsageError(`${where}: ${(error as Error).message}`);
    }
    const values = COLUMNS.slice(1).map((column, k) => {
      const cell = cells[at[k + 1] as number] ?? "";
      const value = Number(cell);
      if (cell === "" || !Number.isFinite(value)) {
        throw new UsageError(`${where}: ${column} must be a number (got "${cell}")`);
      }
      return value;
    });
    rows.push({ line: i + 1, date, values });
  }
  const kept = rows.filter((r) =>
    (from === undefined || r.date >= from) && (to === undefined || r.date <= to)
  );
  try {
    return createBars({
      dates: kept.map((r) => r.date),
      open: kept.map((r) => r.values[0] as number),
      high: kept.map((r) => r.values[1] as number),
      low: kept.map((r) => r.values[2] as number),
      close: kept.map((r) => r.values[3] as number),
      volume: kept.map((r) => r.values[4] as number),
    });
  } catch (error) {
    if (!(error instanceof BarsError)) throw error;
    const row = error.index === null ? undefined : kept[error.index];
    throw new UsageError(
      `${file}${row === undefined ? "" : ` line ${row.line}`}: ${error.message}`,
    );
  }
}

async function loadInputs(
  path: string,
  from?: IsoDate,
  to?: IsoDate,
): Promise<{ symbol: string; bars: Bars }[]> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch {
    throw new UsageError(`--csv: cannot read "${path}"`);
  }
  const files: { symbol: string; file: string }[] = [];
  if (info.isDirectory) {
    for await (const entry of Deno.readDir(path)) {
      if (!entry.isFile || !entry.name.toLowerCase().endsWith(".csv")) continue;
      const code = entry.name.slice(0, -4);
      try {
        files.push({ symbol: parseSymbolCode(code), file: join(path, entry.name) });
      } catch {
        throw new UsageError(
          `${join(path, entry.name)}: file name must be a symbol code like 005930.csv`,
        );
      }
    }
    if (files.length === 0) throw new UsageError(`--csv: no <code>.csv files in "${path}"`);
    files.sort((a, b) => (a.symbol < b.symbol ? -1 : 1));
  } else {
    files.push({ symbol: basename(path).replace(/\.csv$/i, ""), file: path });
  }
  const inputs = [];
  for (const { symbol, file } of files) {
    const bars = parseBarsCsv(await Deno.readTextFile(file), file, from, to);
    if (bars.close.length === 0) throw new UsageError(`${file}: no bars in the chosen date range`);
    inputs.push({ symbol, bars });
  }
  return inputs;
}

interface Report {
  strategy: string;
  params: unknown;
  metrics: Metrics;
  benchmark: Metrics;
  trades: readonly Trade[];
  equity: { date: IsoDate; equity: number }[];
}

async function run(argv: readonly string[]): Promise<{ report: Report; json: boolean }> {
  const args = parseArgs(argv);
  const csv = args.flags.get("csv");
  if (csv === undefined) throw new UsageError("--csv is required");
  const strategyId = args.flags.get("strategy") ?? "ma-cross";
  const strategy = getStrategy(strategyId);
  const params = parseStrategyParams(strategyId, parseParams(args.params));
  const options = parseOptions(args.flags);
  const parseDateFlag = (name: string) => {
    const text = args.flags.get(name);
    if (text === undefined) return undefined;
    try {
      return parseIsoDate(text);
    } catch (error) {
      throw new UsageError(`--${name}: ${(error as Error).message}`);
    }
  };
  const inputs = await loadInputs(csv, parseDateFlag("from"), parseDateFlag("to"));
  const toReport = (
    result: {
      metrics: Metrics;
      benchmark: { metrics: Metrics };
      trades: readonly Trade[];
      equity: Float64Array;
    },
    dates: readonly IsoDate[],
  ): Report => ({
    strategy: strategyId,
    params,
    metrics: result.metrics,
    benchmark: result.benchmark.metrics,
    trades: result.trades,
    equity: [...result.equity].map((equity, i) => ({ date: dates[i] as IsoDate, equity })),
  });
  const targetsOf = (bars: Bars) =>
    (strategy.targets as (b: Bars, p: unknown) => Uint8Array)(bars, params);
  if (inputs.length === 1 && !(await Deno.stat(csv)).isDirectory) {
    const { symbol, bars } = inputs[0] as { symbol: string; bars: Bars };
    const result = runBacktest(bars, targetsOf(bars), options, symbol);
    return { json: args.json, report: toReport(result, bars.dates) };
  }
  const rebalanceEvery = parseNumberFlag(args.flags, "rebalance") ?? 0;
  if (!Number.isInteger(rebalanceEvery) || rebalanceEvery < 0) {
    throw new UsageError(`--rebalance must be a whole number of dates (got ${rebalanceEvery})`);
  }
  const settings: PortfolioSettings = { rebalanceEvery };
  const members = inputs.map(({ symbol, bars }) => ({ symbol, bars, targets: targetsOf(bars) }));
  const result = runPortfolio(members, options, settings);
  return { json: args.json, report: toReport(result, result.dates) };
}

const percent = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(2)}%`);
const ratio = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const won = (x: number) => `${x.toLocaleString("en-US")} KRW`;

function table(report: Report): string {
  const m = report.metrics;
  const rows: [string, string, string][] = [
    ["final equity", won(m.finalEquity), won(report.benchmark.finalEquity)],
    ["total return", percent(m.totalReturn), percent(report.benchmark.totalReturn)],
    ["CAGR", percent(m.cagr), percent(report.benchmark.cagr)],
    ["volatility", percent(m.volatility), percent(report.benchmark.volatility)],
    ["Sharpe", ratio(m.sharpe), ratio(report.benchmark.sharpe)],
    ["Sortino", ratio(m.sortino), ratio(report.benchmark.sortino)],
    ["max drawdown", percent(m.maxDrawdown), percent(report.benchmark.maxDrawdown)],
    [
      "drawdown length",
      `${m.maxDrawdownDuration} bars`,
      `${report.benchmark.maxDrawdownDuration} bars`,
    ],
    ["Calmar", ratio(m.calmar), ratio(report.benchmark.calmar)],
    ["trades", String(m.trades), ""],
    ["win rate", percent(m.winRate), ""],
    ["profit factor", ratio(m.profitFactor), ""],
    ["exposure", percent(m.exposure), ""],
    ["fees / tax", `${won(m.feesPaid)} / ${won(m.taxPaid)}`, ""],
  ];
  const width = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `${report.strategy} ${JSON.stringify(report.params)}`,
    `${"".padEnd(16)}${"strategy".padStart(width)}   buy & hold`,
    ...rows.map(([label, a, b]) => `${label.padEnd(16)}${a.padStart(width)}   ${b}`),
  ];
  const open = report.trades.filter((t) => t.exitDate === null);
  if (open.length > 0) {
    lines.push(`open positions: ${open.map((t) => `${t.symbol} ×${t.qty}`).join(", ")}`);
  }
  return lines.join("\n");
}

if (import.meta.main) {
  if (Deno.args.includes("--help")) {
    console.log(USAGE);
  } else {
    try {
      const { report, json } = await run(Deno.args);
      console.log(json ? JSON.stringify(report, null, 2) : table(report));
    } catch (error) {
      // RangeErrors from core name the bad value (say, a date before the tax schedule).
      if (error instanceof UsageError || error instanceof RangeError) {
        console.error(`error: ${error.message}\n\n${USAGE}`);
        Deno.exit(2);
      }
      throw error;
    }
  }
}
