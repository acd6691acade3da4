/**
 * Rebalancing: target weights, drift in basis points, and a whole-share order plan that sells
 * first, spends no more cash than the account can (counting D+2 sale proceeds as KIS does, or
 * not), and prices every order on the tick grid within the day's limits. The planner is pure:
 * holdings, prices, cash and dates are passed in. Beside it, the I/O edge: targets in the store,
 * previews on the broker's balance, and executions through the order journal stored as runs.
 * Rules and options: docs/rebalancing.md.
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
export {
  executeRebalance,
  previewRebalance,
  type RebalanceDeps,
  rebalanceOrderKey,
  type RebalancePreview,
} from "./execute.ts";
export {
  getRun,
  listRuns,
  rebalancePlanSchema,
  type RebalanceRun,
  rebalanceRunSchema,
  type RunOrder,
  type RunOrderOutcome,
  type RunResult,
  saveRun,
} from "./run.ts";
export {
  NoTargetsError,
  readTargets,
  saveTargets,
  type StoredTargets,
  TargetsInvalidError,
} from "./targets_store.ts";
