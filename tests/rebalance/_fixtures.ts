import { type IsoDate, parseIsoDate, parseSymbolCode } from "../../core/krx/mod.ts";
import {
  planRebalance,
  type RebalanceConfigInput,
  rebalanceConfigSchema,
  type RebalanceInput,
  type RebalancePlan,
} from "../../core/rebalance/mod.ts";

/** Three KOSPI stocks, named for the tests. */
export const A = parseSymbolCode("005930");
export const B = parseSymbolCode("000660");
export const C = parseSymbolCode("035720");
export const D = parseSymbolCode("051910");

/** A trading day on which KOSPI's sell tax is 0.20 % (the 2026 rate). */
export const DATE: IsoDate = parseIsoDate("2026-03-03");

/** A quote whose last price is also its base, so the limits are ±30 % of it. */
export function flat(price: number): { price: number; basePrice: number } {
  return { price, basePrice: price };
}

/** Plans with the settings written as a user would, defaults filled in by the schema. */
export function plan(config: RebalanceConfigInput, input: RebalanceInput): RebalancePlan {
  return planRebalance(rebalanceConfigSchema.parse(config), input);
}
