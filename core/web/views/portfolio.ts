/**
 * The portfolio page's numbers: the account's totals and holdings from the broker's balance, each
 * holding's return and weight, the allocation (holdings and cash), the active alerts by symbol and
 * the journal's latest orders.
 * @module
 */
import { AlertRepository } from "../../alerts/repository.ts";
import type { Broker } from "../../broker/mod.ts";
import type { Store } from "../../store/mod.ts";
import type { BrokerRead } from "./broker_read.ts";
import { recentBalance } from "./balance_cache.ts";
import { loadOrders, type OrderRow } from "./orders.ts";
import { type PortfolioBalanceView, portfolioOfBalance } from "./portfolio_view.ts";

export {
  type AllocationSlice,
  type HoldingRow,
  type PortfolioBalanceView,
  portfolioOfBalance,
  type PortfolioTotals,
} from "./portfolio_view.ts";

/** What the portfolio page shows: the broker's part (or why it is missing) and the journal's. */
export interface PortfolioView {
  readonly balance: BrokerRead<PortfolioBalanceView>;
  readonly recentOrders: readonly OrderRow[];
  /** How many active alerts watch each symbol (symbols without one are absent). */
  readonly activeAlerts: Readonly<Record<string, number>>;
  /** When the balance was read on the market's clock (epoch ms; simulated in the demo); it may be a few seconds old. */
  readonly asOf: number;
}

/**
 * The portfolio of `accountId`: the broker's recent balance (see {@link recentBalance}), its active
 * alerts counted by symbol and its five latest journal orders.
 */
export async function loadPortfolio(
  services: { readonly store: Store; readonly broker: Broker },
  accountId: string,
  cashLabel: string,
  options: { readonly balanceMaxAgeMs?: number } = {},
): Promise<PortfolioView> {
  const [balance, orders, activeAlerts] = await Promise.all([
    recentBalance(services.broker, {
      maxAgeMs: options.balanceMaxAgeMs,
      now: services.store.now,
    }),
    loadOrders(services.store, accountId, { limit: 5 }),
    activeAlertsBySymbol(services.store, accountId),
  ]);
  return {
    balance: balance.read.ok
      ? { ok: true, value: portfolioOfBalance(balance.read.value, cashLabel) }
      : balance.read,
    recentOrders: orders.rows,
    activeAlerts,
    asOf: balance.at,
  };
}

/** The account's active alerts counted by symbol, over every page of its alerts. */
async function activeAlertsBySymbol(
  store: Store,
  accountId: string,
): Promise<Record<string, number>> {
  const alerts = new AlertRepository(store);
  const counts: Record<string, number> = {};
  let cursor: string | null = null;
  do {
    const page = await alerts.listByAccount(accountId, { cursor, limit: 500 });
    for (const alert of page.items) {
      if (alert.state.status === "active") counts[alert.symbol] = (counts[alert.symbol] ?? 0) + 1;
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return counts;
}
