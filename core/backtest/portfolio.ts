import { z } from "zod";
import type { IsoDate } from "../krx/mod.ts";
import type { Bars } from "../strategies/mod.ts";
import { barAt, fillPrice, type Side, slippedPrice } from "./fill_price.ts";
import { Ledger, Position } from "./ledger.ts";
import { computeMetrics } from "./metrics.ts";
import type { BacktestOptions } from "./options.ts";
import type { FillRecord, Metrics, Trade } from "./types.ts";

/** One symbol of a portfolio with its position targets (one per bar, decided on the close). */
export interface PortfolioMember {
  readonly symbol: string;
  readonly bars: Bars;
  readonly targets: Uint8Array;
}

/** Portfolio settings: target weights (default equal) and an optional rebalancing period. */
export const portfolioSettingsSchema = z.strictObject({
  weights: z.record(z.string(), z.number().min(0).max(1)).optional()
    .describe("Target weight per symbol as a fraction of equity; missing symbols share the rest"),
  rebalanceEvery: z.int().min(0).max(10_000).default(0)
    .describe("Rebalance held positions to their weights every this many dates (0: never)"),
}).refine((s) => Object.values(s.weights ?? {}).reduce((a, w) => a + w, 0) <= 1 + 1e-9, {
  message: "weights must add up to at most 1",
  path: ["weights"],
});

/** Validated portfolio settings. */
export type PortfolioSettings = z.infer<typeof portfolioSettingsSchema>;

/** Result of a shared-cash portfolio run; `equity[d]` is marked at `dates[d]`'s close. */
export interface PortfolioResult {
  /** Every date on which at least one member has a bar, ascending. */
  readonly dates: readonly IsoDate[];
  readonly equity: Float64Array;
  readonly fills: readonly FillRecord[];
  readonly trades: readonly Trade[];
  readonly metrics: Metrics;
  /** Buying each member at its weight on its first bar where a buy fills, and holding. */
  readonly benchmark: { readonly equity: Float64Array; readonly metrics: Metrics };
}

interface Slot {
  readonly member: PortfolioMember;
  readonly weight: number;
  readonly position: Position;
  /** Index of the member's next unprocessed bar. */
  cursor: number;
  lastClose: number;
}

/**
 * Runs several symbols on one account. On each date, members with a bar fill their orders (sells
 * first, so their proceeds fund the buys); a buy spends the member's weight × the equity at the
 * previous close, capped by cash. Rebalancing days trim or top up held positions to their weight.
 * Members without a bar on a date keep their last close for marking. Sale proceeds are usable at
 * once (settlement is not modelled).
 */
export function runPortfolio(
  members: readonly PortfolioMember[],
  options: BacktestOptions,
  settings: PortfolioSettings = { rebalanceEvery: 0 },
): PortfolioResult {
  for (const m of members) {
    if (m.targets.length !== m.bars.close.length) {
      throw new RangeError(
        `${m.symbol}: targets has length ${m.targets.length}, bars has ${m.bars.close.length}`,
      );
    }
  }
  const dates = unionDates(members);
  const weights = resolveWeights(members, settings);
  const ledger = new Ledger(options);
  const slots = newSlots(members, weights);
  const equity = new Float64Array(dates.length);
  const lag = options.fill === "open" ? 1 : 0;
  let exposedBars = 0;
  let previousEquity = ledger.cash;
  for (let d = 0; d < dates.length; d++) {
    const date = dates[d] as IsoDate;
    const today = slots.filter((s) => s.member.bars.dates[s.cursor] === date);
    const rebalancing = settings.rebalanceEvery > 0 && d >= lag &&
      (d - lag + 1) % settings.rebalanceEvery === 0;
    for (const side of ["sell", "buy"] as const) {
      for (const slot of today) {
        const decision = slot.cursor - lag;
        if (decision < 0) continue;
        const wanted = slot.member.targets[decision] === 1;
        trade(slot, side, wanted, rebalancing, decision, previousEquity, ledger);
      }
    }
    let held = 0;
    for (const slot of today) {
      slot.lastClose = slot.member.bars.close[slot.cursor] as number;
      slot.cursor++;
    }
    for (const slot of slots) held += slot.position.qty * slot.lastClose;
    equity[d] = ledger.cash + held;
    previousEquity = equity[d] as number;
    exposedBars += +(slots.some((s) => s.position.qty > 0));
  }
  const trades = [...ledger.trades, ...openTrades(ledger, slots)];
  const metrics = computeMetrics({ ...ledger.totals(), equity, exposedBars, trades });
  return {
    dates,
    equity,
    fills: ledger.fills,
    trades,
    metrics,
    benchmark: holdAtWeights(members, weights, dates, options),
  };
}

