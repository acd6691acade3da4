/**
 * Price alerts: stop-loss, take-profit (a price or a percentage from the average cost), trailing
 * stops and plain price alerts, with the index that evaluates a tick against only the alerts it
 * fires. Pure: ids, times, prices and average costs are passed in. docs/alerts.md.
 * @module
 */
export {
  type Alert,
  type AlertAction,
  alertActionSchema,
  type AlertDraft,
  alertDraftSchema,
  type AlertRule,
  type AlertRuleInput,
  alertRuleInputSchema,
  alertRuleSchema,
  alertSchema,
  type AlertState,
  alertStateSchema,
  MAX_ALERT_PRICE,
} from "./schema.ts";
export {
  type AlertChanges,
  createAlert,
  type CreateContext,
  disableAlert,
  enableAlert,
  markTriggered,
  type PositionContext,
  raiseHighWaterMark,
  resolveRule,
  updateAlert,
} from "./alert.ts";
export { type AlertIssue, AlertValidationError } from "./errors.ts";
export { levelAbove, levelBelow } from "./levels.ts";
export { compareTriggers, type Direction, ruleDirection, type Trigger } from "./trigger.ts";
export { AlertIndex } from "./alert_index.ts";
export { LinearAlertEvaluator } from "./linear.ts";
