/**
 * Rebalancing: target weights, drift in basis points, and a whole-share order plan that sells
 * first, spends no more cash than the account can (counting D+2 sale proceeds as KIS does, or
 * not), and prices every order on the tick grid within the day's limits. Pure: holdings, prices,
 * cash and dates are passed in. Rules and options: docs/rebalancing.md.
 *
 * @module
 */
export * from "./basis_points.ts";
export {
  type RebalanceConfig,
  type RebalanceConfigInput,
  rebalanceConfigSchema,
  type Target,
  targetSchema,
} from "./config.ts";
export { RebalanceInputError, type RebalanceRefusal } from "./errors.ts";
export { planRebalance } from "./plan.ts";
export type {
  HeldPosition,
  PlannedOrder,
  PriceQuote,
  RebalanceInput,
  RebalancePlan,
  SymbolDrift,
  SymbolStatus,
} from "./types.ts";
