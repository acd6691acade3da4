import type { IsoDate } from "../krx/mod.ts";
import type { Bars, IndicatorCache, Strategy } from "../strategies/mod.ts";
import type { CostModel } from "./cost_model.ts";
import { barAt, fillPrice } from "./fill_price.ts";
import { fusedRun } from "./fused/mod.ts";
import { costModelFor, Ledger, Position } from "./ledger.ts";
import { buyBudget } from "./sizing.ts";
import { computeMetrics } from "./metrics.ts";
import type { BacktestOptions } from "./options.ts";
import type { FillRecord, Metrics, Trade } from "./types.ts";

/** Everything a single-symbol run produced; `equity[t]` is the account marked at `dates[t]`'s close. */
export interface BacktestResult {
  readonly symbol: string;
  readonly dates: readonly IsoDate[];
  readonly targets: Uint8Array;
  readonly equity: Float64Array;
  readonly fills: readonly FillRecord[];
  /** Closed round trips in order, then the open position (if any) marked at the last close. */
  readonly trades: readonly Trade[];
  readonly metrics: Metrics;
  /** Buying all-in at the first bar and holding, with the same fill, cost and slippage rules. */
  readonly benchmark: { readonly equity: Float64Array; readonly metrics: Metrics };
}

/**
 * Runs one symbol against position targets (1 long, 0 flat, one per bar, decided on that bar's
 * close). With `fill: "open"` the order for bar t's target fills at bar t+1's open, so the last
 * bar's target is never traded; with `fill: "close"` it fills at bar t's close.
 */
export function runBacktest(
  bars: Bars,
  targets: Uint8Array,
  options: BacktestOptions,
  symbol = "",
): BacktestResult {
  const n = bars.close.length;
  if (targets.length !== n) {
    throw new RangeError(`targets has length ${targets.length}, bars has ${n}`);
  }
  const ledger = new Ledger(options);
  const position = new Position(symbol);
  const equity = new Float64Array(n);
  const exposedBars = simulate(bars, targets, ledger, position, equity);
  const trades = withOpenTrade(ledger, position, bars);
  const metrics = computeMetrics({ ...ledger.totals(), equity, exposedBars, trades });
  return {
    symbol,
    dates: bars.dates,
    targets,
    equity,
    fills: ledger.fills,
    trades,
    metrics,
    benchmark: buyAndHold(bars, options, symbol),
  };
}

/**
 * Computes the strategy's targets and gives {@link runBacktest}'s result on them, through the
 * strategy's fused kernel where it offers one and the options allow.
 */
export function backtestStrategy<P>(
  bars: Bars,
  strategy: Strategy<P>,
  params: P,
  options: BacktestOptions,
  symbol = "",
): BacktestResult {
  const targets = strategy.targets(bars, params);
  const fused = fusedRun(strategy, options);
  const equity = new Float64Array(bars.close.length);
  const metrics = fused?.metrics(bars, params, equity) ?? null;
  if (fused === null || metrics === null) return runBacktest(bars, targets, options, symbol);
  return {
    symbol,
    dates: bars.dates,
    targets,
    equity,
    fills: fused.fills(symbol),
    trades: fused.trades(symbol),
    metrics,
    benchmark: buyAndHold(bars, options, symbol),
  };
}

/** Metrics and trades of one symbol in a market-wide run. */
export interface SymbolSummary {
  readonly symbol: string;
  readonly metrics: Metrics;
  readonly trades: readonly Trade[];
}

/**
 * Backtests each symbol on its own account with `options.cash`, reusing indicator, target and
 * equity buffers and one cost model across symbols so the per-bar work allocates nothing. A
 * strategy's fused kernel runs wherever it gives the same results.
 */
export function backtestMarket<P>(
  universe: readonly { readonly symbol: string; readonly bars: Bars }[],
  strategy: Strategy<P>,
  params: P,
  options: BacktestOptions,
  cache?: IndicatorCache,
): SymbolSummary[] {
  const costs = costModelFor(options);
  const buffers = new Map<number, { targets: Uint8Array; equity: Float64Array }>();
  const fused = fusedRun(strategy, options, { costs });
  return universe.map(({ symbol, bars }) => {
    if (fused !== null) {
      const metrics = fused.metrics(bars, params);
      if (metrics !== null) return { symbol, metrics, trades: fused.trades(symbol) };
    }
    const n = bars.close.length;
    let buffer = buffers.get(n);
    if (buffer === undefined) {
      buffer = { targets: new Uint8Array(n), equity: new Float64Array(n) };
      buffers.set(n, buffer);
    }
    strategy.targets(bars, params, buffer.targets, cache);
    return summarize(bars, buffer.targets, options, symbol, buffer.equity, { costs });
  });
}

