import type { BacktestOptions } from "./options.ts";

/**
 * KRW a new position may use under the sizing rule, before the cash cap; the strategy runner sizes
 * live buys with it too.
 */
export function buyBudget(
  options: Pick<BacktestOptions, "sizing">,
  cash: number,
  equity: number,
): number {
  const sizing = options.sizing;
  if (sizing.kind === "fixed") return sizing.amount;
  if (sizing.kind === "equity-fraction") return Math.floor(equity * sizing.fraction);
  return cash;
}
