/**
 * Alert shapes as zod schemas: what a caller may ask for (`alertDraftSchema`, with percentages
 * still relative to the average cost) and what is stored (`alertSchema`, every trigger resolved
 * to a whole-won price). Types are inferred from the schemas so the API, the store and the index
 * read one definition.
 * @module
 */
import { z } from "zod";
import { isSymbolCode, type SymbolCode } from "../krx/mod.ts";

/**
 * Highest price an alert accepts. Keeps `price × 10,000` (the basis-point arithmetic of
 * percentage rules) below 2^53, so every trigger level is computed exactly.
 */
export const MAX_ALERT_PRICE = 1_000_000_000;

const wonPrice = z.int({ error: "must be a whole number of won" })
  .positive("must be above 0 won")
  .max(MAX_ALERT_PRICE, `must be at most ${MAX_ALERT_PRICE.toLocaleString("en")} won`);

/** Whether `percent` is a whole number of basis points (0.01 % steps). */
function inBasisPoints(percent: number): boolean {
  return Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9;
}

/** A percentage in (0, `below`) or (0, `atMost`], in 0.01 % steps. */
function percentSchema(limit: { below: number } | { atMost: number }) {
  const positive = z.number({ error: "must be a number" }).gt(0, "must be above 0 %");
  const bounded = "below" in limit
    ? positive.lt(limit.below, `must be below ${limit.below} %`)
    : positive.max(limit.atMost, `must be at most ${limit.atMost} %`);
  return bounded.refine(inBasisPoints, "must be in steps of 0.01 %");
}

const priceTrigger = z.strictObject({ basis: z.literal("price"), price: wonPrice });

/** Where a stop-loss fires: an absolute price, or a percentage below the average cost. */
export const stopLossTriggerSchema = z.discriminatedUnion("basis", [
  priceTrigger,
  z.strictObject({ basis: z.literal("average_cost"), percent: percentSchema({ below: 100 }) }),
]);

/** Where a take-profit fires: an absolute price, or a percentage above the average cost. */
export const takeProfitTriggerSchema = z.discriminatedUnion("basis", [
  priceTrigger,
  z.strictObject({ basis: z.literal("average_cost"), percent: percentSchema({ atMost: 1000 }) }),
]);

/** How far below its high-water mark a trailing stop sits: a percentage or a KRW amount. */
export const trailSchema = z.discriminatedUnion("unit", [
  z.strictObject({ unit: z.literal("percent"), percent: percentSchema({ below: 100 }) }),
  z.strictObject({ unit: z.literal("krw"), amount: wonPrice }),
]);

/** A rule as a caller writes it; percentages from the average cost are not yet resolved. */
export const alertRuleInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("stop_loss"), trigger: stopLossTriggerSchema }),
  z.strictObject({ kind: z.literal("take_profit"), trigger: takeProfitTriggerSchema }),
  z.strictObject({ kind: z.literal("trailing_stop"), trail: trailSchema }),
  z.strictObject({ kind: z.literal("price_above"), price: wonPrice }),
  z.strictObject({ kind: z.literal("price_below"), price: wonPrice }),
]);

/** A rule as a caller writes it. */
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

const averageCost = z.number({ error: "must be a number" }).positive("must be above 0 won")
  .max(MAX_ALERT_PRICE, `must be at most ${MAX_ALERT_PRICE.toLocaleString("en")} won`);

/** A stored trigger keeps the average cost it was resolved from, so it can be shown and re-resolved. */
function resolvedTrigger<T extends typeof stopLossTriggerSchema | typeof takeProfitTriggerSchema>(
  input: T,
) {
  const [price, cost] = input.options;
  return z.discriminatedUnion("basis", [price, cost.extend({ averageCost })]);
}

/**
 * A stored rule. Stop-loss and take-profit carry `triggerPrice`, the whole-won price they fire
 * at; a trailing stop carries its high-water mark (`null` until the first tick after activation
 * when no price was known then).
 */
export const alertRuleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("stop_loss"),
    trigger: resolvedTrigger(stopLossTriggerSchema),
    triggerPrice: wonPrice,
  }),
  z.strictObject({
    kind: z.literal("take_profit"),
    trigger: resolvedTrigger(takeProfitTriggerSchema),
    triggerPrice: wonPrice,
  }),
  z.strictObject({
    kind: z.literal("trailing_stop"),
    trail: trailSchema,
    highWaterMark: wonPrice.nullable(),
  }),
  z.strictObject({ kind: z.literal("price_above"), price: wonPrice }),
  z.strictObject({ kind: z.literal("price_below"), price: wonPrice }),
]);

/** A stored rule with its trigger resolved. */
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** What happens when an alert fires: notify only, or also sell all or `shares` of the position. */
export const alertActionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("notify") }),
  z.strictObject({
    kind: z.literal("notify_and_exit"),
    quantity: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("all") }),
      z.strictObject({
        kind: z.literal("shares"),
        shares: z.int({ error: "must be a whole number of shares" }).positive("must be above 0"),
      }),
    ]),
  }),
]);

/** What happens when an alert fires. */
export type AlertAction = z.infer<typeof alertActionSchema>;

const instant = z.int({ error: "must be epoch milliseconds" }).nonnegative("must not be negative");

/** `active` until it fires once (`triggered`, with the price and time), or `disabled` by the user. */
export const alertStateSchema = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("active") }),
  z.strictObject({ status: z.literal("triggered"), price: wonPrice, at: instant }),
  z.strictObject({ status: z.literal("disabled") }),
]);

/** Where an alert stands. */
export type AlertState = z.infer<typeof alertStateSchema>;

const symbolCode = z.string().refine(isSymbolCode, "must be 6 digits, or Q + 6 digits for an ETN")
  .transform((code) => code as SymbolCode);

const nonEmpty = z.string({ error: "must be a string" }).min(1, "must not be empty");

/** A new alert as a caller asks for it; the id and times come from the caller's edge. */
export const alertDraftSchema = z.strictObject({
  account: nonEmpty,
  symbol: symbolCode,
  rule: alertRuleInputSchema,
  action: alertActionSchema.default({ kind: "notify" }),
});

/** A new alert as a caller asks for it, after parsing. */
export type AlertDraft = z.infer<typeof alertDraftSchema>;

/** A stored alert; times are epoch milliseconds. */
export const alertSchema = z.strictObject({
  id: nonEmpty,
  account: nonEmpty,
  symbol: symbolCode,
  rule: alertRuleSchema,
  action: alertActionSchema,
  state: alertStateSchema,
  createdAt: instant,
  updatedAt: instant,
});

/** A stored alert. */
export type Alert = z.infer<typeof alertSchema>;
