/**
 * The notification queue's depth, which Deno KV's queue does not report: counted from the keys the
 * notifier keeps beside it (`["notify", "pending", …]` while a job is queued, `["notify",
 * "undelivered", …]` for a job KV gave up on).
 * @module
 */
import type { PendingRecord } from "./job.ts";

/** Jobs on the queue by state, and those KV gave up on. */
export interface NotifyQueueDepth {
  /** First attempts waiting (also those deferred by quiet hours). */
  readonly queued: number;
  /** Jobs queued again after a failed attempt. */
  readonly retrying: number;
  /** Jobs whose handler kept throwing until KV stopped redelivering them. */
  readonly undelivered: number;
}

/** Reads at most this many keys of each kind; a deeper queue reads as this many. */
export const DEPTH_READ_LIMIT = 10_000;

/** Counts the queue's jobs on `kv` by state. */
export async function notifyQueueDepth(kv: Deno.Kv): Promise<NotifyQueueDepth> {
  let queued = 0;
  let retrying = 0;
  // the prefixes of notifyKeys.pending and notifyKeys.undelivered
  const prefix = (kind: "pending" | "undelivered") => ({ prefix: ["notify", kind] });
  const limit = { limit: DEPTH_READ_LIMIT };
  for await (const entry of kv.list<PendingRecord>(prefix("pending"), limit)) {
    if (entry.value.attempt > 1) retrying++;
    else queued++;
  }
  let undelivered = 0;
  for await (const _ of kv.list(prefix("undelivered"), limit)) undelivered++;
  return { queued, retrying, undelivered };
}
