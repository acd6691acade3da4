/**
 * Delivery through a Deno KV queue: one job per channel, quiet hours, retries with backoff, and
 * an idempotent handler (a dedupe key delivered on a channel is never sent there again, however
 * often the queue redelivers the job).
 * @module
 */
import { log } from "../obs/log.ts";
import { inSpan } from "../obs/tracing.ts";
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./backoff.ts";
import type { DeliveryResult, NotificationChannel } from "./channel.ts";
import {
  type FailedRecord,
  type NotifyJob,
  notifyJob,
  notifyJobSchema,
  notifyKeys,
  type PendingRecord,
  type SentRecord,
} from "./job.ts";
import { isUrgent, type KINDS, type Notification, notificationSchema } from "./message.ts";
import { type QuietHours, quietHoursEnd } from "./quiet_hours.ts";

/** How long past its due time a pending key outlives a job the queue never handed back. */
const PENDING_GRACE_MS = 24 * 60 * 60 * 1000;

/** What handling one job did. */
export type JobOutcome =
  | { readonly outcome: "delivered"; readonly channel: string; readonly attempt: number }
  | { readonly outcome: "duplicate"; readonly channel: string }
  | { readonly outcome: "deferred"; readonly channel: string; readonly untilMs: number }
  | { readonly outcome: "busy"; readonly channel: string; readonly retryInMs: number }
  | {
    readonly outcome: "retrying";
    readonly channel: string;
    readonly attempt: number;
    readonly retryInMs: number;
    readonly reason: string;
  }
  | { readonly outcome: "failed"; readonly channel: string; readonly reason: string }
  | { readonly outcome: "ignored"; readonly reason: string };

/** Settings of a `Notifier`. */
export interface NotifierOptions {
  /** The KV handle (opened by core/store); its queue carries the jobs. */
  readonly kv: Deno.Kv;
  /** The configured channels; names must be unique. */
  readonly channels: readonly NotificationChannel[];
  readonly quietHours?: QuietHours | null;
  /**
   * The preferences in force (core/notify/preferences.ts), read at each message: they replace
   * `quietHours`, and a kind not enabled is not queued.
   */
  readonly preferences?: () => Promise<NotifierPreferences>;
  readonly retry?: RetryPolicy;
  /** How long a claim on a delivery holds before another process may take over. */
  readonly claimMs?: number;
  /** Epoch ms. */
  readonly now?: () => number;
  /** In [0, 1); the backoff jitter. */
  readonly random?: () => number;
  /** Called with every job's outcome, e.g. for metrics. */
  readonly observe?: (outcome: JobOutcome) => void;
}

/** What the notifier reads from the stored preferences. */
export interface NotifierPreferences {
  readonly quietHours: QuietHours | null;
  readonly enabledKinds: readonly (typeof KINDS)[number][];
}

/** Enqueues notifications and delivers them from the KV queue. */
export class Notifier {
  readonly #kv: Deno.Kv;
  readonly #channels: ReadonlyMap<string, NotificationChannel>;
  readonly #options: NotifierOptions;
  readonly #now: () => number;

