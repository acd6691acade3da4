/**
 * Reading the equity history: the reports' equity records from the store, today's balance and the
 * benchmark's daily bars from the broker (bars through a cache), each broker read guarded so a
 * failure becomes a reason in the answer rather than an error.
 * @module
 */
import { type Balance, BrokerError } from "../broker/mod.ts";
import type { DailyBarSource } from "../data/mod.ts";
import { addDays, type IsoDate, parseSymbolCode, seoulDate } from "../krx/mod.ts";
import type { Store } from "../store/mod.ts";
import {
  type BenchmarkBar,
  EQUITY_BENCHMARK,
  type EquityHistory,
  equityHistory,
} from "./equity_series.ts";
import { equityRecords } from "./repository.ts";

/** Days in the default range: today and the 89 before it. */
export const EQUITY_DEFAULT_DAYS = 90;

/** Longest range asked for, in days. */
export const EQUITY_MAX_DAYS = 366;

/** A broker read's value, or why there is none. */
export type GuardedRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** What {@link loadEquityHistory} reads from. */
export interface EquityHistoryDeps {
  readonly store: Store;
  readonly accountId: string;
  /** Today's balance (a shared recent read). */
  readonly balance: () => Promise<Balance>;
  /** Daily bars of the benchmark. */
  readonly bars: DailyBarSource;
  /** Runs a broker read (default: a {@link BrokerError} becomes its message). */
  readonly guard?: <T>(read: () => Promise<T>) => Promise<GuardedRead<T>>;
}

/** The default range: the {@link EQUITY_DEFAULT_DAYS} days up to `today`. */
export function defaultEquityRange(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, 1 - EQUITY_DEFAULT_DAYS), to: today };
}

/** The account's equity history from `from` to `to` (see `equityHistory`). */
export async function loadEquityHistory(
  deps: EquityHistoryDeps,
  { from, to }: { readonly from: IsoDate; readonly to: IsoDate },
): Promise<EquityHistory> {
  const guard = deps.guard ?? brokerErrorsAsReasons;
  const symbol = parseSymbolCode(EQUITY_BENCHMARK.symbol);
  const [{ rows, before }, live, bars] = await Promise.all([
    equityRecords(deps.store, deps.accountId, { from, to }),
    guard(deps.balance),
    guard(() => deps.bars.bars(symbol, { from, to })),
  ]);
  return equityHistory({
    from,
    to,
    today: seoulDate(deps.store.now()),
    rows,
    before,
    live,
    bars: bars.ok
      ? {
        ok: true,
        value: bars.value.map((bar): BenchmarkBar => ({ date: bar.date, close: bar.close })),
      }
      : bars,
  });
}

async function brokerErrorsAsReasons<T>(read: () => Promise<T>): Promise<GuardedRead<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof BrokerError) return { ok: false, error: error.message };
    throw error;
  }
}
