import { z } from "zod";
import { DEFAULT_FEE_RATE, isSymbolCode, type SymbolCode } from "../krx/mod.ts";
import { BASIS_POINTS, toBasisPoints } from "./basis_points.ts";

/** One symbol's target: its weight as a fraction of equity, and the krx rules it trades under. */
export const targetSchema = z.strictObject({
  symbol: z.string().refine(isSymbolCode, {
    message: "symbol must be 6 digits, or Q + 6 digits for an ETN",
  }).transform((s) => s as SymbolCode),
  weight: z.number().min(0).max(1).refine((w) => toBasisPoints(w) !== null, {
    message: "weight must be a whole number of basis points (at most 4 decimal places)",
  }).describe("Target share of equity, 0 to 1"),
  instrument: z.enum(["stock", "etf", "etn"]).optional()
    .describe("Tick table and sell tax to use; default stock"),
  market: z.enum(["KOSPI", "KOSDAQ", "KONEX"]).optional()
    .describe("Market segment for price limits and sell tax; default KOSPI"),
});

/** A validated target. */
export type Target = z.infer<typeof targetSchema>;

/**
 * Rebalancing settings: the targets and how the plan trades towards them. Weights add up to at
 * most 1 (the rest is held as cash), or to exactly 1 with `fullyInvested`.
 */
export const rebalanceConfigSchema = z.strictObject({
  targets: z.array(targetSchema).max(500),
  fullyInvested: z.boolean().default(false)
    .describe("Require the weights to add up to exactly 1 (no cash target)"),
  minTradeKrw: z.int().min(0).default(0)
    .describe("Skip an order worth less than this many KRW (exits of dropped symbols excepted)"),
  driftBand: z.number().min(0).max(100).default(0)
    .refine((points) => toBasisPoints(points / 100) !== null, {
      message: "driftBand must be a whole number of basis points (at most 2 decimal places)",
    })
    .describe("Leave a symbol alone while its weight is within ± this many percentage points"),
  orderType: z.enum(["limit", "market"]).default("limit")
    .describe("Limit orders at the last price on the tick grid, or market orders"),
  useUnsettledSellProceeds: z.boolean().default(true)
    .describe("Let today's buys spend the D+2 proceeds of today's sells, as KIS allows"),
  feeRate: z.number().min(0).max(0.01).default(DEFAULT_FEE_RATE)
    .describe("Broker commission per side, as a fraction of the traded value"),
}).superRefine((config, ctx) => {
  const seen = new Set<string>();
  let total = 0;
  config.targets.forEach((target, i) => {
    if (seen.has(target.symbol)) {
      ctx.addIssue({
        code: "custom",
        message: `symbol ${target.symbol} is listed twice`,
        path: ["targets", i, "symbol"],
      });
    }
    seen.add(target.symbol);
    total += toBasisPoints(target.weight) ?? 0;
  });
  if (total > BASIS_POINTS) {
    ctx.addIssue({
      code: "custom",
      message: `weights add up to ${total / BASIS_POINTS}; they must add up to at most 1`,
      path: ["targets"],
    });
  } else if (config.fullyInvested && total !== BASIS_POINTS) {
    ctx.addIssue({
      code: "custom",
      message: `weights add up to ${total / BASIS_POINTS}; fullyInvested needs exactly 1`,
      path: ["targets"],
    });
  }
});

/** Validated rebalancing settings, defaults filled in. */
export type RebalanceConfig = z.infer<typeof rebalanceConfigSchema>;

/** Settings as written, before defaults are filled in. */
export type RebalanceConfigInput = z.input<typeof rebalanceConfigSchema>;
