/**
 * Who asked for an order, read from its idempotency key's prefix: the strategy runner, an alert's
 * exit, a rebalancing run, or a person (the API and the dashboard, whose keys are the caller's).
 * A bounded set, so it can label metrics.
 * @module
 */

/** Where an order came from. */
export type OrderOrigin = "strategy" | "alert" | "rebalance" | "manual";

/** Every origin, for tests and dashboards. */
export const ORDER_ORIGINS: readonly OrderOrigin[] = ["strategy", "alert", "rebalance", "manual"];

const PREFIXES: ReadonlyArray<readonly [string, OrderOrigin]> = [
  ["strategy:", "strategy"],
  ["alert-exit:", "alert"],
  ["rebalance:", "rebalance"],
];

/**
 * The origin of an order placed under `idempotencyKey`: the engine's own prefixes
 * (`strategyOrderKey`, `exitKeyOf`, `rebalanceOrderKey`), otherwise `manual`.
 *
 * @example orderOrigin("alert-exit:01J…") // "alert"
 */
export function orderOrigin(idempotencyKey: string): OrderOrigin {
  return PREFIXES.find(([prefix]) => idempotencyKey.startsWith(prefix))?.[1] ?? "manual";
}
