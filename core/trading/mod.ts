/**
 * The trading engine's foundation: the order journal (idempotent placement, the order state
 * machine, reconciliation with the broker), the risk checks, the kill switch and the strategy
 * runner with its configs and signals.
 * @module
 */
export { type BrokerFailure } from "./failure.ts";
export { BALANCE_READING_MAX_AGE_MS, type BalanceReading } from "./balance_reading.ts";
export type { PriceReading } from "./price_reading.ts";
export {
  type AmendOptions,
  failureChange,
  IdempotencyKeyReusedError,
  type JointWrite,
  JointWriteConflictError,
  type OrderIntent,
  OrderJournal,
  type OrderJournalOptions,
  type PlaceOptions,
} from "./journal.ts";
export {
  type BrokerRef,
  brokerRefSchema,
  canTransition,
  type FillTotals,
  IllegalTransitionError,
  type JournalOrder,
  journalOrderSchema,
  OPEN_STATUSES,
  ORDER_STATUSES,
  type OrderBase,
  orderRequestSchema,
  type OrderStateChange,
  type OrderStatus,
  sameRequest,
  transition,
  TRANSITIONS,
} from "./order_state.ts";
export { NO_TRADING_OBSERVER, type TradingObserver } from "./observer.ts";
export {
  OrderRepository,
  type PlacementView,
  RefClaimedError,
  type StoredOrder,
} from "./order_repository.ts";
export {
  changeFromRecord,
  isNewOrder,
  matchesIntent,
  RECONCILE_DEFAULTS,
  type ReconcileOptions,
  type ReconcileReport,
  recordInstant,
} from "./reconcile.ts";
export {
  checkOrder,
  KRX_ACCEPTING_PHASES,
  orderAmount,
  type RiskLimits,
  RiskRejected,
  type RiskRejection,
  type RiskSnapshot,
  routeOpen,
} from "./risk.ts";
export {
  KILL_SWITCH_KEY,
  KILL_SWITCH_OFF,
  KILL_SWITCH_POLL_MS,
  type KillSwitch,
  readKillSwitch,
  setKillSwitch,
  watchKillSwitch,
} from "./kill_switch.ts";
export {
  DEFAULT_RISK_LIMITS,
  readRiskLimits,
  RISK_LIMITS_KEY,
  riskLimitsSchema,
  saveRiskLimits,
} from "./risk_settings.ts";
export {
  AMENDABLE_STATUSES,
  AmendmentKeyReusedError,
  type AmendmentRequest,
  amendmentRequestSchema,
  type AmendmentState,
  type AmendmentStatus,
  OPEN_AMENDMENT_STATUSES,
  type OrderAmendment,
  orderAmendmentSchema,
  OrderNotAmendableError,
  OrderNotFoundError,
} from "./amendment.ts";
export {
  type AmendContext,
  type AmendmentReconcileReport,
  amendOrder,
  matchesAmendment,
  reconcileAmendments,
} from "./amend.ts";
export {
  AckClaimedError,
  AmendmentRepository,
  type StoredAmendment,
} from "./amendment_repository.ts";
export { appendFill, type Fill, fillBetween, fillSchema, fillsOn, listFills } from "./fills.ts";
export {
  getPosition,
  listPositions,
  type Position,
  positionSchema,
  type PositionsSync,
  syncPositions,
} from "./positions.ts";
export * from "./strategy_config.ts";
export * from "./strategy_signal.ts";
export * from "./strategy_runner.ts";
export { ORDER_ORIGINS, type OrderOrigin, orderOrigin } from "./origin.ts";
