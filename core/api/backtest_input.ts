/**
 * The body of `POST /api/v1/backtests`: the inputs of `deno task backtest`, with bars sent inline
 * (CSV text or rows) instead of read from files, or named by symbol and fetched from the broker
 * for `from`..`to`. Size limits keep one request bounded.
 * @module
 */
import { z } from "@hono/zod-openapi";
import { backtestOptionsSchema } from "../backtest/mod.ts";
import { STRATEGIES } from "../strategies/registry.ts";
import { isoDateField, ohlcvFields, symbolField } from "./fields.ts";

/** Most series in one request (a portfolio of this many symbols). */
export const MAX_SERIES = 100;
/** Most rows in one series: about forty years of trading days. */
export const MAX_ROWS = 10_000;
/** Longest CSV text of one series, in characters. */
export const MAX_CSV_CHARS = 1_000_000;

const barRow = z.strictObject({ date: isoDateField, ...ohlcvFields }).openapi("BarRow");

/** One series of a request: its symbol, and its bars inline or fetched from the broker. */
export const barSeriesSchema = z.strictObject({
  symbol: symbolField,
  csv: z.string().max(MAX_CSV_CHARS).optional()
    .openapi({
      description: "date,open,high,low,close,volume lines, as `deno task backtest` reads",
    }),
  rows: z.array(barRow).min(1).max(MAX_ROWS).optional(),
}).superRefine((value, ctx) => {
  if (value.csv !== undefined && value.rows !== undefined) {
    ctx.addIssue({ code: "custom", path: ["csv"], message: "give either csv or rows, not both" });
  }
}).openapi("BarSeries", {
  description: "Bars inline as csv or rows; with neither, the broker's daily bars for from..to",
});

/** The cost and fill options every backtest request shares, bounded by the engine's schema. */
export const backtestCostFields = (({ cash, feeRate, taxRate, slippage, fill, market }) => ({
  cash,
  feeRate,
  taxRate,
  slippage,
  fill,
  market,
}))(backtestOptionsSchema.shape);

/** The strategy ids of the registry, as a zod enum's values. */
export const strategyIds = Object.keys(STRATEGIES) as [
  keyof typeof STRATEGIES,
  ...(keyof typeof STRATEGIES)[],
];

const requestShape = {
  strategy: z.enum(strategyIds).default("ma-cross"),
  params: z.record(z.string(), z.unknown()).default({})
    .openapi({ description: "The strategy's parameters; see GET /api/v1/strategies/{id}" }),
  series: z.array(barSeriesSchema).min(1).max(MAX_SERIES)
    .openapi({
      description: "One series is one backtest; several are one portfolio with shared cash",
    }),
  from: isoDateField.optional(),
  to: isoDateField.optional(),
  rebalanceEvery: z.int().min(0).max(10_000).default(0)
    .openapi({ description: "Portfolios: rebalance to equal weights every n dates (0: never)" }),
  ...backtestCostFields,
};

/** A stored run's or sweep's name, for the lab's lists. */
export const labNameField = z.string().trim().min(1).max(100).optional()
  .openapi({ description: "What the lab lists the run as", example: "ma-cross 5/20 Samsung" });

/** Asks for `from` and `to` when a series is named only by symbol (its bars are fetched). */
export function datesForSymbolSeries(
  value: { series: { csv?: string; rows?: unknown[] }[]; from?: string; to?: string },
  ctx: z.RefinementCtx,
): void {
  if (!value.series.some(isBySymbol)) return;
  for (const field of ["from", "to"] as const) {
    if (value[field] === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `a series named only by symbol needs ${field}`,
      });
    }
  }
}

/** The request body; option fields are `backtestOptionsSchema`'s, so bounds live in one place. */
export const backtestRequestSchema = z.strictObject(requestShape)
  .superRefine(datesForSymbolSeries).openapi("BacktestRequest");

/** `POST /backtests/runs`: a backtest request and the name the lab lists it as. */
export const backtestRunRequestSchema = z.strictObject({ ...requestShape, name: labNameField })
  .superRefine(datesForSymbolSeries).openapi("BacktestRunRequest");

/** True for a series whose bars the server fetches from the broker (no csv, no rows). */
export function isBySymbol(series: { csv?: string; rows?: unknown[] }): boolean {
  return series.csv === undefined && series.rows === undefined;
}

/** A validated request body. */
export type BacktestRequest = z.infer<typeof backtestRequestSchema>;

const metricsSchema = z.record(z.string(), z.number().nullable())
  .openapi({ description: "Performance figures as defined in docs/backtest.md" });

/** The report, the same JSON `deno task backtest --json` prints. */
export const backtestReportSchema = z.object({
  strategy: z.string(),
  params: z.unknown(),
  metrics: metricsSchema,
  benchmark: metricsSchema,
  trades: z.array(z.object({
    symbol: z.string(),
    entryDate: z.string(),
    entryPrice: z.number(),
    exitDate: z.string().nullable(),
    exitPrice: z.number().nullable(),
    qty: z.int(),
    pnl: z.number(),
  })),
  equity: z.array(z.object({ date: z.string(), equity: z.number() })),
  benchmarkEquity: z.array(z.object({ date: z.string(), equity: z.number() }))
    .openapi({ description: "Buy-and-hold's equity on the same dates" }),
}).openapi("BacktestReport");
