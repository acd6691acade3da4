/**
 * Strategy signals in the store, one per config, trading day and symbol: the bar the target was
 * read from, what the runner did about it and how that ended, for the dashboard and the report.
 * @module
 */
import { z } from "zod";
import type { IsoDate } from "../krx/mod.ts";
import {
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import { ORDER_STATUSES } from "./order_state.ts";

/**
 * How a run ended for one symbol: no change needed (`hold`), an order placed or found under the
 * key (`order`), refused by the risk checks (`rejected`), nothing to trade (`skipped`: no bar for
 * the signal date, cash for no whole share, no orderable shares), or a broker failure (`error`).
 */
export const signalOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hold") }),
  z.object({ kind: z.literal("order"), orderId: z.string(), status: z.enum(ORDER_STATUSES) }),
  z.object({
    kind: z.literal("rejected"),
    rejections: z.array(z.object({ code: z.string(), message: z.string() }).loose()),
  }),
  z.object({ kind: z.literal("skipped"), reason: z.string() }),
  z.object({ kind: z.literal("error"), message: z.string() }),
]);

/** How a run ended for one symbol. */
export type SignalOutcome = z.infer<typeof signalOutcomeSchema>;

/** One symbol's signal of one config on one KST trading day. */
export const strategySignalSchema = z.object({
  configId: z.string(),
  strategy: z.string(),
  symbol: z.string(),
  /** The KST day the runner ran (the key's day). */
  tradingDay: z.string(),
  /** The completed bar the target was read from (the previous trading day's close). */
  barDate: z.string(),
  /** That bar's close, null when there was no bar for that date. */
  close: z.number().nullable(),
  /** 1 long, 0 flat; null when there was no bar. */
  target: z.union([z.literal(0), z.literal(1)]).nullable(),
  /** Shares held when the run looked. */
  position: z.int().min(0),
  /** What the signal asked for against the position. */
  action: z.enum(["buy", "sell", "none"]),
  /** The order's key; null without an order. */
  idempotencyKey: z.string().nullable(),
  outcome: signalOutcomeSchema,
  /** Epoch ms of the run. */
  at: z.int(),
});

/** One symbol's signal of one config on one KST trading day. */
export type StrategySignal = z.infer<typeof strategySignalSchema>;

/** Writes `signal` over the day's earlier one for the same config and symbol (the latest run wins). */
export async function saveSignal(store: Store, signal: StrategySignal): Promise<void> {
  const key = KEYS.signal(signal.configId, signal.tradingDay as IsoDate, signal.symbol);
  await whileKvBusy(() => setChecked(store.kv.atomic(), key, signal).commit());
}

/** The signal of `configId` for `symbol` on `day`, or null. */
export async function getSignal(
  kv: Deno.Kv,
  configId: string,
  day: IsoDate,
  symbol: string,
): Promise<StrategySignal | null> {
  const entry = await whileKvBusy(() => kv.get(KEYS.signal(configId, day, symbol)));
  return entry.value === null ? null : strategySignalSchema.parse(entry.value);
}

/** A page of `configId`'s signals, oldest day first (newest first with `reverse`). */
export function listSignals(
  kv: Deno.Kv,
  configId: string,
  request?: PageRequest,
): Promise<Page<StrategySignal>> {
  return whileKvBusy(() =>
    listPage(kv, { prefix: [...PREFIXES.signals, configId] }, strategySignalSchema, request)
  );
}
