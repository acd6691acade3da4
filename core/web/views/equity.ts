/**
 * The portfolio page's equity curve: the last 90 days of daily reports, today's live point and
 * the KOSPI 200 ETF's closes (core/report `loadEquityHistory`), the broker's reads bounded by the
 * page's deadline so a slow broker leaves the curve without its live point or benchmark.
 * @module
 */
import { type Broker, recentBalance } from "../../broker/mod.ts";
import { CachedBrokerBars } from "../../data/mod.ts";
import { seoulDate } from "../../krx/mod.ts";
import { defaultEquityRange, type EquityHistory, loadEquityHistory } from "../../report/mod.ts";
import type { Store } from "../../store/mod.ts";
import { readBroker } from "./broker_read.ts";

/** The equity history of `accountId` over the default range up to today (KST). */
export function loadEquity(
  services: { readonly store: Store; readonly broker: Broker },
  accountId: string,
): Promise<EquityHistory> {
  const { store, broker } = services;
  return loadEquityHistory({
    store,
    accountId,
    balance: () => recentBalance(broker, { now: store.now }).balance,
    bars: new CachedBrokerBars({ broker, kv: store.kv, now: store.now }),
    guard: readBroker,
  }, defaultEquityRange(seoulDate(store.now())));
}