  /** Creates the notifier; throws when two channels share a name. */
  constructor(options: NotifierOptions) {
    const channels = new Map(options.channels.map((channel) => [channel.name, channel]));
    if (channels.size !== options.channels.length) {
      throw new Error("notification channels must have distinct names");
    }
    this.#kv = options.kv;
    this.#channels = channels;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Queues `notification` for every channel (one job each, so a retry on one channel never
   * resends on another); returns the number of jobs queued (0 when its kind is turned off).
   */
  async notify(notification: Notification): Promise<number> {
    const parsed = notificationSchema.parse(notification);
    const preferences = await this.#options.preferences?.();
    if (preferences && !preferences.enabledKinds.includes(parsed.kind)) return 0;
    const atomic = this.#kv.atomic();
    for (const name of this.#channels.keys()) this.#enqueue(atomic, notifyJob(name, parsed), 0);
    await atomic.commit();
    return this.#channels.size;
  }

  /**
   * Handles every notify job on the KV queue until the KV handle closes: for a KV whose queue
   * carries nothing else (the app routes its one queue through core/jobs `QueueDispatcher`).
   */
  listen(): Promise<void> {
    return this.#kv.listenQueue(async (value: unknown) => {
      await this.handle(value);
    });
  }

  /**
   * Handles one queue value. Never throws for a delivery failure (it re-enqueues the job with a
   * delay instead), so the queue's own redelivery only happens after a crash, and then the sent
   * record and the claim keep the message from going out twice.
   */
  async handle(value: unknown): Promise<JobOutcome> {
    const parsed = notifyJobSchema.safeParse(value);
    if (!parsed.success) return this.#settle({ outcome: "ignored", reason: "not a notify job" });
    const job = parsed.data;
    const channel = this.#channels.get(job.channel);
    if (!channel) {
      return this.#settle({ outcome: "ignored", reason: `no channel named ${job.channel}` });
    }
    const { dedupeKey } = job.notification;
    const sentKey = notifyKeys.sent(job.channel, dedupeKey);
    if ((await this.#kv.get(sentKey)).versionstamp !== null) {
      await this.#kv.delete(notifyKeys.pending(job.channel, dedupeKey));
      return this.#settle({ outcome: "duplicate", channel: job.channel }, job);
    }
    const now = this.#now();
    const quietHours = this.#options.preferences
      ? (await this.#options.preferences()).quietHours
      : this.#options.quietHours;
    const quietEnd = quietHours && !isUrgent(job.notification)
      ? quietHoursEnd(now, quietHours)
      : null;
    if (quietEnd !== null) {
      await this.#enqueue(this.#kv.atomic(), job, quietEnd - now).commit();
      return this.#settle({ outcome: "deferred", channel: job.channel, untilMs: quietEnd }, job);
    }
    if (!(await this.#claim(job, now))) {
      const retryInMs = this.#claimMs();
      await this.#enqueue(this.#kv.atomic(), job, retryInMs).commit();
      return this.#settle({ outcome: "busy", channel: job.channel, retryInMs }, job);
    }
    return this.#settle(await this.#deliver(channel, job), job);
  }

  async #deliver(channel: NotificationChannel, job: NotifyJob): Promise<JobOutcome> {
    const { dedupeKey } = job.notification;
    const claimKey = notifyKeys.claim(job.channel, dedupeKey);
    const attributes = {
      "notify.channel": job.channel,
      "notify.kind": job.notification.kind,
      "notify.attempt": job.attempt,
    };
    const result = await inSpan(
      "notify.deliver",
      attributes,
      () => sendSafely(channel, job.notification),
    );
    const at = this.#now();
    if (result.status === "delivered") {
      const record: SentRecord = { at, attempt: job.attempt };
      await this.#kv.atomic().set(notifyKeys.sent(job.channel, dedupeKey), record)
        .delete(claimKey).delete(notifyKeys.pending(job.channel, dedupeKey)).commit();
      return { outcome: "delivered", channel: job.channel, attempt: job.attempt };
    }
    const policy = this.#options.retry ?? DEFAULT_RETRY_POLICY;
    if (result.status === "retryable" && job.attempt < policy.maxAttempts) {
      const retryInMs = retryDelayMs(
        job.attempt,
        policy,
        this.#options.random,
        result.retryAfterMs,
      );
      const next = { ...job, attempt: job.attempt + 1 };
      await this.#enqueue(this.#kv.atomic().delete(claimKey), next, retryInMs).commit();
      return {
        outcome: "retrying",
        channel: job.channel,
        attempt: job.attempt,
        retryInMs,
        reason: result.reason,
      };
    }
    const reason = result.status === "retryable"
      ? `gave up after ${job.attempt} attempts: ${result.reason}`
      : result.reason;
    const record: FailedRecord = { at, attempts: job.attempt, reason };
    await this.#kv.atomic().set(notifyKeys.failed(job.channel, dedupeKey), record)
      .delete(claimKey).delete(notifyKeys.pending(job.channel, dedupeKey)).commit();
    return { outcome: "failed", channel: job.channel, reason };
  }

  /** Takes the delivery claim unless another live claim or a sent record exists. */
  async #claim(job: NotifyJob, now: number): Promise<boolean> {
    const { dedupeKey } = job.notification;
    const claimKey = notifyKeys.claim(job.channel, dedupeKey);
    const claim = await this.#kv.get<{ until: number }>(claimKey);
    if (claim.value && claim.value.until > now) return false;
    const claimMs = this.#claimMs();
    const result = await this.#kv.atomic()
      .check(claim)
      .check({ key: notifyKeys.sent(job.channel, dedupeKey), versionstamp: null })
      .set(claimKey, { until: now + claimMs }, { expireIn: claimMs })
      .commit();
    return result.ok;
  }

  #claimMs(): number {
    return this.#options.claimMs ?? 60_000;
  }

  #enqueue(atomic: Deno.AtomicOperation, job: NotifyJob, delayMs: number): Deno.AtomicOperation {
    const delay = Math.max(0, Math.round(delayMs));
    const { channel, notification: { dedupeKey } } = job;
    const pending: PendingRecord = { attempt: job.attempt, dueAt: this.#now() + delay };
    // expires a day after it is due, so a job KV gave up on leaves no pending key for ever
    return atomic.set(notifyKeys.pending(channel, dedupeKey), pending, {
      expireIn: delay + PENDING_GRACE_MS,
    }).enqueue(job, {
      delay,
      keysIfUndelivered: [notifyKeys.undelivered(channel, dedupeKey)],
    });
  }

  #settle(outcome: JobOutcome, job?: NotifyJob): JobOutcome {
    logOutcome(outcome, job);
    this.#options.observe?.(outcome);
    return outcome;
  }
}

/** A channel's result; an exception (a bug, or the token store failing) counts as retryable. */
async function sendSafely(
  channel: NotificationChannel,
  notification: Notification,
): Promise<DeliveryResult> {
  try {
    return await channel.send(notification);
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    return { status: "retryable", reason: `${channel.name} threw ${name}` };
  }
}

// Only names, keys and redacted reasons reach the log; a message's text and every secret stay out.
function logOutcome(outcome: JobOutcome, job: NotifyJob | undefined): void {
  const level = outcome.outcome === "failed" || outcome.outcome === "ignored"
    ? "warn"
    : outcome.outcome === "delivered" || outcome.outcome === "retrying"
    ? "info"
    : "debug";
  const context = job
    ? { dedupeKey: job.notification.dedupeKey, kind: job.notification.kind, attempt: job.attempt }
    : {};
  log(level, `notification ${outcome.outcome}`, { ...context, ...outcome });
}
