import { z } from "zod";
import { DEFAULT_FEE_RATE } from "../krx/mod.ts";

/** Slippage against the trader: whole ticks, or a fraction of the price rounded to the grid. */
export const slippageSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ticks"), ticks: z.int().min(0).max(100) }),
  z.strictObject({ kind: z.literal("fraction"), fraction: z.number().min(0).max(0.1) }),
]);

/** How many shares a buy takes; each is capped by the cash on hand, fees included. */
export const sizingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("all-in") }),
  z.strictObject({ kind: z.literal("fixed"), amount: z.int().positive() }),
  z.strictObject({ kind: z.literal("equity-fraction"), fraction: z.number().gt(0).max(1) }),
]);

/** Backtest settings with defaults; parse input from users with it once, at the boundary. */
export const backtestOptionsSchema = z.strictObject({
  cash: z.int().positive().max(1e15).default(10_000_000).describe("Starting cash in KRW"),
  fill: z.enum(["open", "close"]).default("open")
    .describe("open: fill at the next bar's open (default); close: at the signal bar's close"),
  feeRate: z.number().min(0).max(0.01).default(DEFAULT_FEE_RATE)
    .describe("Commission per side as a fraction of the traded value"),
  taxRate: z.number().min(0).max(0.01).optional()
    .describe("Sell tax as a fraction, overriding the rate in force on the fill's date"),
  slippage: slippageSchema.optional(),
  sizing: sizingSchema.default({ kind: "all-in" }),
  lockedLimit: z.enum(["wait", "fill"]).default("wait")
    .describe(
      "wait: a buy at a limit-up quote or a sell at a limit-down quote waits for the next bar " +
        "(default); fill: it fills at the limit",
    ),
  market: z.enum(["KOSPI", "KOSDAQ", "KONEX"]).default("KOSPI"),
  instrument: z.enum(["stock", "etf", "etn"]).default("stock"),
});

/** Validated backtest settings. */
export type BacktestOptions = z.infer<typeof backtestOptionsSchema>;

/** Backtest settings as a caller writes them: every field optional. */
export type BacktestOptionsInput = z.input<typeof backtestOptionsSchema>;

/** Validates and fills in defaults; throws the zod error on bad input. */
export function backtestOptions(input: BacktestOptionsInput = {}): BacktestOptions {
  return backtestOptionsSchema.parse(input);
}
