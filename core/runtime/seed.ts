/**
 * The demo's first-run seed: strategy configs on the simulator's symbols, written once per store.
 * A marker entry records that the seed ran, so a config the user later deletes stays deleted.
 * @module
 */
import { KEYS, type Store, StoreConflictError, whileKvBusy } from "../store/mod.ts";
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

/**
 * Saves {@link DEMO_STRATEGY_CONFIGS} unless the store was seeded before; returns the ids it
 * created (none on a later start). A config whose id already exists is left as it is.
 */
export async function seedDemo(store: Store): Promise<string[]> {
  const marker = await whileKvBusy(() => store.kv.get(KEYS.demoSeeded()));
  if (marker.versionstamp !== null) return [];
  const created: string[] = [];
  for (const config of DEMO_STRATEGY_CONFIGS) {
    try {
      created.push((await saveStrategyConfig(store, config, null)).config.id);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  await whileKvBusy(() =>
    store.kv.set(KEYS.demoSeeded(), { at: new Date(store.now()).toISOString() })
  );
  return created;
}