/**
 * Trades one member on one side: sells close unwanted positions or trim over-weight ones on
 * rebalancing days; buys open wanted positions with the member's weight of `equity` or top up
 * under-weight ones. Orders that cannot fill on this bar (`fillPrice`) are counted and dropped.
 */
function trade(
  slot: Slot,
  side: Side,
  wanted: boolean,
  rebalancing: boolean,
  decision: number,
  equity: number,
  ledger: Ledger,
): void {
  const options = ledger.options;
  const bars = slot.member.bars;
  const t = slot.cursor;
  const held = slot.position.qty;
  const bar = barAt(bars, t, options);
  const fill = fillPrice(bar, side, options);
  // An order that waits is still sized, so that only a real order counts as blocked.
  const price = Number.isNaN(fill) ? slippedPrice(bar.quote, side, options, bar.date) : fill;
  const date = bars.dates[t] as IsoDate;
  const goal = Math.floor(slot.weight * equity / price);
  let qty = 0;
  if (side === "sell") {
    qty = !wanted ? held : rebalancing ? Math.max(held - goal, 0) : 0;
  } else if (wanted && held === 0) {
    qty = ledger.affordable(price, Math.floor(slot.weight * equity), date);
  } else if (wanted && rebalancing && goal > held) {
    qty = Math.min(goal - held, ledger.affordable(price, ledger.cash, date));
  }
  if (qty === 0) return;
  if (Number.isNaN(fill)) {
    ledger.blockedOrders++;
    return;
  }
  const decisionDate = bars.dates[decision] as IsoDate;
  if (side === "sell") ledger.sell(slot.position, qty, price, date, decisionDate);
  else ledger.buy(slot.position, qty, price, date, decisionDate);
}

function unionDates(members: readonly PortfolioMember[]): IsoDate[] {
  const all = new Set<IsoDate>();
  for (const m of members) for (const date of m.bars.dates) all.add(date);
  return [...all].sort();
}

/** Given weights, with the rest of 1 shared equally by members that have none. */
function resolveWeights(
  members: readonly PortfolioMember[],
  settings: PortfolioSettings,
): number[] {
  const given = settings.weights ?? {};
  const unknown = Object.keys(given).filter((s) => !members.some((m) => m.symbol === s));
  if (unknown.length > 0) {
    throw new RangeError(`weights name symbols not in the portfolio: ${unknown.join(", ")}`);
  }
  const assigned = Object.values(given).reduce((a, w) => a + w, 0);
  const unweighted = members.filter((m) => given[m.symbol] === undefined).length;
  const rest = unweighted === 0 ? 0 : Math.max(1 - assigned, 0) / unweighted;
  return members.map((m) => given[m.symbol] ?? rest);
}

function openTrades(ledger: Ledger, slots: readonly Slot[]): Trade[] {
  const open: Trade[] = [];
  for (const slot of slots) {
    const trade = ledger.openTrade(slot.position, slot.lastClose);
    if (trade !== null) open.push(trade);
  }
  return open;
}

/** One empty slot per member, holding its target weight. */
function newSlots(members: readonly PortfolioMember[], weights: readonly number[]): Slot[] {
  return members.map((member, i) => ({
    member,
    weight: weights[i] as number,
    position: new Position(member.symbol),
    cursor: 0,
    lastClose: 0,
  }));
}

function holdAtWeights(
  members: readonly PortfolioMember[],
  weights: readonly number[],
  dates: readonly IsoDate[],
  options: BacktestOptions,
): { equity: Float64Array; metrics: Metrics } {
  const ledger = new Ledger(options);
  const slots = newSlots(members, weights);
  const equity = new Float64Array(dates.length);
  let exposedBars = 0;
  const waiting = new Set(slots);
  for (let d = 0; d < dates.length; d++) {
    const date = dates[d] as IsoDate;
    let held = 0;
    for (const slot of slots) {
      const bars = slot.member.bars;
      if (bars.dates[slot.cursor] !== date) {
        held += slot.position.qty * slot.lastClose;
        continue;
      }
      const price = waiting.has(slot)
        ? fillPrice(barAt(bars, slot.cursor, options), "buy", options)
        : NaN;
      if (!Number.isNaN(price)) {
        waiting.delete(slot);
        const qty = ledger.affordable(price, Math.floor(slot.weight * options.cash), date);
        if (qty > 0) ledger.buy(slot.position, qty, price, date, date);
      }
      slot.lastClose = bars.close[slot.cursor] as number;
      slot.cursor++;
      held += slot.position.qty * slot.lastClose;
    }
    equity[d] = ledger.cash + held;
    exposedBars += +(slots.some((s) => s.position.qty > 0));
  }
  const trades = openTrades(ledger, slots);
  const metrics = computeMetrics({ ...ledger.totals(), equity, exposedBars, trades });
  return { equity, metrics };
}
