/**
 * The notification of a fired alert: one message per trigger, deduplicated by the alert's id so a
 * trigger handled twice is delivered once. Pure.
 * @module
 */
import type { Notification } from "../notify/mod.ts";
import type { AlertTriggerRecord } from "./repository.ts";
import type { Alert, AlertRule } from "./schema.ts";

const RULES: Record<AlertRule["kind"], { label: string; severity: Notification["severity"] }> = {
  // a stop fires on a falling position: the message that must not wait for quiet hours
  stop_loss: { label: "Stop-loss", severity: "critical" },
  trailing_stop: { label: "Trailing stop", severity: "critical" },
  take_profit: { label: "Take-profit", severity: "warning" },
  price_above: { label: "Price above", severity: "info" },
  price_below: { label: "Price below", severity: "info" },
};

const won = (amount: number) => `${amount.toLocaleString("en")} won`;

/**
 * The message for `alert` having fired as `record` says.
 * @example alertNotification(alert, record).title // "Stop-loss 005930 at 66,500 won"
 */
export function alertNotification(alert: Alert, record: AlertTriggerRecord): Notification {
  const { label, severity } = RULES[alert.rule.kind];
  const crossed = record.direction === "down" ? "at or below" : "at or above";
  const action = alert.action;
  const exit = action.kind === "notify"
    ? "No order is placed."
    : `Selling ${
      action.quantity.kind === "all" ? "the whole position" : `${action.quantity.shares} shares`
    } at market.`;
  return {
    title: `${label} ${alert.symbol} at ${won(record.price)}`,
    body: [
      `${alert.symbol} traded at ${won(record.price)}, ${crossed} ${won(record.level)}.`,
      `Account ${alert.account}, alert ${alert.id}.`,
      exit,
    ].join("\n"),
    severity: action.kind === "notify_and_exit" ? "critical" : severity,
    kind: "alert",
    dedupeKey: `alert:${alert.id}`,
  };
}
