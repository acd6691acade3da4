/**
 * The alert benchmark's workload: 100,000 active alerts spread evenly over 2,500 symbols (every
 * rule kind, levels 3–50 % from the price, so most stay active), and a stream of trade ticks on
 * the tick grid, each on a random symbol moving at most one tick. The same for the same seed.
 * @module
 */
import { type Alert, type AlertRuleInput, createAlert } from "../core/alerts/mod.ts";
import { parseSymbolCode, roundToTick, type SymbolCode, tickSize } from "../core/krx/mod.ts";
import { seededRandom } from "./_backtest_market.ts";

/** Alerts and ticks for one run. */
export interface AlertWorkload {
  readonly symbols: readonly SymbolCode[];
  readonly alerts: readonly Alert[];
  /** Index into `symbols` of each tick. */
  readonly tickSymbol: Int32Array;
  /** Each tick's price in whole won. */
  readonly tickPrice: Int32Array;
}

/** `alerts` alerts over `symbols` symbols and `ticks` ticks. */
export function alertWorkload(
  symbols: number,
  alerts: number,
  ticks: number,
  seed = 20_261_203,
): AlertWorkload {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const codes = Array.from(
    { length: symbols },
    (_, s) => parseSymbolCode(String(100_000 + s * 37).padStart(6, "0")),
  );
  const start = codes.map(() => roundToTick(between(2_000, 300_000), "nearest"));
  const made: Alert[] = [];
  for (let a = 0; a < alerts; a++) {
    const s = a % symbols;
    const price = start[s]!;
    const percent = (low: number, high: number) => Math.round(between(low, high) * 100) / 100;
    const below = (low: number, high: number) => Math.round(price * (1 - percent(low, high) / 100));
    const above = (low: number, high: number) => Math.round(price * (1 + percent(low, high) / 100));
    const averageCost = Math.round(price * between(0.9, 1.1));
    const rules: AlertRuleInput[] = [
      { kind: "stop_loss", trigger: { basis: "price", price: below(5, 30) } },
      { kind: "stop_loss", trigger: { basis: "average_cost", percent: percent(15, 30) } },
      { kind: "take_profit", trigger: { basis: "price", price: above(5, 50) } },
      { kind: "take_profit", trigger: { basis: "average_cost", percent: percent(15, 50) } },
      { kind: "trailing_stop", trail: { unit: "percent", percent: percent(3, 20) } },
      { kind: "trailing_stop", trail: { unit: "krw", amount: price - below(3, 20) } },
      { kind: "price_above", price: above(3, 30) },
      { kind: "price_below", price: below(3, 30) },
    ];
    const rule = rules[Math.floor(a / symbols) % rules.length]!;
    made.push(createAlert({ account: "bench", symbol: codes[s]!, rule }, {
      id: `alert-${a}`,
      now: 0,
      averageCost,
      lastPrice: price,
    }));
  }
  const tickSymbol = new Int32Array(ticks);
  const tickPrice = new Int32Array(ticks);
  const last = [...start];
  for (let t = 0; t < ticks; t++) {
    const s = Math.floor(random() * symbols);
    const move = random();
    const price = last[s]!;
    const step = move < 0.3 ? -tickSize(price - 1) : move < 0.7 ? 0 : tickSize(price);
    last[s] = price + step;
    tickSymbol[t] = s;
    tickPrice[t] = last[s]!;
  }
  return { symbols: codes, alerts: made, tickSymbol, tickPrice };
}

/** Anything with the index's `add` and `onTick`. */
export interface TickEvaluator {
  add(alert: Alert): void;
  onTick(symbol: SymbolCode, price: number, at: number): readonly unknown[];
}

/** Loads every alert into `evaluator`. */
export function loadAlerts(evaluator: TickEvaluator, workload: AlertWorkload): void {
  for (const alert of workload.alerts) evaluator.add(alert);
}

/** Feeds every tick to `evaluator`; returns how many alerts fired. */
export function feedTicks(evaluator: TickEvaluator, workload: AlertWorkload): number {
  const { symbols, tickSymbol, tickPrice } = workload;
  let fired = 0;
  for (let t = 0; t < tickSymbol.length; t++) {
    fired += evaluator.onTick(symbols[tickSymbol[t]!]!, tickPrice[t]!, t).length;
  }
  return fired;
}

/**
 * The trailing stops' worst case: one symbol holding `alerts` trailing stops (half by percent,
 * half by KRW, started from highs spread over 10 % below the first price), and a price that
 * rises one tick on three ticks in four and falls one on the fourth, so most ticks set a new high
 * and no stop fires.
 */
export function trendingWorkload(alerts: number, ticks: number, seed = 20_261_204): AlertWorkload {
  const random = seededRandom(seed);
  const symbol = parseSymbolCode("005930");
  const first = 50_000;
  const made: Alert[] = [];
  for (let a = 0; a < alerts; a++) {
    const trail = a % 2 === 0
      ? { unit: "percent" as const, percent: 3 + Math.floor(random() * 1_000) / 100 }
      : { unit: "krw" as const, amount: 2_000 + Math.floor(random() * 3_000) };
    made.push(createAlert({ account: "bench", symbol, rule: { kind: "trailing_stop", trail } }, {
      id: `trail-${a}`,
      now: 0,
      lastPrice: roundToTick(first * (0.9 + random() * 0.1), "down"),
    }));
  }
  const tickSymbol = new Int32Array(ticks);
  const tickPrice = new Int32Array(ticks);
  let price = first;
  for (let t = 0; t < ticks; t++) {
    price += t % 4 === 3 ? -tickSize(price - 1) : tickSize(price);
    tickPrice[t] = price;
  }
  return { symbols: [symbol], alerts: made, tickSymbol, tickPrice };
}
