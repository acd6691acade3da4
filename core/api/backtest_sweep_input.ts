/**
 * The body of `POST /api/v1/backtests/sweeps`: a strategy, a grid of parameter values, the series
 * and dates to test each combination on, the costs and the metric to rank by. The number of
 * combinations is bounded so one sweep stays a bounded job.
 * @module
 */
import { z } from "@hono/zod-openapi";
import {
  backtestCostFields,
  barSeriesSchema,
  datesForSymbolSeries,
  labNameField,
  strategyIds,
} from "./backtest_input.ts";
import { isoDateField } from "./fields.ts";

/** Most parameter combinations in one sweep. */
export const MAX_SWEEP_COMBINATIONS = 400;
/** Most series in one sweep (each is backtested alone, and the metrics averaged). */
export const MAX_SWEEP_SERIES = 20;

/** The metrics a sweep ranks by; higher is better for each. */
export const SWEEP_OBJECTIVES = ["sharpe", "sortino", "totalReturn", "cagr", "calmar"] as const;

const gridValue = z.union([z.number(), z.string().max(100), z.boolean()]);

/** The request body of a sweep. */
export const backtestSweepRequestSchema = z.strictObject({
  name: labNameField,
  strategy: z.enum(strategyIds).default("ma-cross"),
  grid: z.record(z.string().max(50), z.array(gridValue).min(1).max(50))
    .openapi({
      description: "Values to try per parameter; parameters left out keep their defaults",
      example: { fast: [5, 10], slow: [20, 60] },
    }),
  series: z.array(barSeriesSchema).min(1).max(MAX_SWEEP_SERIES)
    .openapi({ description: "Each series is backtested alone; rows hold the mean over series" }),
  from: isoDateField.optional(),
  to: isoDateField.optional(),
  objective: z.enum(SWEEP_OBJECTIVES).default("sharpe"),
  ...backtestCostFields,
}).superRefine((value, ctx) => {
  datesForSymbolSeries(value, ctx);
  const keys = Object.keys(value.grid);
  if (keys.length === 0) {
    ctx.addIssue({ code: "custom", path: ["grid"], message: "name at least one parameter" });
  }
  const combinations = keys.reduce((n, key) => n * (value.grid[key]?.length ?? 1), 1);
  if (combinations > MAX_SWEEP_COMBINATIONS) {
    ctx.addIssue({
      code: "custom",
      path: ["grid"],
      message: `${combinations} combinations; at most ${MAX_SWEEP_COMBINATIONS}`,
    });
  }
}).openapi("BacktestSweepRequest");

/** A validated sweep request. */
export type BacktestSweepRequest = z.infer<typeof backtestSweepRequestSchema>;
