/**
 * The KV queue message that delivers one notification on one channel, and the KV keys that make
 * its delivery idempotent.
 * @module
 */
import { z } from "zod";
import { notificationSchema } from "./message.ts";

/** One queued delivery: a message, the channel it goes to, and which attempt this is. */
export const notifyJobSchema = z.object({
  type: z.literal("yeouido.notify"),
  channel: z.string().min(1),
  notification: notificationSchema,
  /** 1 for the first attempt. */
  attempt: z.number().int().min(1),
});

/** A queued delivery. */
export type NotifyJob = z.infer<typeof notifyJobSchema>;

/** The first attempt's job for `notification` on `channel`. */
export function notifyJob(channel: string, notification: NotifyJob["notification"]): NotifyJob {
  return { type: "yeouido.notify", channel, notification, attempt: 1 };
}

/** True for a queue value this module handles, so a shared queue listener can route it here. */
export function isNotifyJob(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    (value as { type?: unknown }).type === "yeouido.notify";
}

/** KV keys under `["notify", …]`. */
export const notifyKeys = {
  /** Written once a channel delivered a dedupe key; its presence makes every later job a no-op. */
  sent: (channel: string, dedupeKey: string): Deno.KvKey => ["notify", "sent", channel, dedupeKey],
  /** Held while one process sends, so a concurrent redelivery waits instead of sending too. */
  claim: (channel: string, dedupeKey: string): Deno.KvKey => [
    "notify",
    "claim",
    channel,
    dedupeKey,
  ],
  /** A permanent failure or exhausted retries, for the health page. */
  failed: (channel: string, dedupeKey: string): Deno.KvKey => [
    "notify",
    "failed",
    channel,
    dedupeKey,
  ],
  /**
   * Kept while a job is on the queue (written with each enqueue, deleted with its last outcome),
   * holding its attempt: the queue's depth, which Deno KV does not report, is these keys' count.
   */
  pending: (channel: string, dedupeKey: string): Deno.KvKey => [
    "notify",
    "pending",
    channel,
    dedupeKey,
  ],
  /** Where KV leaves a job whose handler kept throwing (`keysIfUndelivered`). */
  undelivered: (channel: string, dedupeKey: string): Deno.KvKey => [
    "notify",
    "undelivered",
    channel,
    dedupeKey,
  ],
} as const;

/** What `["notify", "pending", …]` holds: the attempt queued and when it is due (epoch ms). */
export interface PendingRecord {
  readonly attempt: number;
  readonly dueAt: number;
}

/** What `["notify", "sent", …]` holds. */
export interface SentRecord {
  readonly at: number;
  readonly attempt: number;
}

/** What `["notify", "failed", …]` holds. */
export interface FailedRecord {
  readonly at: number;
  readonly attempts: number;
  readonly reason: string;
}
