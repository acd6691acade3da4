/**
 * The strategies page: every configured strategy with its parameters and its latest signals.
 * @module
 */
import type { Store } from "../../store/mod.ts";
import {
  listSignals,
  listStrategyConfigs,
  type StrategyConfig,
  type StrategySignal,
} from "../../trading/mod.ts";

/** One config and its latest signals, newest first. */
export interface StrategyRow {
  readonly config: StrategyConfig;
  readonly signals: readonly StrategySignal[];
}

/** Every config (up to 100, by id) with up to `signalsPerConfig` of its latest signals. */
export async function loadStrategies(
  store: Store,
  signalsPerConfig = 5,
): Promise<readonly StrategyRow[]> {
  const configs = await listStrategyConfigs(store.kv, { limit: 100 });
  return await Promise.all(configs.items.map(async (config) => {
    const signals = await listSignals(store.kv, config.id, {
      limit: signalsPerConfig,
      reverse: true,
    });
    return { config, signals: signals.items };
  }));
}
