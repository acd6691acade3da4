/**
 * The symbols whose live prices the dashboard shows: the account's holdings (largest first), then
 * the symbols of active alerts, at most a bounded number.
 * @module
 */
import { AlertRepository } from "../alerts/repository.ts";
import { type Broker, recentBalance } from "../broker/mod.ts";
import type { SymbolCode } from "../krx/mod.ts";
import type { Store } from "../store/mod.ts";

/** The most symbols watched for live prices (KIS holds 41 registrations a session, shared). */
export const LIVE_PRICE_MAX_SYMBOLS = 20;

/**
 * The held symbols (from the broker's recent balance; `held` when that read fails) and the active
 * alerts' symbols, holdings first, at most `max`, sorted.
 */
export async function watchedSymbols(
  store: Store,
  broker: Broker,
  options: { readonly held?: readonly SymbolCode[]; readonly max?: number } = {},
): Promise<{ readonly symbols: SymbolCode[]; readonly held: readonly SymbolCode[] }> {
  const [held, alerts] = await Promise.all([
    recentBalance(broker, { now: store.now }).balance.then(
      (balance) =>
        balance.holdings.filter((h) => h.quantity > 0)
          .sort((a, b) => b.evaluationAmount - a.evaluationAmount)
          .map((h) => h.symbol),
      () => options.held ?? [],
    ),
    new AlertRepository(store).allActive(),
  ]);
  const symbols = [...new Set([...held, ...alerts.map((alert) => alert.symbol)])]
    .slice(0, options.max ?? LIVE_PRICE_MAX_SYMBOLS)
    .sort();
  return { symbols, held };
}
