/**
 * The message every channel sends: a title and plain-text body, optional Markdown, a severity, a
 * kind and a dedupe key that makes delivery idempotent.
 * @module
 */
import { z } from "zod";

/** How much a message matters. */
export const SEVERITIES = ["info", "warning", "critical"] as const;
/** What produced a message. */
export const KINDS = ["report", "alert", "order", "error"] as const;

/** The schema of a `Notification`; the queue parses every job's message with it. */
export const notificationSchema = z.object({
  title: z.string().trim().min(1, "title must not be empty").max(200),
  /** Plain text; every channel can show it. */
  body: z.string().max(20_000),
  /** The same content as Markdown, for channels that render it (Slack). */
  markdown: z.string().max(20_000).optional(),
  severity: z.enum(SEVERITIES),
  kind: z.enum(KINDS),
  /** Same key, same message: a key that was delivered on a channel is never sent there again. */
  dedupeKey: z.string().min(1).max(200),
  /** Overrides the default urgency (errors and critical messages are urgent). */
  urgent: z.boolean().optional(),
  /** Where "open" leads, e.g. the dashboard page of the order. */
  link: z.url().optional(),
});

/** One message to deliver. */
export type Notification = z.infer<typeof notificationSchema>;

/**
 * True when the message goes out even in quiet hours: errors, critical messages (a stop-loss
 * trigger) and anything marked `urgent`.
 */
export function isUrgent(notification: Notification): boolean {
  return notification.urgent ??
    (notification.kind === "error" || notification.severity === "critical");
}
