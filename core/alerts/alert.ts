/**
 * Creating and changing alerts: parse the caller's input, resolve percentage rules against the
 * position's average cost, and move the state `active → triggered` (once) or to and from
 * `disabled`. Pure: ids, times and prices are passed in.
 * @module
 */
import type { z } from "zod";
import {
  type Alert,
  type AlertAction,
  alertActionSchema,
  alertDraftSchema,
  type AlertRule,
  type AlertRuleInput,
  alertRuleInputSchema,
  MAX_ALERT_PRICE,
} from "./schema.ts";
import { AlertValidationError } from "./errors.ts";
import { levelAbove, levelBelow } from "./levels.ts";

/** What the position looks like when a rule is resolved; both optional, needed by some rules. */
export interface PositionContext {
  /** The position's average cost in KRW, possibly fractional; needed by percentage triggers. */
  readonly averageCost?: number;
  /** The last trade price; a trailing stop starts its high-water mark there. */
  readonly lastPrice?: number;
}

/** Ids and times come from the caller's edge, so this module reads no clock. */
export interface CreateContext extends PositionContext {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

function parse<T extends z.ZodType>(schema: T, input: unknown, prefix: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AlertValidationError(
    result.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter((p) => p !== "").join("."),
      message: issue.message,
      code: issue.code,
      cause: issue,
    })),
  );
}

function checkPosition(position: PositionContext): void {
  for (const field of ["averageCost", "lastPrice"] as const) {
    const value = position[field];
    if (value === undefined) continue;
    // an average cost may be fractional; a last trade price is whole won
    const wholeWon = field === "lastPrice";
    const number = wholeWon ? Number.isInteger(value) : Number.isFinite(value);
    if (!number || value <= 0 || value > MAX_ALERT_PRICE) {
      const kind = wholeWon ? "a whole-won price" : "a price";
      throw new AlertValidationError([{
        path: field,
        message: `must be ${kind} above 0 won and at most ${MAX_ALERT_PRICE} won, got ${value}`,
      }]);
    }
  }
}

function costLevel(
  percent: number,
  position: PositionContext,
  side: "below" | "above",
): { averageCost: number; triggerPrice: number } {
  const averageCost = position.averageCost;
  if (averageCost === undefined) {
    throw new AlertValidationError([{
      path: "rule.trigger.percent",
      message: "a percentage from the average cost needs the position's average cost",
      code: "needs_average_cost",
    }]);
  }
  const triggerPrice = side === "below"
    ? levelBelow(averageCost, percent)
    : levelAbove(averageCost, percent);
  if (triggerPrice < 1 || triggerPrice > MAX_ALERT_PRICE) {
    throw new AlertValidationError([{
      path: "rule.trigger.percent",
      message: `resolves to ${triggerPrice} won from an average cost of ${averageCost}`,
      code: "out_of_range",
    }]);
  }
  return { averageCost, triggerPrice };
}

/**
 * Turns a rule as written into a stored rule: a percentage below (stop-loss) or above
 * (take-profit) the average cost becomes a whole-won trigger price, rounded down below the cost
 * and up above it (docs/alerts.md); a trailing stop's high-water mark starts at the last price.
 * @throws {AlertValidationError} when the input is malformed or a needed price is missing.
 * @example resolveRule({ kind: "stop_loss", trigger: { basis: "average_cost", percent: 5 } },
 *   { averageCost: 70_000 }) // triggerPrice 66_500
 */
export function resolveRule(input: AlertRuleInput, position: PositionContext): AlertRule {
  return resolveParsed(parse(alertRuleInputSchema, input, "rule"), position);
}

function resolveParsed(rule: AlertRuleInput, position: PositionContext): AlertRule {
  checkPosition(position);
  switch (rule.kind) {
    case "stop_loss":
    case "take_profit": {
      const trigger = rule.trigger;
      if (trigger.basis === "price") return { ...rule, trigger, triggerPrice: trigger.price };
      const side = rule.kind === "stop_loss" ? "below" : "above";
      const { averageCost, triggerPrice } = costLevel(trigger.percent, position, side);
      return { ...rule, trigger: { ...trigger, averageCost }, triggerPrice };
    }
    case "trailing_stop":
      return { ...rule, highWaterMark: position.lastPrice ?? null };
    case "price_above":
    case "price_below":
      return rule;
  }
}

/**
 * A new active alert from a caller's draft (`account`, `symbol`, `rule`, `action`).
 * @throws {AlertValidationError} naming every bad field.
 */
export function createAlert(draft: unknown, context: CreateContext): Alert {
  const parsed = parse(alertDraftSchema, draft, "");
  return {
    id: context.id,
    account: parsed.account,
    symbol: parsed.symbol,
    rule: resolveParsed(parsed.rule, context),
    action: parsed.action,
    state: { status: "active" },
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/** A change to an alert's rule or action; omitted parts stay. */
export interface AlertChanges {
  readonly rule?: AlertRuleInput;
  readonly action?: AlertAction;
}

function requireNotTriggered(alert: Alert, change: string): void {
  if (alert.state.status === "triggered") {
    throw new AlertValidationError([{
      path: "state",
      message: `alert ${alert.id} has triggered and cannot be ${change}`,
    }]);
  }
}

/**
 * The alert with a new rule and/or action, resolved against the position as it is now. A
 * trailing stop that stays a trailing stop keeps its high-water mark. Triggered alerts are
 * history and cannot change.
 * @throws {AlertValidationError} naming the bad field, or when the alert has triggered.
 */
export function updateAlert(
  alert: Alert,
  changes: AlertChanges,
  context: PositionContext & { readonly now: number },
): Alert {
  requireNotTriggered(alert, "changed");
  let rule = alert.rule;
  if (changes.rule !== undefined) {
    rule = resolveRule(changes.rule, context);
    if (rule.kind === "trailing_stop" && alert.rule.kind === "trailing_stop") {
      rule = { ...rule, highWaterMark: alert.rule.highWaterMark ?? rule.highWaterMark };
    }
  }
  const action = changes.action === undefined
    ? alert.action
    : parse(alertActionSchema, changes.action, "action");
  return { ...alert, rule, action, updatedAt: context.now };
}

/** The alert disabled: it stays stored but leaves the index. */
export function disableAlert(alert: Alert, now: number): Alert {
  requireNotTriggered(alert, "disabled");
  return { ...alert, state: { status: "disabled" }, updatedAt: now };
}

/** A disabled alert made active again. */
export function enableAlert(alert: Alert, now: number): Alert {
  requireNotTriggered(alert, "enabled");
  return { ...alert, state: { status: "active" }, updatedAt: now };
}

/**
 * The alert fired at `price` at `at`: the one transition out of `active` that cannot be undone.
 * @throws {AlertValidationError} unless the alert is active.
 */
export function markTriggered(alert: Alert, price: number, at: number): Alert {
  if (alert.state.status !== "active") {
    throw new AlertValidationError([{
      path: "state",
      message: `alert ${alert.id} is ${alert.state.status}, only an active alert can trigger`,
    }]);
  }
  return { ...alert, state: { status: "triggered", price, at }, updatedAt: at };
}

/** A trailing stop's high-water mark moved up to `price`; the mark never moves down. */
export function raiseHighWaterMark(alert: Alert, price: number): Alert {
  const rule = alert.rule;
  if (rule.kind !== "trailing_stop" || (rule.highWaterMark ?? 0) >= price) return alert;
  return { ...alert, rule: { ...rule, highWaterMark: price } };
}
