/**
 * The plain evaluator: every alert of the symbol checked on every tick. It defines what the
 * index must do (the tests compare the two over random ticks) and is the benchmark's peer.
 * @module
 */
import type { SymbolCode } from "../krx/mod.ts";
import { markTriggered, raiseHighWaterMark } from "./alert.ts";
import { basisPoints, trailingLevelPercent } from "./levels.ts";
import type { Alert } from "./schema.ts";
import { compareTriggers, ruleDirection, type Trigger } from "./trigger.ts";

interface Watched {
  readonly alert: Alert;
  high: number;
}

/** The level an alert fires at, a trailing stop's from the high it has seen. */
function levelOf(watched: Watched): number {
  const rule = watched.alert.rule;
  switch (rule.kind) {
    case "stop_loss":
    case "take_profit":
      return rule.triggerPrice;
    case "price_above":
    case "price_below":
      return rule.price;
    case "trailing_stop":
      return rule.trail.unit === "percent"
        ? trailingLevelPercent(watched.high, basisPoints(rule.trail.percent))
        : watched.high - rule.trail.amount;
  }
}

/** Active alerts in one list per symbol, each checked on every tick of its symbol. */
export class LinearAlertEvaluator {
  readonly #bySymbol = new Map<string, Watched[]>();

  /** Watches an active alert. */
  add(alert: Alert): void {
    const high = alert.rule.kind === "trailing_stop" ? alert.rule.highWaterMark ?? 0 : 0;
    const list = this.#bySymbol.get(alert.symbol) ?? [];
    list.push({ alert, high });
    this.#bySymbol.set(alert.symbol, list);
  }

  /** Stops watching an alert; false when it was not watched. */
  remove(id: string): boolean {
    for (const list of this.#bySymbol.values()) {
      const at = list.findIndex((w) => w.alert.id === id);
      if (at >= 0) {
        list.splice(at, 1);
        return true;
      }
    }
    return false;
  }

  /** Same contract as `AlertIndex.onTick`, by checking every alert of the symbol. */
  onTick(symbol: SymbolCode, price: number, at: number): readonly Trigger[] {
    const list = this.#bySymbol.get(symbol);
    if (list === undefined) return [];
    const triggers: Trigger[] = [];
    let kept = 0;
    for (const watched of list) {
      if (price > watched.high) watched.high = price;
      const level = levelOf(watched);
      const direction = ruleDirection(watched.alert.rule);
      if (direction === "down" ? price <= level : price >= level) {
        const alert = watched.alert.rule.kind === "trailing_stop"
          ? raiseHighWaterMark(watched.alert, watched.high)
          : watched.alert;
        triggers.push({ alert: markTriggered(alert, price, at), price, at, level, direction });
      } else {
        list[kept++] = watched;
      }
    }
    list.length = kept;
    return triggers.sort(compareTriggers);
  }
}
