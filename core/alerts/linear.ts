/**
 * The plain evaluator: every alert of the symbol checked on every tick. It defines what the
 * index must do (the tests compare the two over random ticks) and is the benchmark's peer.
 * @module
 */
import type { SymbolCode } from "../krx/mod.ts";
import { markTriggered, raiseHighWaterMark } from "./alert.ts";
import { basisPoints, trailingLevelPercent } from "./levels.ts";
import type { Alert } from "./schema.ts";
import { compareTriggers, type Direction, ruleDirection, type Trigger } from "./trigger.ts";

/** An alert with what a tick needs worked out once: a fixed level, or a trail and its high. */
interface Watched {
  readonly alert: Alert;
  readonly direction: Direction;
  /** The fixed level; unused by trailing stops. */
  readonly level: number;
  /** 0, or the trail in basis points. */
  readonly trailBps: number;
  /** 0, or the trail in KRW. */
  readonly trailKrw: number;
  high: number;
}

function watch(alert: Alert): Watched {
  const rule = alert.rule;
  const direction = ruleDirection(rule);
  switch (rule.kind) {
    case "stop_loss":
    case "take_profit":
      return { alert, direction, level: rule.triggerPrice, trailBps: 0, trailKrw: 0, high: 0 };
    case "price_above":
    case "price_below":
      return { alert, direction, level: rule.price, trailBps: 0, trailKrw: 0, high: 0 };
    case "trailing_stop": {
      const trail = rule.trail;
      return {
        alert,
        direction,
        level: 0,
        trailBps: trail.unit === "percent" ? basisPoints(trail.percent) : 0,
        trailKrw: trail.unit === "krw" ? trail.amount : 0,
        high: rule.highWaterMark ?? 0,
      };
    }
  }
}

/** The level `watched` fires at after its high has seen `price`. */
function levelAt(watched: Watched, price: number): number {
  if (watched.trailBps === 0 && watched.trailKrw === 0) return watched.level;
  if (price > watched.high) watched.high = price;
  return watched.trailBps > 0
    ? trailingLevelPercent(watched.high, watched.trailBps)
    : watched.high - watched.trailKrw;
}

/** Active alerts in one list per symbol, each checked on every tick of its symbol. */
export class LinearAlertEvaluator {
  readonly #bySymbol = new Map<string, Watched[]>();

  /** Watches an active alert. */
  add(alert: Alert): void {
    const list = this.#bySymbol.get(alert.symbol) ?? [];
    list.push(watch(alert));
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
      const level = levelAt(watched, price);
      const direction = watched.direction;
      if (direction === "down" ? price <= level : price >= level) {
        const alert = raiseHighWaterMark(watched.alert, watched.high);
        triggers.push({ alert: markTriggered(alert, price, at), price, at, level, direction });
      } else {
        list[kept++] = watched;
      }
    }
    list.length = kept;
    return triggers.sort(compareTriggers);
  }
}
