import type { BacktestOptions } from "./options.ts";

/** KRW a new position may use under the sizing rule, before the cash cap. */
export function buyBudget(options: BacktestOptions, cash: number, equity: number): number {
  const sizing = options.sizing;
  if (sizing.kind === "fixed") return sizing.amount;
  if (sizing.kind === "equity-fraction") return Math.floor(equity * sizing.fraction);
  return cash;
}
