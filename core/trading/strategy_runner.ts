/**
 * The strategy runner: for one config, reads daily bars through the broker, computes each symbol's
 * target with the strategy code the backtester runs, and turns a target that differs from the
 * position into one order through the journal, under a key that makes the day's run idempotent.
 * Signals are decided on the previous trading day's close, whenever in the session the run happens.
 * @module
 */
import { buyBudget } from "../backtest/mod.ts";
import type { Broker, DailyBar, Holding, OrderRequest } from "../broker/mod.ts";
import {
  affordableQty,
  DEFAULT_CALENDAR,
  fillCosts,
  type IsoDate,
  roundToTick,
  seoulDate,
  type SymbolCode,
  type TradingCalendar,
} from "../krx/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import type { Store } from "../store/mod.ts";
import { type Bars, createBars, getStrategy, type StrategyParamsById } from "../strategies/mod.ts";
import type { OrderJournal } from "./journal.ts";
import { RiskRejected } from "./risk.ts";
import { listStrategyConfigs, type StrategyConfig } from "./strategy_config.ts";
import { saveSignal, type SignalOutcome, type StrategySignal } from "./strategy_signal.ts";

/** Bars read beyond the warm-up, so rules whose state carries over (RSI, bands) have history. */
export const EXTRA_HISTORY_BARS = 120;

