/**
 * Exactly one process per KIS app key holds the realtime WebSocket: KIS allows one session per app
 * key, and two workers streaming would each act on one signal. The holder keeps a KV lease keyed
 * by the app key's hash (never the key) and renews it; another process stands by and takes over
 * once the lease expires; a holder that finds the lease taken from it stops its stream.
 * @module
 */
import { KvHolderLease } from "../jobs/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";

/** How long a lease lasts without renewal: a dead holder's stream is taken over after this. */
export const STREAM_LEASE_TTL_MS = 10_000;

/** How often the holder renews, and a standby tries to take over. */
export const STREAM_LEASE_RENEW_MS = 2_000;

/** Whether this process holds the stream or waits for it. */
export type StreamRole = "holder" | "standby";

/** What holding the stream lease needs. */
export interface StreamLeaseOptions {
  readonly kv: Deno.Kv;
  /** The KIS app key; only its SHA-256 goes into the lease's key. */
  readonly appKey: string;
  /** Identifies this process in the lease; default a random UUID. */
  readonly holder?: string;
  readonly ttlMs?: number;
  readonly renewMs?: number;
  /** Epoch ms; default `Date.now` (wall time, whatever the market's clock). */
  readonly now?: () => number;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
  /** Starts the stream, once the lease is taken; not awaited after the first attempt. */
  readonly start: () => Promise<void>;
  /** Stops the stream, when the lease is lost or given up. */
  readonly stop: () => Promise<void>;
}

/** The stream lease of a running process. */
export interface StreamLease {
  /** `holder` while this process streams, `standby` while it waits. */
  role(): StreamRole;
  /** Stops trying, stops the stream if this process holds it, and gives the lease up. */
  close(): Promise<void>;
}

/** The KV key of the stream lease of `appKey`: its SHA-256, hex. */
export async function streamLeaseKey(appKey: string): Promise<Deno.KvKey> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(appKey));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return ["leases", "kis_stream", hex];
}

/**
 * Tries to take the lease at once (and, holding it, starts the stream and waits for that first
 * start), then renews or retries every `renewMs`.
 */
export async function holdStreamLease(options: StreamLeaseOptions): Promise<StreamLease> {
  const lease = new KvHolderLease(options.kv, await streamLeaseKey(options.appKey));
  const holder = options.holder ?? crypto.randomUUID();
  const ttlMs = options.ttlMs ?? STREAM_LEASE_TTL_MS;
  const renewMs = options.renewMs ?? STREAM_LEASE_RENEW_MS;
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  let role: StreamRole = "standby";
  // when the lease this process last wrote expires
  let heldUntil = 0;
  let announced = false;
  let closed = false;
  let ticking: Promise<void> = Promise.resolve();

  const lose = async (reason: string) => {
    role = "standby";
    announced = false;
    log("warn", "stream lease lost: stopping the stream", { holder, reason });
    await options.stop();
  };

  const tick = async (awaitStart: boolean) => {
    const at = now();
    let taken: boolean;
    try {
      taken = await lease.acquire(holder, at, ttlMs);
    } catch (error) {
      log("error", "stream lease: KV unreachable", { holder, error });
      // past its expiry another process may hold it: this one can no longer say it does
      if (role === "holder" && !closed && now() >= heldUntil) {
        await lose("not renewed before it expired (KV unreachable)");
      }
      return;
    }
    if (taken) heldUntil = at + ttlMs;
    if (closed) return;
    if (role === "holder") {
      if (!taken) await lose("another process holds it (this one stopped renewing in time)");
      return;
    }
    if (!taken) {
      if (!announced) {
        const current = await lease.holder(now()).catch(() => null);
        log("info", "standing by: another process holds the KIS stream", {
          holder,
          streamHolder: current?.holder,
          ttlMs,
        });
        announced = true;
      }
      return;
    }
    role = "holder";
    log("info", "stream lease taken: starting the stream", { holder, ttlMs, renewMs });
    const started = options.start().catch((error) =>
      log("error", "stream did not start", { holder, error })
    );
    if (awaitStart) await started;
  };

  await (ticking = tick(true));
  let busy = false;
  const timer = setInterval(() => {
    // a tick still waiting on KV is not joined by another
    if (busy || closed) return;
    busy = true;
    ticking = tick(false).finally(() => busy = false);
  }, renewMs);
  return {
    role: () => role,
    async close() {
      closed = true;
      clearInterval(timer);
      await ticking;
      if (role !== "holder") return;
      role = "standby";
      await options.stop();
      await lease.release(holder).catch((error) =>
        log("warn", "stream lease not released; it expires on its own", { holder, error })
      );
    },
  };
}
