// deno-lint-ignore-file no-console
/**
 * `deno task backtest`: backtests a strategy on daily bars from CSV files and prints a summary
 * table or JSON. Bad input exits with code 2 and a message naming the line or parameter. Paths are
 * relative to the folder `deno task` was started from.
 *
 * @example
 * deno task backtest --strategy ma-cross --param fast=5 --param slow=20 --csv bars.csv --json
 * @module
 */
import {
  type BacktestOptions,
  backtestOptionsSchema,
  type BacktestReport,
  backtestReport,
} from "../core/backtest/mod.ts";
import { CsvError, readBars } from "../core/data/mod.ts";
import { parseIsoDate } from "../core/krx/mod.ts";
import { parseStrategyParams } from "../core/strategies/mod.ts";
import { parseCommand, type ParsedCommand, resolveUserPath, runCli, UsageError } from "./_args.ts";
import { formatNumber } from "./_table.ts";

const USAGE = `usage: deno task backtest --csv <file.csv | folder> [options]

A file holds one symbol's daily bars (date,open,high,low,close,volume; KRX trading days only); a
folder of <code>.csv files is backtested as one portfolio with shared cash.

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

const OPTIONS = {
  strategy: { type: "string", default: "ma-cross" },
  csv: { type: "string" },
  param: { type: "string", multiple: true },
  cash: { type: "string" },
  fee: { type: "string" },
  tax: { type: "string" },
  slippage: { type: "string" },
  fill: { type: "string" },
  market: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  rebalance: { type: "string" },
  json: { type: "boolean" },
} as const;

type Flags = ParsedCommand<typeof OPTIONS>["values"];

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

function parseNumberFlag(
  flags: Flags,
  name: "cash" | "fee" | "tax" | "rebalance",
): number | undefined {
  const text = flags[name];
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

function parseOptions(flags: Flags): BacktestOptions {
  const result = backtestOptionsSchema.safeParse({
    cash: parseNumberFlag(flags, "cash"),
    feeRate: parseNumberFlag(flags, "fee"),
    taxRate: parseNumberFlag(flags, "tax"),
    slippage: parseSlippage(flags.slippage),
    fill: flags.fill,
    market: flags.market,
  });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const flag = OPTION_FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
    return `${flag}: ${issue.message}`;
  });
  throw new UsageError(problems.join("; "));
}

async function run(argv: readonly string[]): Promise<{ report: BacktestReport; json: boolean }> {
  const { values: flags } = parseCommand(argv, OPTIONS);
  if (flags.csv === undefined) throw new UsageError("--csv is required");
  const strategyId = flags.strategy;
  const params = parseStrategyParams(strategyId, parseParams(flags.param ?? []));
  const options = parseOptions(flags);
  const rebalanceEvery = parseNumberFlag(flags, "rebalance") ?? 0;
  if (!Number.isInteger(rebalanceEvery) || rebalanceEvery < 0) {
    throw new UsageError(`--rebalance must be a whole number of dates (got ${rebalanceEvery})`);
  }
  const parseDateFlag = (name: "from" | "to") => {
    const text = flags[name];
    if (text === undefined) return undefined;
    try {
      return parseIsoDate(text);
    } catch (error) {
      throw new UsageError(`--${name}: ${(error as Error).message}`);
    }
  };
  const input = await readBars(resolveUserPath(flags.csv), {
    from: parseDateFlag("from"),
    to: parseDateFlag("to"),
  });
  const json = flags.json ?? false;
  const report = backtestReport({
    strategy: strategyId,
    params,
    series: input.series,
    options,
    portfolio: input.folder ? { rebalanceEvery } : undefined,
  });
  return { json, report };
}

const percent = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(2)}%`);
const ratio = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const won = (x: number) => `${formatNumber(x)} KRW`;

function table(report: BacktestReport): string {
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

async function main(argv: readonly string[]): Promise<void> {
  try {
    const { report, json } = await run(argv);
    console.log(json ? JSON.stringify(report, null, 2) : table(report));
  } catch (error) {
    // A bad file or a value out of core's range (say, a date before the tax schedule) is input
    // to fix, like a bad flag; both name what is wrong.
    if (error instanceof CsvError || error instanceof RangeError) {
      throw new UsageError(error.message, { helpHint: false });
    }
    throw error;
  }
}

if (import.meta.main) await runCli({ name: "backtest", usage: USAGE }, main);
