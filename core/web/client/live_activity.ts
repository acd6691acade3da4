/**
 * What the live activity card on `/` lists: the stream's events that change the portfolio or stop
 * trading, and every action those events carry, which the message tables word (core/web/i18n).
 * @module
 */
import type { Side } from "../../broker/types.ts";
import type { AmendmentRequest, AmendmentStatus } from "../../trading/amendment.ts";
import type { OrderStatus } from "../../trading/order_state.ts";
import type { Messages } from "../i18n/mod.ts";

/** The events the card lists (their names as core/api/event_feed.ts gives them). */
export const LIVE_ACTIVITY_EVENTS = [
  "order",
  "fill",
  "risk",
  "kill_switch",
  "alert_triggered",
] as const;

/**
 * An action of an event the card lists, as its writer audits it: an order's status (a risk
 * refusal is `rejected` too) or a late acknowledgement (core/trading); a cancel's or revision's
 * request and each status after it; a fill's side; the kill switch turned on or off; an alert fired.
 */
export type LiveActivityAction =
  | OrderStatus
  | "late_ack"
  | `${AmendmentRequest["kind"]}_requested`
  | `${AmendmentRequest["kind"]}_${AmendmentStatus}`
  | Side
  | `kill_switch_${"on" | "off"}`
  | "triggered";

/** Every action's words: an order's statuses and a fill's sides from their own tables, the rest from the card's. */
export function liveActivityActions(
  t: Pick<Messages, "orderStatus" | "side" | "live">,
): Readonly<Record<LiveActivityAction, string>> {
  return { ...t.orderStatus, ...t.side, ...t.live.actions };
}
