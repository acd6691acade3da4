/**
 * The demo's first-run seed: strategy configs and alerts on the simulator's symbols, written once
 * per store. A marker entry records that the seed ran, so what the user later deletes stays
 * deleted.
 * @module
 */
import { AlertRepository } from "../alerts/repository.ts";
import type { AlertRuleInput } from "../alerts/mod.ts";
import type { Broker } from "../broker/mod.ts";
import { parseSymbolCode, type SymbolCode, tickSize } from "../krx/mod.ts";
import { KEYS, type Store, StoreConflictError, whileKvBusy } from "../store/mod.ts";
import { readTargets, type RebalanceConfigInput, saveTargets } from "../rebalance/mod.ts";
import { saveStrategyConfig, type StrategyConfigInput } from "../trading/mod.ts";

/** The strategy configs the demo starts with, on symbols the simulator trades. */
export const DEMO_STRATEGY_CONFIGS: readonly StrategyConfigInput[] = [
  {
    id: "demo-ma-cross",
    strategy: "ma-cross",
    params: { fast: 5, slow: 20 },
    symbols: ["005930", "000660"],
    sizing: { kind: "fixed", amount: 2_000_000 },
  },
  {
    id: "demo-rsi",
    strategy: "rsi",
    symbols: ["035420", "035720"],
    sizing: { kind: "fixed", amount: 2_000_000 },
  },
];

/** A demo alert: its symbol and its rule, given the price when the seed runs and that price's tick. */
export interface DemoAlert {
  readonly symbol: SymbolCode;
  readonly rule: (price: number, tick: number) => AlertRuleInput;
}

/**
 * The alerts the demo starts with, a few ticks around the price at the seed so the first minutes
 * of ticks trigger some: a price bracket one tick either side on SK하이닉스 (any move fires one),
 * and a stop-loss/take-profit pair three ticks either side on 삼성전자, which the moving-average
 * config buys. They notify only; an exit sell is the user's choice.
 */
export const DEMO_ALERTS: readonly DemoAlert[] = [
  {
    symbol: parseSymbolCode("000660"),
    rule: (p, tick) => ({ kind: "price_above", price: p + tick }),
  },
  {
    symbol: parseSymbolCode("000660"),
    rule: (p, tick) => ({ kind: "price_below", price: p - tick }),
  },
  {
    symbol: parseSymbolCode("005930"),
    rule: (p, tick) => ({ kind: "stop_loss", trigger: { basis: "price", price: p - 3 * tick } }),
  },
  {
    symbol: parseSymbolCode("005930"),
    rule: (p, tick) => ({ kind: "take_profit", trigger: { basis: "price", price: p + 3 * tick } }),
  },
];

/**
 * The demo account's rebalancing targets: four of the simulator's symbols at 15 % each and the
 * rest in cash, so a preview on the seeded account has something to buy and, once the
 * strategies have bought, something to trim.
 */
export const DEMO_TARGETS: RebalanceConfigInput = {
  targets: [
    { symbol: "005930", weight: 0.15 },
    { symbol: "000660", weight: 0.15 },
    { symbol: "035420", weight: 0.15 },
    { symbol: "035720", weight: 0.15 },
  ],
  minTradeKrw: 100_000,
  driftBand: 2,
};

/** What the demo seed wrote. */
export interface DemoSeed {
  /** Ids of the strategy configs created. */
  readonly strategyConfigs: readonly string[];
  /** Ids of the alerts created. */
  readonly alerts: readonly string[];
  /** Whether the rebalancing targets were written. */
  readonly targets: boolean;
}

/**
 * Saves {@link DEMO_STRATEGY_CONFIGS} and {@link DEMO_ALERTS} (on `market.account`, around the
 * broker's current prices) unless the store was seeded before; returns the ids it created (none
 * on a later start). A config whose id already exists is left as it is.
 */
export async function seedDemo(
  store: Store,
  market: { readonly broker: Broker; readonly account: string },
): Promise<DemoSeed> {
  const marker = await whileKvBusy(() => store.kv.get(KEYS.demoSeeded()));
  if (marker.versionstamp !== null) return { strategyConfigs: [], alerts: [], targets: false };
  const strategyConfigs: string[] = [];
  for (const config of DEMO_STRATEGY_CONFIGS) {
    try {
      strategyConfigs.push((await saveStrategyConfig(store, config, null)).config.id);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  const repository = new AlertRepository(store);
  const alerts: string[] = [];
  for (const { symbol, rule } of DEMO_ALERTS) {
    const { price } = await market.broker.getQuote(symbol);
    const draft = { account: market.account, symbol, rule: rule(price, tickSize(price)) };
    alerts.push((await repository.create(draft)).id);
  }
  const targets = await readTargets(store, market.account) === null;
  if (targets) await saveTargets(store, market.account, DEMO_TARGETS, null, "demo-seed");
  await whileKvBusy(() =>
    store.kv.set(KEYS.demoSeeded(), { at: new Date(store.now()).toISOString() })
  );
  return { strategyConfigs, alerts, targets };
}