/** What a run needs: the store (signals, clock), the broker (bars, quotes, balance), the journal. */
export interface StrategyRunDeps {
  readonly store: Store;
  readonly broker: Broker;
  readonly journal: OrderJournal;
  readonly calendar?: TradingCalendar;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/**
 * Bars before a strategy's first defined signal: the longest indicator period, plus one bar for a
 * moving-average cross (it compares with the previous bar) and for RSI (it needs a first change).
 */
export function warmUpBars(config: Pick<StrategyConfig, "strategy" | "params">): number {
  const of = (id: string, params: unknown): number => {
    switch (id) {
      case "ma-cross":
        return (params as StrategyParamsById["ma-cross"]).slow + 1;
      case "rsi":
        return (params as StrategyParamsById["rsi"]).period + 1;
      case "bollinger":
        return (params as StrategyParamsById["bollinger"]).period;
      default:
        return Math.max(
          ...(params as StrategyParamsById["composite"]).members.map((m) => of(m.id, m.params)),
        );
    }
  };
  return of(config.strategy, config.params);
}

/** The bar count a run reads: the warm-up plus {@link EXTRA_HISTORY_BARS}. */
export function historyBars(config: Pick<StrategyConfig, "strategy" | "params">): number {
  return warmUpBars(config) + EXTRA_HISTORY_BARS;
}

/**
 * The idempotency key of a config's order for one symbol, day and target: a second run on the same
 * day with the same signal finds the first run's order instead of placing another.
 *
 * @example strategyOrderKey("ma-5-20", "2026-11-27", "005930", 1) // "strategy:ma-5-20:2026-11-27:005930:long"
 */
export function strategyOrderKey(
  configId: string,
  day: IsoDate,
  symbol: SymbolCode,
  target: 0 | 1,
): string {
  return `strategy:${configId}:${day}:${symbol}:${target === 1 ? "long" : "flat"}`;
}

/**
 * Runs `config` once: for each symbol, the target of the previous trading day's bar against the
 * position, an order through the journal when they differ, and the signal stored. A disabled
 * config reads and writes nothing. A failure on one symbol is stored with its signal and the run
 * goes on with the next.
 */
export async function runStrategy(
  config: StrategyConfig,
  deps: StrategyRunDeps,
): Promise<StrategySignal[]> {
  if (!config.enabled) return [];
  const { store, broker } = deps;
  const calendar = deps.calendar ?? DEFAULT_CALENDAR;
  const at = store.now();
  const day = seoulDate(at);
  const barDate = calendar.previousTradingDay(day);
  const from = calendar.addTradingDays(barDate, 1 - historyBars(config));
  const balance = await broker.getBalance();
  const signals: StrategySignal[] = [];
  for (const symbol of config.symbols) {
    const run: SymbolRun = {
      symbol,
      day,
      barDate,
      at,
      holding: balance.holdings.find((h) => h.symbol === symbol),
      equity: balance.summary.totalValue,
    };
    let signal: StrategySignal;
    try {
      const bars = await broker.getDailyBars(symbol, { from, to: barDate });
      signal = await decide(config, deps, run, bars);
    } catch (error) {
      signal = noTarget(config, run, { kind: "error", message: failed(config, deps, run, error) });
    }
    await saveSignal(store, signal);
    signals.push(signal);
  }
  return signals;
}

/**
 * Runs every enabled config in the store, one after another (the `strategy-run` job's work);
 * returns each config's signals by id.
 */
export async function runEnabledStrategies(
  deps: StrategyRunDeps,
): Promise<Map<string, StrategySignal[]>> {
  const signals = new Map<string, StrategySignal[]>();
  let cursor: string | null = null;
  do {
    const page = await listStrategyConfigs(deps.store.kv, { cursor });
    for (const config of page.items) {
      if (config.enabled) signals.set(config.id, await runStrategy(config, deps));
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return signals;
}

function strategyTargets(config: StrategyConfig, bars: Bars): Uint8Array {
  const strategy = getStrategy(config.strategy);
  return (strategy.targets as (b: Bars, p: unknown) => Uint8Array)(bars, config.params);
}

interface SymbolRun {
  readonly symbol: SymbolCode;
  readonly day: IsoDate;
  readonly barDate: IsoDate;
  readonly at: number;
  readonly holding: Holding | undefined;
  /** The account's total value when the run began, for equity-fraction sizing. */
  readonly equity: number;
}

/** A signal without a target: no bar to read it from, or a failure before one was read. */
function noTarget(config: StrategyConfig, run: SymbolRun, outcome: SignalOutcome): StrategySignal {
  return {
    ...baseOf(config, run),
    close: null,
    target: null,
    action: "none",
    idempotencyKey: null,
    outcome,
  };
}

function baseOf(config: StrategyConfig, run: SymbolRun) {
  return {
    configId: config.id,
    strategy: config.strategy,
    symbol: run.symbol,
    tradingDay: run.day,
    barDate: run.barDate,
    position: run.holding?.quantity ?? 0,
    at: run.at,
  };
}

/** Logs a failure on one symbol and returns its message for the signal. */
function failed(
  config: StrategyConfig,
  deps: StrategyRunDeps,
  run: SymbolRun,
  error: unknown,
): string {
  const message = error instanceof Error ? error.message : String(error);
  (deps.log ?? defaultLog)("error", "strategy runner: a symbol's run failed", {
    config: config.id,
    symbol: run.symbol,
    error: message,
  });
  return message;
}

async function decide(
  config: StrategyConfig,
  deps: StrategyRunDeps,
  run: SymbolRun,
  daily: readonly DailyBar[],
): Promise<StrategySignal> {
  // KIS's daily chart may already carry today's forming bar; the signal reads completed bars only
  const completed = daily.filter((b) => b.date <= run.barDate);
  const last = completed.at(-1);
  if (last === undefined || last.date !== run.barDate) {
    const reason = `no ${run.symbol} bar for ${run.barDate} (halted or not listed?)`;
    return noTarget(config, run, { kind: "skipped", reason });
  }
  const bars = createBars({
    dates: completed.map((b) => b.date),
    open: completed.map((b) => b.open),
    high: completed.map((b) => b.high),
    low: completed.map((b) => b.low),
    close: completed.map((b) => b.close),
    volume: completed.map((b) => b.volume),
  });
  const targets = strategyTargets(config, bars);
  const target = targets[targets.length - 1] === 1 ? 1 : 0;
  const signal = { ...baseOf(config, run), close: last.close, target } as const;
  const key = strategyOrderKey(config.id, run.day, run.symbol, target);
  const outcome = await act(config, deps, run, target, key, last.close);
  if (outcome === null) {
    return { ...signal, action: "none", idempotencyKey: null, outcome: { kind: "hold" } };
  }
  return { ...signal, action: target === 1 ? "buy" : "sell", idempotencyKey: key, outcome };
}

/** The outcome of acting on `target`, or null when the position already matches it. */
async function act(
  config: StrategyConfig,
  deps: StrategyRunDeps,
  run: SymbolRun,
  target: 0 | 1,
  key: string,
  signalPrice: number,
): Promise<SignalOutcome | null> {
  const { journal } = deps;
  try {
    // An order already under today's key is the decision made: its request is placed again as it
    // was (the journal returns it unless reconciliation found it never sent), never re-sized.
    const existing = await journal.byIdempotencyKey(key);
    const held = run.holding?.quantity ?? 0;
    const request = existing !== null
      ? existing.request
      : target === 1
      ? (held === 0 ? await buyRequest(config, deps, run) : null)
      : (held > 0 ? sellRequest(config, run.holding!, run.day) : null);
    if (request === null) return null;
    if (typeof request === "string") return { kind: "skipped", reason: request };
    const order = await journal.placeOrder({ idempotencyKey: key, order: request, signalPrice });
    return { kind: "order", orderId: order.id, status: order.status };
  } catch (error) {
    if (error instanceof RiskRejected) {
      return { kind: "rejected", rejections: [...error.rejections] };
    }
    return { kind: "error", message: failed(config, deps, run, error) };
  }
}

/** A buy sized by the config's rule, or the reason no share can be bought. */
async function buyRequest(
  config: StrategyConfig,
  deps: StrategyRunDeps,
  run: SymbolRun,
): Promise<OrderRequest | string> {
  const { broker } = deps;
  const quote = await broker.getQuote(run.symbol);
  const limit = Math.min(roundToTick(quote.price, "up", { date: run.day }), quote.upperLimit);
  // KIS holds a market buy's cash at the upper limit, so that is the price a market buy must fit
  const reservePrice = config.orderType === "limit" ? limit : quote.upperLimit;
  const buyable = await broker.getBuyable(
    run.symbol,
    config.orderType === "limit" ? limit : undefined,
  );
  const budget = Math.min(buyBudget(config, buyable.cash, run.equity), buyable.cash);
  const fee = (value: number) =>
    fillCosts({ side: "buy", price: value, qty: 1, date: run.day, market: "KOSPI" }, {
      feeRate: config.feeRate,
    }).fee;
  const quantity = affordableQty(reservePrice, budget, config.feeRate, fee);
  if (quantity === 0) return `₩${budget} buys no share at ₩${reservePrice}`;
  return config.orderType === "limit"
    ? { type: "limit", side: "buy", symbol: run.symbol, quantity, price: limit }
    : { type: "market", side: "buy", symbol: run.symbol, quantity };
}

/** A sell of the whole orderable position (at the last price rounded down, or market). */
function sellRequest(
  config: StrategyConfig,
  holding: Holding,
  day: IsoDate,
): OrderRequest | string {
  const quantity = holding.orderableQuantity;
  if (quantity === 0) {
    return `none of the ${holding.quantity} ${holding.symbol} shares is orderable`;
  }
  return config.orderType === "limit"
    ? {
      type: "limit",
      side: "sell",
      symbol: holding.symbol,
      quantity,
      price: roundToTick(holding.price, "down", { date: day }),
    }
    : { type: "market", side: "sell", symbol: holding.symbol, quantity };
}
