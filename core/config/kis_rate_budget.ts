/**
 * How the KIS client keeps its app key's rate budget, from `KIS_RATE_BUDGET`: `shared` (a KV
 * commit per request, for processes that share the key) or `leased` (spent from memory under a
 * KV lease, for the one process that uses the key). Unset: the runtime's default, `leased` in the
 * embedded demo and `shared` with KIS keys (see docs/kis.md, "Rate budget").
 * @module
 */
import { z } from "zod";
import type { RateBudgetSharing } from "../broker/kis/mod.ts";

const RateBudgetEnv = z.enum(["shared", "leased"], {
  error: "KIS_RATE_BUDGET must be shared or leased",
}).optional();

/**
 * Reads `KIS_RATE_BUDGET` (empty counts as unset, then undefined); throws an `Error` naming the
 * variable for any other value.
 * @example
 * ```ts
 * parseRateBudgetEnv({ KIS_RATE_BUDGET: "leased" }); // "leased"
 * ```
 */
export function parseRateBudgetEnv(
  env: Record<string, string | undefined>,
): RateBudgetSharing | undefined {
  const result = RateBudgetEnv.safeParse(env.KIS_RATE_BUDGET || undefined);
  if (!result.success) {
    throw new Error(`invalid KIS environment: ${result.error.issues[0]!.message}`);
  }
  return result.data;
}
