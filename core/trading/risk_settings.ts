/**
 * The account's risk limits as a stored setting: read with defaults when never set, replaced
 * whole by a validated, audited write. The journal checks every order against them.
 * @module
 */
import { z } from "zod";
import { commitOrConflict, KEYS, retryOnConflict, type Store, whileKvBusy } from "../store/mod.ts";
import type { RiskLimits } from "./risk.ts";

/** The key of the risk limits. */
export const RISK_LIMITS_KEY: Deno.KvKey = KEYS.setting("risk_limits");

/**
 * The limits a new install trades under: small enough that a mistake costs little, wide enough
 * for the demo's ₩10,000,000 account and its two strategies.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderKrw: 3_000_000,
  maxDailyKrw: 20_000_000,
  maxPositionWeightBps: 4_000,
  maxOpenOrders: 20,
};

const won = z.number().int().positive().max(1_000_000_000_000);

/** Validates a full set of risk limits (every field required, unknown fields refused). */
export const riskLimitsSchema: z.ZodType<RiskLimits> = z.strictObject({
  maxOrderKrw: won,
  maxDailyKrw: won,
  maxPositionWeightBps: z.number().int().min(1).max(10_000),
  maxOpenOrders: z.number().int().min(1).max(1_000),
}).refine((limits) => limits.maxOrderKrw <= limits.maxDailyKrw, {
  message: "maxOrderKrw must not exceed maxDailyKrw",
  path: ["maxOrderKrw"],
});

/** The stored limits, or {@link DEFAULT_RISK_LIMITS} when none were saved. */
export async function readRiskLimits(kv: Deno.Kv): Promise<RiskLimits> {
  const entry = await whileKvBusy(() => kv.get(RISK_LIMITS_KEY));
  if (entry.value === null) return DEFAULT_RISK_LIMITS;
  return riskLimitsSchema.parse(entry.value);
}

/**
 * Replaces the limits with `limits` (validated first, so a bad value writes nothing) and audits
 * the change with the previous values and who made it.
 *
 * @throws {z.ZodError} when `limits` does not parse.
 */
export async function saveRiskLimits(
  store: Store,
  limits: unknown,
  by: string,
): Promise<RiskLimits> {
  const next = riskLimitsSchema.parse(limits);
  await retryOnConflict(async () => {
    const entry = await whileKvBusy(() => store.kv.get(RISK_LIMITS_KEY));
    const before = entry.value === null ? DEFAULT_RISK_LIMITS : riskLimitsSchema.parse(entry.value);
    const op = store.kv.atomic().check(entry).set(RISK_LIMITS_KEY, next);
    store.audit.appendTo(op, {
      kind: "config",
      action: "risk_limits_changed",
      subject: "risk_limits",
      data: { before, after: next, by },
    });
    await commitOrConflict(op, "risk limits");
  });
  return next;
}
