import { z } from "zod";
import {
  DEFAULT_CALENDAR,
  type IsoDate,
  parseIsoDate,
  type TradingCalendar,
} from "../../krx/mod.ts";
import { type Clock, systemClock } from "./clock.ts";
import { whileKvBusy } from "./kv_retry.ts";
import type { MarketDay } from "./market_days.ts";

/**
 * Where KIS's market days live in Deno KV: `["kis", "market_day", "YYYY-MM-DD"]`, one entry per
 * day, holding {@link StoredMarketDay}. A later inquiry overwrites the days it returns.
 */
export const MARKET_DAY_PREFIX = ["kis", "market_day"] as const;

/** The KV value of one market day: KIS's four flags and when they were fetched (ISO instant). */
export interface StoredMarketDay extends Omit<MarketDay, "date"> {
  readonly fetchedAt: string;
}

const storedSchema: z.ZodType<StoredMarketDay> = z.object({
  open: z.boolean(),
  businessDay: z.boolean(),
  tradingDay: z.boolean(),
  settlementDay: z.boolean(),
  fetchedAt: z.string(),
});

// A KV atomic operation takes a bounded number of mutations; KIS answers a few dozen days a call.
const BATCH = 100;

/** Something that answers KIS's holiday inquiry (a `KisBroker` on a real account). */
export interface MarketDaySource {
  getMarketDays(from: IsoDate): Promise<readonly MarketDay[]>;
}

/**
 * Asks `source` for the market days from `from` on and writes them to `kv`; returns how many were
 * stored. Meant to run once a day (scheduling it belongs to the jobs module).
 */
export async function refreshMarketDays(
  kv: Deno.Kv,
  source: MarketDaySource,
  from: IsoDate,
  clock: Clock = systemClock,
): Promise<number> {
  const days = await source.getMarketDays(from);
  const fetchedAt = new Date(clock.now()).toISOString();
  for (let i = 0; i < days.length; i += BATCH) {
    const atomic = kv.atomic();
    for (const day of days.slice(i, i + BATCH)) {
      const { date, ...flags } = day;
      atomic.set([...MARKET_DAY_PREFIX, date], { ...flags, fetchedAt } satisfies StoredMarketDay);
    }
    await whileKvBusy(clock, () => atomic.commit());
  }
  return days.length;
}

/**
 * `base` (default: KRX's bundled calendar) with every market day stored in `kv` applied on top,
 * open or closed as KIS said (`opnd_yn`).
 *
 * @throws {Error} naming the key when a stored entry does not have the documented shape.
 */
export async function storedTradingCalendar(
  kv: Deno.Kv,
  base: TradingCalendar = DEFAULT_CALENDAR,
  clock: Clock = systemClock,
): Promise<TradingCalendar> {
  const entries = await whileKvBusy(
    clock,
    () => Array.fromAsync(kv.list({ prefix: [...MARKET_DAY_PREFIX] })),
  );
  const days = entries.map((entry) => {
    const parsed = storedSchema.safeParse(entry.value);
    if (!parsed.success) {
      throw new Error(`KV entry ${JSON.stringify(entry.key)} is not a stored market day`);
    }
    return {
      date: parseIsoDate(String(entry.key[MARKET_DAY_PREFIX.length])),
      open: parsed.data.open,
    };
  });
  return base.withKnownDays(days);
}