/** How {@link summarize} shares its cost model and whether it lists trades. */
export interface SummarySettings {
  /** One model for many symbols shares its tax-rate lookups; default: a new one. */
  readonly costs?: CostModel;
  /** Whether to list the trades (default true); sweeps need only the metrics. */
  readonly keepTrades?: boolean;
}

/** Runs one symbol into a caller-owned equity buffer and keeps only metrics and trades. */
export function summarize(
  bars: Bars,
  targets: Uint8Array,
  options: BacktestOptions,
  symbol: string,
  equity: Float64Array,
  settings: SummarySettings = {},
): SymbolSummary {
  const keepTrades = settings.keepTrades ?? true;
  const ledger = new Ledger(options, { costs: settings.costs, journal: keepTrades });
  const position = new Position(symbol);
  const exposedBars = simulate(bars, targets, ledger, position, equity);
  const trades = keepTrades ? withOpenTrade(ledger, position, bars) : [];
  const metrics = computeMetrics({
    ...ledger.totals(),
    equity,
    exposedBars,
    trades: ledger.tally,
  });
  return { symbol, metrics, trades };
}

/** The bar loop: fills orders, marks equity at each close, returns the number of exposed closes. */
function simulate(
  bars: Bars,
  targets: Uint8Array,
  ledger: Ledger,
  position: Position,
  equity: Float64Array,
): number {
  const close = bars.close;
  const n = close.length;
  const lag = ledger.options.fill === "open" ? 1 : 0;
  let exposed = 0;
  let previousEquity = ledger.cash;
  for (let t = 0; t < n; t++) {
    const decision = t - lag;
    if (decision >= 0 && targets[decision] !== +(position.qty > 0)) {
      execute(bars, t, decision, ledger, position, previousEquity);
    }
    const qty = position.qty;
    const marked = ledger.cash + qty * (close[t] as number);
    equity[t] = marked;
    previousEquity = marked;
    exposed += +(qty > 0);
  }
  return exposed;
}

function execute(
  bars: Bars,
  t: number,
  decision: number,
  ledger: Ledger,
  position: Position,
  previousEquity: number,
): void {
  const options = ledger.options;
  const side = position.qty === 0 ? "buy" : "sell";
  const date = bars.dates[t] as IsoDate;
  const price = fillPrice(barAt(bars, t, options), side, options);
  if (Number.isNaN(price)) {
    ledger.blockedOrders++;
    return;
  }
  const decisionDate = bars.dates[decision] as IsoDate;
  if (side === "sell") {
    ledger.sell(position, position.qty, price, date, decisionDate);
    return;
  }
  const qty = ledger.affordable(price, buyBudget(options, ledger.cash, previousEquity), date);
  if (qty > 0) ledger.buy(position, qty, price, date, decisionDate);
}

/** All-in at the first bar where a buy fills under the same rules, then held to the end. */
function buyAndHold(
  bars: Bars,
  options: BacktestOptions,
  symbol: string,
): { equity: Float64Array; metrics: Metrics } {
  const n = bars.close.length;
  const ledger = new Ledger(options);
  const position = new Position(symbol);
  const equity = new Float64Array(n);
  let start = 0;
  for (; start < n; start++) {
    const price = fillPrice(barAt(bars, start, options), "buy", options);
    if (Number.isNaN(price)) continue;
    const date = bars.dates[start] as IsoDate;
    const qty = ledger.affordable(price, ledger.cash, date);
    if (qty > 0) ledger.buy(position, qty, price, date, date);
    break;
  }
  for (let t = 0; t < n; t++) equity[t] = ledger.cash + position.qty * (bars.close[t] as number);
  const trades = withOpenTrade(ledger, position, bars);
  const exposedBars = position.qty > 0 ? n - start : 0;
  return {
    equity,
    metrics: computeMetrics({ ...ledger.totals(), equity, exposedBars, trades }),
  };
}

function withOpenTrade(ledger: Ledger, position: Position, bars: Bars): Trade[] {
  const last = bars.close[bars.close.length - 1];
  const open = last === undefined ? null : ledger.openTrade(position, last);
  return open === null ? ledger.trades : [...ledger.trades, open];
}
