/**
 * What a tick reports when alerts fire, and the one order both evaluators report them in.
 * @module
 */
import type { Alert, AlertRule } from "./schema.ts";

/** `down` rules fire when the price is at or below their level, `up` rules at or above it. */
export type Direction = "down" | "up";

/** Which way a rule fires: stop-loss, trailing stop and price-below downwards, the others up. */
export function ruleDirection(rule: AlertRule): Direction {
  switch (rule.kind) {
    case "stop_loss":
    case "trailing_stop":
    case "price_below":
      return "down";
    case "take_profit":
    case "price_above":
      return "up";
  }
}

/** One alert that fired on a tick. */
export interface Trigger {
  /** The alert in its `triggered` state; a trailing stop carries the high it fired from. */
  readonly alert: Alert;
  /** The tick's price. */
  readonly price: number;
  /** The tick's time, epoch milliseconds. */
  readonly at: number;
  /** The whole-won level the price crossed: the trigger price, or the trailing stop's level. */
  readonly level: number;
  readonly direction: Direction;
}

/**
 * The order of one tick's triggers: downward rules first, highest level first (the order a
 * falling price crosses them), then upward rules, lowest level first; equal levels by alert id.
 */
export function compareTriggers(a: Trigger, b: Trigger): number {
  if (a.direction !== b.direction) return a.direction === "down" ? -1 : 1;
  if (a.level !== b.level) return a.direction === "down" ? b.level - a.level : a.level - b.level;
  return a.alert.id < b.alert.id ? -1 : a.alert.id > b.alert.id ? 1 : 0;
}
